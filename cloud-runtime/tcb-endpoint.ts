/**
 * A local HTTP endpoint that speaks the protocol @cloudbase/node-sdk (and wx-server-sdk on top of it)
 * sends to CloudBase's `tcb-api …/admin`, so the production context (cloudfunctions/_shared/production.ts)
 * runs its real request path here: requests are TC3-signed JSON (multipart for wx.openApi) posted to
 * the `serviceUrl`, answered `{ data, requestId }` or `{ code, message, requestId }`.
 *
 * - `database.*`: executed on the local engine by the same LocalRequest the embedded Db uses.
 * - `storage.getUploadMetadata` / `batchGetDownloadUrl` / `batchDeleteFile`, with the upload (PUT) and
 *   download (GET) URLs they hand out served here from the local storage folder.
 * - `wx.openApi` (protobuf CommApiData in, CommOpenApiResp out): subscribeMessage.send lands in the
 *   dev outbox, security.* answers from LocalContentSecurity, wxacode.getUnlimited answers WeChat's
 *   "page not published" (there is no mini program here).
 */
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Signer } from '@cloudbase/signature-nodejs'
import protobuf from 'protobufjs'
import { COLLECTIONS } from '../src/domain/collections'
import type { ContentCheckState } from '../cloudfunctions/_shared/context'
import type { LocalContentSecurity } from './content-security'
import type { DatabaseEngine } from './db/engine'
import { LocalDatabaseError } from './db/errors'
import { stringifyDocument } from './db/extended-json'
import { LOCAL_BINDING, LocalRequest } from './db/local-request'
import type { LocalStorage } from './storage'

export interface TcbCredentials {
  secretId: string
  secretKey: string
}

export interface TcbEndpointOptions {
  engine: DatabaseEngine
  /** Files on disk; the download links this endpoint hands out point to itself. */
  storage: LocalStorage
  contentSecurity: LocalContentSecurity
  now: () => Date
  credentials: TcbCredentials
}

type Params = Record<string, unknown>

export interface TcbRequest {
  action: string
  /** The collection of a database action. */
  collection: string | null
}

/** The messages of wx-server-sdk's openapi.proto that a cloud.openapi call uses. */
const OPENAPI_PROTO = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: { fields: { key: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: { fields: { apiType: { type: 'int32', id: 1 }, openapiData: { type: 'OpenApiData', id: 2 }, appid: { type: 'string', id: 6 } } },
    CommOpenApiResp: {
      fields: { respData: { type: 'bytes', id: 1 }, contentType: { type: 'string', id: 2 }, errorCode: { type: 'int32', id: 3 }, httpCode: { type: 'uint32', id: 4 } },
    },
  },
})
const CommApiData = OPENAPI_PROTO.lookupType('CommApiData')
const CommOpenApiResp = OPENAPI_PROTO.lookupType('CommOpenApiResp')

/** WeChat's suggest for each local review state. */
const SUGGEST: Record<ContentCheckState, string> = { pass: 'pass', pending: 'review', reject: 'risky' }

export class TcbEndpoint {
  /** Every request received, in order (benchmarks count database round trips with it). */
  readonly requests: TcbRequest[] = []
  private traces = 0

  private constructor(
    private readonly server: Server,
    private readonly options: TcbEndpointOptions,
  ) {}

