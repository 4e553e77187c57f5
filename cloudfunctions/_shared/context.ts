import type { Db } from '@cloudbase/database'

/** Cloud storage as the functions use it; wx-server-sdk in production, files on disk locally. */
export interface CloudStorage {
  uploadFile(cloudPath: string, content: Uint8Array): Promise<{ fileId: string }>
  downloadFile(fileId: string): Promise<Uint8Array>
  getTempFileUrls(fileIds: string[]): Promise<{ fileId: string; url: string }[]>
  deleteFiles(fileIds: string[]): Promise<void>
}

/**
 * Everything a function may touch, handed in by the runtime for each call,
 * so many callers can run concurrently in one process and tests control the clock.
 */
export interface CloudContext {
  /** The caller's WeChat identity; never taken from what the client sends. */
  openid: string | null
  db: Db
  storage: CloudStorage
  now(): Date
  log(message: string, detail?: unknown): void
}
