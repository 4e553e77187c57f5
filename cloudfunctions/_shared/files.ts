import type { CloudStorage } from './context'

/** getTempFileURL takes at most 50 files per call in production. */
const TEMP_URL_BATCH = 50

/** Temporary URLs by file id (missing ones are left out). */
export async function tempUrlsOf(storage: CloudStorage, fileIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(fileIds)]
  const urls = new Map<string, string>()
  for (let start = 0; start < unique.length; start += TEMP_URL_BATCH) {
    const answered = await storage.getTempFileUrls(unique.slice(start, start + TEMP_URL_BATCH))
    for (const { fileId, url } of answered) if (url) urls.set(fileId, url)
  }
  return urls
}

/** The stored bytes, or null when the file is not there. */
export async function readStoredFile(storage: CloudStorage, fileId: string): Promise<Uint8Array | null> {
  try {
    return await storage.downloadFile(fileId)
  } catch {
    return null
  }
}