  static async start(options: TcbEndpointOptions): Promise<TcbEndpoint> {
    const server = createServer()
    const endpoint = new TcbEndpoint(server, options)
    server.on('request', (request, response) => {
      endpoint.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return endpoint
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** What to pass as node-sdk's `serviceUrl`. */
  get serviceUrl(): string {
    return `${this.origin}/admin`
  }

  close(): Promise<void> {
    this.server.closeAllConnections()
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())))
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin)
    const body = await readBody(request)
    if (request.method === 'PUT' && url.pathname.startsWith('/cos/')) {
      await this.options.storage.uploadFile(decodeURIComponent(url.pathname.slice('/cos/'.length)), body)
      response.writeHead(200).end()
      return
    }
    if (request.method === 'GET' && url.pathname.startsWith('/files/')) {
      const cloudPath = url.pathname.slice('/files/'.length).split('/').map(decodeURIComponent).join('/')
      let diskPath: string
      try {
        diskPath = this.options.storage.resolveTempUrl(cloudPath, url.searchParams)
      } catch {
        response.writeHead(403).end()
        return
      }
      const content = await readFile(diskPath).catch(() => null)
      if (!content) response.writeHead(404).end()
      else response.writeHead(200, { 'content-type': 'application/octet-stream', 'x-content-type-options': 'nosniff' }).end(content)
      return
    }
    if (request.method !== 'POST' || url.pathname !== '/admin') {
      response.writeHead(404).end()
      return
    }
    const contentType = String(request.headers['content-type'] ?? '')
    const params = contentType.startsWith('multipart/form-data') ? parseMultipart(body, contentType) : (JSON.parse(body.toString('utf8')) as Params)
    const requestId = randomUUID()
    const refusal = this.verifySignature(request, params)
    if (refusal) return sendJson(response, { code: 'SIGN_PARAM_INVALID', message: refusal, requestId })
    const action = String(params.action)
    this.requests.push({ action, collection: typeof params.collectionName === 'string' ? params.collectionName : null })
    if (action === 'wx.openApi') {
      const answer = await this.openApi(String(params.apiName), params.requestData)
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(CommOpenApiResp.encode(answer).finish()))
      return
    }
    try {
      sendJson(response, { ...(await this.execute(action, params)), requestId })
    } catch (error) {
      if (!(error instanceof LocalDatabaseError)) throw error
      sendJson(response, { code: error.code, message: error.message, requestId })
    }
  }

  /** The same TC3-HMAC-SHA256 signature @cloudbase/signature-nodejs computes on the client. */
  private verifySignature(request: IncomingMessage, params: Params): string | null {
    const authorization = String(request.headers.authorization ?? '')
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? []
    const credential = /Credential=([^/]+)\//.exec(authorization)?.[1]
    if (credential !== this.options.credentials.secretId) return 'unknown secretId'
    const headers = Object.fromEntries(signedHeaders.map((name) => [name, String(request.headers[name] ?? '')]))
    const url = `http://${String(request.headers.host)}${request.url ?? ''}`
    const expected = new Signer(this.options.credentials, 'tcb').tc3sign('post', url, headers, params, Number(request.headers['x-timestamp']), {
      withSignedParams: true,
    })
    return expected.authorization === authorization ? null : 'signature does not match'
  }

  private async execute(action: string, params: Params): Promise<Params> {
    const { storage } = this.options
    switch (action) {
      case 'storage.getUploadMetadata': {
        const cloudPath = String(params.path)
        const fileId = storage.fileIdOf(cloudPath)
        return { data: { url: `${this.origin}/cos/${encodeURIComponent(cloudPath)}`, token: '', authorization: '', fileId, cosFileId: fileId } }
      }
      case 'storage.batchGetDownloadUrl': {
        const fileIds = (params.file_list as { fileid: string }[]).map((file) => file.fileid)
        const urls = storage.tempUrlsAt(this.origin, fileIds)
        return { data: { download_list: urls.map(({ fileId, url }) => ({ fileID: fileId, tempFileURL: url, code: 'SUCCESS' })) } }
      }
      case 'storage.batchDeleteFile': {
        const fileIds = params.fileid_list as string[]
        await storage.deleteFiles(fileIds)
        return { data: { delete_list: fileIds.map((fileId) => ({ fileID: fileId, code: 'SUCCESS' })) } }
      }
      default:
        if (!action.startsWith('database.')) throw new LocalDatabaseError('INVALID_PARAM', `TcbEndpoint: unsupported action "${action}"`)
        return this.database().send(action, params)
    }
  }

  private database(): LocalRequest {
    return new LocalRequest({ [LOCAL_BINDING]: { engine: this.options.engine, now: this.options.now } })
  }

  private async openApi(apiName: string, requestData: unknown): Promise<{ respData: Buffer; contentType: string; errorCode: number }> {
    const message = CommApiData.toObject(CommApiData.decode(requestData as Buffer)) as { openapiData?: { pairs?: { key: string; value: Uint8Array }[] } }
    const data = Object.fromEntries((message.openapiData?.pairs ?? []).map(({ key, value }) => [key, JSON.parse(Buffer.from(value).toString('utf8')) as unknown]))
    const json = (value: object) => ({ respData: Buffer.from(JSON.stringify(value)), contentType: 'application/json; charset=utf-8', errorCode: 0 })
    const { contentSecurity, now } = this.options
    switch (apiName) {
      case 'subscribeMessage.send': {
        const document = { kind: 'subscribeMessage', touser: data.touser, templateId: data.template_id, page: data.page, data: data.data, sentAt: now() }
        await this.database().send('database.insertDocument', { collectionName: COLLECTIONS.outbox.name, data: [stringifyDocument(document)] })
        return json({ errcode: 0, errmsg: 'ok' })
      }
      case 'security.msgSecCheck': {
        const state = await contentSecurity.checkText({ text: String(data.content), openid: String(data.openid) })
        return json({ errcode: 0, errmsg: 'ok', result: { suggest: SUGGEST[state] } })
      }
      case 'security.mediaCheckAsync': {
        const { traceId } = await contentSecurity.checkImage({ url: String(data.media_url), openid: String(data.openid) })
        // WeChat answers only a trace id here; the result comes later as a push.
        return json({ errcode: 0, errmsg: 'ok', trace_id: traceId ?? `local-trace-${++this.traces}` })
      }
      case 'wxacode.getUnlimited':
        return json({ errcode: 41030, errmsg: 'invalid page: the local runtime has no published mini program' })
      default:
        return json({ errcode: -1, errmsg: `TcbEndpoint: unsupported openapi ${apiName}` })
    }
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function sendJson(response: ServerResponse, value: object): void {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value))
}

/** form-data's encoding as node-sdk sends it: text fields, and Buffers as application/octet-stream parts. */
function parseMultipart(body: Buffer, contentType: string): Params {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1]
  if (!boundary) throw new Error('multipart body without boundary')
  const delimiter = Buffer.from(`--${boundary}`)
  const params: Params = {}
  let start = body.indexOf(delimiter) + delimiter.length
  for (let next = body.indexOf(delimiter, start); next !== -1; start = next + delimiter.length, next = body.indexOf(delimiter, start)) {
    const part = body.subarray(start + 2, next - 2) // past CRLF after the delimiter, before CRLF ahead of the next
    const headerEnd = part.indexOf('\r\n\r\n')
    const head = part.subarray(0, headerEnd).toString('utf8')
    const name = /name="([^"]+)"/.exec(head)?.[1]
    if (!name) continue
    const value = part.subarray(headerEnd + 4)
    params[name] = /content-type:\s*application\/octet-stream/i.test(head) ? Buffer.from(value) : value.toString('utf8')
  }
  return params
}
