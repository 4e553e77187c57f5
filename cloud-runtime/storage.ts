import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { CloudStorage } from '../cloudfunctions/_shared/context'

const FILE_ID_PREFIX = 'cloud://local/'

/** Cloud storage on disk: `cloud://local/<cloudPath>` ↔ `<root>/<cloudPath>`, served at `/files/<cloudPath>`. */
export class LocalStorage implements CloudStorage {
  constructor(
    private readonly root: string,
    private readonly publicBaseUrl: () => string,
  ) {}

  fileIdOf(cloudPath: string): string {
    return FILE_ID_PREFIX + normalizeCloudPath(cloudPath)
  }

  /** Absolute path on disk of a cloud path, refusing anything that escapes the storage root. */
  diskPathOf(cloudPath: string): string {
    return path.join(this.root, normalizeCloudPath(cloudPath))
  }

  async uploadFile(cloudPath: string, content: Uint8Array): Promise<{ fileId: string }> {
    const target = this.diskPathOf(cloudPath)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, content)
    return { fileId: this.fileIdOf(cloudPath) }
  }

  async downloadFile(fileId: string): Promise<Uint8Array> {
    return readFile(this.diskPathOf(cloudPathOf(fileId)))
  }

  async getTempFileUrls(fileIds: string[]): Promise<{ fileId: string; url: string }[]> {
    return fileIds.map((fileId) => ({
      fileId,
      url: `${this.publicBaseUrl()}/files/${cloudPathOf(fileId).split('/').map(encodeURIComponent).join('/')}`,
    }))
  }

  async deleteFiles(fileIds: string[]): Promise<void> {
    await Promise.all(fileIds.map((fileId) => rm(this.diskPathOf(cloudPathOf(fileId)), { force: true })))
  }
}

function cloudPathOf(fileId: string): string {
  if (!fileId.startsWith(FILE_ID_PREFIX)) throw new Error(`LocalStorage: not a local file id: ${fileId}`)
  return fileId.slice(FILE_ID_PREFIX.length)
}

function normalizeCloudPath(cloudPath: string): string {
  const normalized = path.posix.normalize(cloudPath.replace(/\\/g, '/')).replace(/^\/+/, '')
  if (normalized === '' || normalized === '.' || normalized.startsWith('..')) {
    throw new Error(`LocalStorage: invalid cloud path: ${cloudPath}`)
  }
  return normalized
}
