import { createReadStream, existsSync, readFileSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import Busboy from 'busboy'
import contentDisposition from 'content-disposition'
import sirv from 'sirv'
import type { ActionResult } from '../src/domain/contracts'
import { ERROR_MESSAGES, type ErrorCode } from '../src/domain/errors'
import { COLLECTIONS } from '../src/domain/collections'
import { listDemoPeople } from './dev-people'
import { renderSigninPage } from './dev-signin'
import { isLoopbackHost, refusalToListen } from './listen-address'
import type { LocalCloud } from './local-cloud'
import { StorageRefusedError } from './storage'

const MAX_JSON_BYTES = 1024 * 1024
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
const DEV_PAGES_DIR = path.join(__dirname, 'dev-pages')

export interface ServerOptions {
  cloud: LocalCloud
  /** The H5 build to serve; null serves the API only (integration tests). */
  h5Dir: string | null
  port: number
  /** 127.0.0.1 unless given; any other than a loopback address needs `exposeToNetwork`. */
  host?: string
  /** The person asked for the runtime to be reachable from other computers (ZBT_ALLOW_LAN=1, see listen-address.ts). */
  exposeToNetwork?: boolean
}

export interface RunningServer {
  url: string
  server: http.Server
  close(): Promise<void>
}

/**
 * The local runtime's HTTP face: function calls and uploads for the H5 build,
 * stored files, the dev sign-in page, and the H5 app itself.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { cloud } = options
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(host) && !options.exposeToNetwork) throw new Error(refusalToListen(host))
  const serveApp = options.h5Dir ? appHandler(options.h5Dir) : null
  const server = http.createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      console.error('local runtime: request failed', error)
      if (!response.headersSent) sendJson(response, 500, failure('INTERNAL'))
      else response.end()
    })
  })

  async function route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const functionMatch = /^\/api\/functions\/([\w-]+)$/.exec(url.pathname)
    if (functionMatch && request.method === 'POST') return callFunction(functionMatch[1], request, response)
    if (url.pathname === '/api/upload' && request.method === 'POST') return upload(request, response)
    if (url.pathname.startsWith('/files/') && request.method === 'GET') return serveStoredFile(url, response)
    if (url.pathname === '/dev/people') return sendJson(response, 200, await listDemoPeople(cloud.db()))
    if (url.pathname === '/dev/signin') return sendHtml(response, renderSigninPage(url.searchParams.get('return')))
    if (url.pathname === '/dev/banner.js') return sendScript(response, path.join(DEV_PAGES_DIR, 'banner.js'))
    if (url.pathname === '/dev/outbox' && request.method === 'GET') return sendJson(response, 200, await readOutbox(cloud))
    if (url.pathname === '/dev/timers' && request.method === 'GET') return sendJson(response, 200, { timers: cloud.timerFunctions() })
    const timerMatch = /^\/dev\/timers\/([\w-]+)$/.exec(url.pathname)
    if (timerMatch && request.method === 'POST') {
      const timer = cloud.timerFunctions().find((name) => name === timerMatch[1])
      if (!timer) return sendJson(response, 404, failure('NOT_FOUND', `没有名为 ${timerMatch[1]} 的定时任务`))
      return sendJson(response, 200, await cloud.invokeFromPlatform(timer, 'timer'))
    }
    if (serveApp) return serveApp(request, response)
    sendJson(response, 404, failure('NOT_FOUND'))
  }

  async function callFunction(name: string, request: http.IncomingMessage, response: http.ServerResponse) {
    if (!cloud.isFunction(name)) return sendJson(response, 404, failure('NOT_FOUND', `云函数 ${name} 不存在`))
    let event: unknown
    try {
      event = JSON.parse((await readBody(request, MAX_JSON_BYTES)).toString('utf8'))
    } catch {
      return sendJson(response, 400, failure('INVALID_INPUT', '请求内容不是有效的 JSON'))
    }
    const openid = headerValue(request, 'x-dev-openid')
    sendJson(response, 200, await cloud.invoke(name, event, openid))
  }

  /** As the mini program uploads under "仅创建者可读写": as a WeChat identity, never over someone else's file. */
  async function upload(request: http.IncomingMessage, response: http.ServerResponse) {
    const openid = headerValue(request, 'x-dev-openid')
    if (!openid) {
      request.resume()
      return sendJson(response, 401, failure('UNAUTHENTICATED', '请先登录再上传文件（缺少微信身份）'))
    }
    const { fields, file } = await readMultipart(request)
    if (!file) return sendJson(response, 400, failure('INVALID_INPUT', '没有收到文件'))
    if (file === 'too-large') return sendJson(response, 413, failure('INVALID_INPUT', '文件超过 10 MB，无法上传'))
    const cloudPath = fields.get('cloudPath')
    if (!cloudPath) return sendJson(response, 400, failure('INVALID_INPUT', '缺少文件的存储路径'))
    try {
      const { fileId } = await cloud.storage.uploadAs(openid, cloudPath, file)
      sendJson(response, 200, { ok: true, data: { fileId } })
    } catch (error) {
      if (error instanceof StorageRefusedError) {
        return sendJson(response, 403, failure('FORBIDDEN', '该位置已有他人上传的文件，不能覆盖'))
      }
      sendJson(response, 400, failure('INVALID_INPUT', '文件的存储路径无效'))
    }
  }

  /** A temporary URL from getTempFileUrls: only with its signature, until it expires. */
  async function serveStoredFile(url: URL, response: http.ServerResponse) {
    let diskPath: string
    try {
      diskPath = cloud.storage.resolveTempUrl(decodeURIComponent(url.pathname.slice('/files/'.length)), url.searchParams)
    } catch (error) {
      if (!(error instanceof StorageRefusedError)) return sendJson(response, 400, failure('INVALID_INPUT', '文件路径无效'))
      const message = error.reason === 'expired' ? '文件链接已过期，请刷新页面后重新打开' : '文件链接无效，请在应用内重新打开'
      return sendJson(response, 403, failure('FORBIDDEN', message))
    }
    const info = await stat(diskPath).catch(() => null)
    if (!info?.isFile()) return sendJson(response, 404, failure('NOT_FOUND', '文件不存在或已被删除'))
    response.writeHead(200, {
      ...storedFileHeaders(diskPath, url.searchParams.get('filename')),
      'content-length': info.size,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
    })
    createReadStream(diskPath).pipe(response)
  }

  await new Promise<void>((resolve) => server.listen(options.port, host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://localhost:${port}`,
    server,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

/** Local runtime only: the subscribe messages the timers "sent" (reminders, the 消息 dispatcher), newest first. */
async function readOutbox(cloud: LocalCloud): Promise<{ messages: unknown[] }> {
  const { data } = await cloud.db().collection(COLLECTIONS.outbox.name).orderBy('sentAt', 'desc').limit(100).get()
  return { messages: data }
}

/** The H5 build with a fallback to index.html for client-side routes, plus the dev banner. */
function appHandler(h5Dir: string): (request: http.IncomingMessage, response: http.ServerResponse) => void {
  const assets = sirv(h5Dir, { etag: true, dev: false })
  const indexPath = path.join(h5Dir, 'index.html')
  if (!existsSync(indexPath)) throw new Error(`local runtime: no H5 build at ${h5Dir} (run the H5 build first)`)
  const indexHtml = readFileSync(indexPath, 'utf8').replace('</body>', '<script src="/dev/banner.js"></script></body>')
  const sendIndex = (response: http.ServerResponse) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' })
    response.end(indexHtml)
  }
  return (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost')
    if (pathname === '/' || pathname === '/index.html') return sendIndex(response)
    assets(request, response, () => sendIndex(response))
  }
}

function failure(code: ErrorCode, message: string = ERROR_MESSAGES[code]): ActionResult<never> {
  return { ok: false, error: { code, message } }
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  response.end(text)
}

function sendHtml(response: http.ServerResponse, html: string): void {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' })
  response.end(html)
}

function sendScript(response: http.ServerResponse, file: string): void {
  response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' })
  createReadStream(file).pipe(response)
}

function headerValue(request: http.IncomingMessage, name: string): string | null {
  const value = request.headers[name]
  const single = Array.isArray(value) ? value[0] : value
  return single ? single : null
}

function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new Error('request body too large'))
        request.destroy()
      } else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function readMultipart(
  request: http.IncomingMessage,
): Promise<{ fields: Map<string, string>; file: Buffer | 'too-large' | null }> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>()
    let file: Buffer | 'too-large' | null = null
    let parser: Busboy.Busboy
    try {
      parser = Busboy({ headers: request.headers, limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } })
    } catch (error) {
      return reject(error)
    }
    parser.on('field', (name, value) => fields.set(name, value))
    parser.on('file', (_name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('limit', () => (file = 'too-large'))
      stream.on('end', () => {
        if (file !== 'too-large') file = Buffer.concat(chunks)
      })
    })
    parser.on('close', () => resolve({ fields, file }))
    parser.on('error', reject)
    request.pipe(parser)
  })
}

/** Stored files a browser may show in place: photos and PDF minutes. Never HTML or script from the app's origin. */
const INLINE_STORED_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
}
const MAX_DOWNLOAD_NAME = 120

/**
 * Everything else is a download: `requestedName` (e.g. 出勤台账-….xlsx) if it is a plain file name,
 * always ending in the stored file's extension, or else the stored name.
 */
function storedFileHeaders(diskPath: string, requestedName: string | null): Record<string, string> {
  const extension = path.extname(diskPath).toLowerCase()
  const inline = INLINE_STORED_TYPES[extension]
  if (inline) return { 'content-type': inline }
  const cleaned = (requestedName ?? '').replace(/[\\/\p{Cc}]/gu, '').trim().slice(0, MAX_DOWNLOAD_NAME)
  const name = cleaned === '' ? path.basename(diskPath) : cleaned.toLowerCase().endsWith(extension) ? cleaned : cleaned + extension
  return { 'content-type': 'application/octet-stream', 'content-disposition': contentDisposition(name, { type: 'attachment' }) }
}
