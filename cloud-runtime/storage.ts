import { createHmac, timingSafeEqual } from 'node:crypto'
import { appendFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { CloudStorage } from '../cloudfunctions/_shared/context'
import { AsyncMutex } from './db/transactions'

const FILE_ID_PREFIX = 'cloud://local/'
/** Inside the storage root but never a cloud path: the runtime's own bookkeeping. */
const RUNTIME_FOLDER = '.runtime'
const CREATORS_FILE = path.join(RUNTIME_FOLDER, 'creators.jsonl')
/** As long as a temporary URL of a private file lives on CloudBase by default (getTempFileURL maxAge 86400 s). */
export const TEMP_URL_TTL_MS = 24 * 3600 * 1000

export interface LocalStorageOptions {
  /** Folder holding the files: `<root>/<cloudPath>`. */
  root: string
  publicBaseUrl: () => string
  /** The runtime's clock: temporary URLs expire by it. */
  now: () => Date
  /** HMAC-SHA256 key signing the temporary URLs. */
  urlKey: string
}

/** Why a client's upload or a request for a file was refused. */
export type StorageRefusal = 'not-creator' | 'invalid-signature' | 'expired'

export class StorageRefusedError extends Error {
  constructor(readonly reason: StorageRefusal) {
    super(`LocalStorage: refused (${reason})`)
  }
}

/**
 * Cloud storage on disk: `cloud://local/<cloudPath>` ↔ `<root>/<cloudPath>`. Behaves like CloudBase
 * storage under the rule "仅创建者可读写" as the mini program sees it: the app uploads as a WeChat
 * identity and may not overwrite a file someone else created (files the cloud functions store are
 * the server's); it reads files only through the temporary URLs the functions hand out, served at
 * `/files/<cloudPath>?t=<expiry>&sign=<HMAC>` and good until they expire. The functions read,
 * write and delete everything.
 */
export class LocalStorage implements CloudStorage {
  /** Files uploaded from the app, by cloud path → the openid that created them; loaded on first use. */
  private creators: Map<string, string> | null = null
  private readonly writes = new AsyncMutex()

  constructor(private readonly options: LocalStorageOptions) {}

  fileIdOf(cloudPath: string): string {
    return FILE_ID_PREFIX + normalizeCloudPath(cloudPath)
  }

  /** Absolute path on disk of a cloud path, refusing anything that escapes the storage root. */
  diskPathOf(cloudPath: string): string {
    return path.join(this.options.root, normalizeCloudPath(cloudPath))
  }

  /** A cloud function's upload: the server's file, whoever created what was there. */
  uploadFile(cloudPath: string, content: Uint8Array): Promise<{ fileId: string }> {
    return this.store(cloudPath, content, null)
  }

  /** The app's upload as `openid`; StorageRefusedError('not-creator') when another identity or the server holds the path. */
  uploadAs(openid: string, cloudPath: string, content: Uint8Array): Promise<{ fileId: string }> {
    return this.store(cloudPath, content, openid)
  }

  async downloadFile(fileId: string): Promise<Uint8Array> {
    return readFile(this.diskPathOf(cloudPathOf(fileId)))
  }

  async getTempFileUrls(fileIds: string[]): Promise<{ fileId: string; url: string }[]> {
    return this.tempUrlsAt(this.options.publicBaseUrl(), fileIds)
  }

  /** Temporary URLs served from `baseUrl` (the local runtime's, or the SDK endpoint's for the SDK's own downloads). */
  tempUrlsAt(baseUrl: string, fileIds: string[]): { fileId: string; url: string }[] {
    const expiresAt = Math.floor((this.options.now().getTime() + TEMP_URL_TTL_MS) / 1000)
    return fileIds.map((fileId) => {
      const cloudPath = normalizeCloudPath(cloudPathOf(fileId))
      const query = new URLSearchParams({ t: String(expiresAt), sign: this.signature(cloudPath, expiresAt) })
      const encodedPath = cloudPath.split('/').map(encodeURIComponent).join('/')
      return { fileId, url: `${baseUrl}/files/${encodedPath}?${query}` }
    })
  }

  /**
   * Where on disk the file of a temporary URL is, if `t` and `sign` are what getTempFileUrls gave
   * for this path and the URL has not expired; StorageRefusedError otherwise.
   */
  resolveTempUrl(cloudPath: string, query: URLSearchParams): string {
    const normalized = normalizeCloudPath(cloudPath)
    const expiresAt = Number(query.get('t'))
    const given = Buffer.from(query.get('sign') ?? '')
    const expected = Buffer.from(this.signature(normalized, expiresAt))
    if (!Number.isSafeInteger(expiresAt) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new StorageRefusedError('invalid-signature')
    }
    if (this.options.now().getTime() > expiresAt * 1000) throw new StorageRefusedError('expired')
    return path.join(this.options.root, normalized)
  }

  async deleteFiles(fileIds: string[]): Promise<void> {
    const cloudPaths = fileIds.map((fileId) => normalizeCloudPath(cloudPathOf(fileId)))
    await this.writes.runExclusive(async () => {
      await Promise.all(cloudPaths.map((cloudPath) => rm(path.join(this.options.root, cloudPath), { force: true })))
      await this.recordCreators(cloudPaths.map((cloudPath) => [cloudPath, null]))
    })
  }

  private async store(cloudPath: string, content: Uint8Array, creator: string | null): Promise<{ fileId: string }> {
    const normalized = normalizeCloudPath(cloudPath)
    const target = path.join(this.options.root, normalized)
    await this.writes.runExclusive(async () => {
      if (creator !== null) {
        const exists = await stat(target).then((info) => info.isFile(), () => false)
        if (exists && (await this.creatorOf(normalized)) !== creator) throw new StorageRefusedError('not-creator')
      }
      // Recorded first: if the process dies in between, a creator without a file holds nothing.
      await this.recordCreators([[normalized, creator]])
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, content)
    })
    return { fileId: FILE_ID_PREFIX + normalized }
  }

  /** The openid that uploaded the file from the app; null for the server's files. */
  private async creatorOf(cloudPath: string): Promise<string | null> {
    return (await this.loadCreators()).get(cloudPath) ?? null
  }

  /** Appends to the index (one JSON line per change; the last line about a path wins). */
  private async recordCreators(changes: [string, string | null][]): Promise<void> {
    const creators = await this.loadCreators()
    const relevant = changes.filter(([cloudPath, creator]) => creator !== null || creators.has(cloudPath))
    if (relevant.length === 0) return
    const file = path.join(this.options.root, CREATORS_FILE)
    await mkdir(path.dirname(file), { recursive: true })
    await appendFile(file, relevant.map(([cloudPath, creator]) => `${JSON.stringify({ path: cloudPath, creator })}\n`).join(''))
    for (const [cloudPath, creator] of relevant) {
      if (creator === null) creators.delete(cloudPath)
      else creators.set(cloudPath, creator)
    }
  }

  private async loadCreators(): Promise<Map<string, string>> {
    if (this.creators) return this.creators
    const creators = new Map<string, string>()
    const text = await readFile(path.join(this.options.root, CREATORS_FILE), 'utf8').catch(() => '')
    for (const line of text.split('\n')) {
      const entry = parseCreatorLine(line)
      if (!entry) continue
      if (entry.creator === null) creators.delete(entry.path)
      else creators.set(entry.path, entry.creator)
    }
    this.creators = creators
    return creators
  }

  private signature(cloudPath: string, expiresAt: number): string {
    return createHmac('sha256', this.options.urlKey).update(`${cloudPath}\n${expiresAt}`).digest('base64url')
  }
}

function parseCreatorLine(line: string): { path: string; creator: string | null } | null {
  try {
    const entry = JSON.parse(line) as { path?: unknown; creator?: unknown }
    if (typeof entry.path !== 'string' || (typeof entry.creator !== 'string' && entry.creator !== null)) return null
    return { path: entry.path, creator: entry.creator }
  } catch {
    // A line cut short when the process died: that upload was not recorded.
    return null
  }
}

function cloudPathOf(fileId: string): string {
  if (!fileId.startsWith(FILE_ID_PREFIX)) throw new Error(`LocalStorage: not a local file id: ${fileId}`)
  return fileId.slice(FILE_ID_PREFIX.length)
}

function normalizeCloudPath(cloudPath: string): string {
  const normalized = path.posix.normalize(cloudPath.replace(/\\/g, '/')).replace(/^\/+/, '')
  const [first] = normalized.split('/')
  if (normalized === '' || normalized === '.' || normalized.startsWith('..') || first === RUNTIME_FOLDER) {
    throw new Error(`LocalStorage: invalid cloud path: ${cloudPath}`)
  }
  return normalized
}
