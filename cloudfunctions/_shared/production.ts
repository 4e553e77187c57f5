import tcb from '@cloudbase/node-sdk'
import cloud from 'wx-server-sdk'
import type { CloudContext, CloudStorage } from './context'

// The typings declare env as a string; DYNAMIC_CURRENT_ENV is the documented symbol for "the calling env".
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
/**
 * The database comes from @cloudbase/node-sdk, not wx-server-sdk: node-sdk hands out the
 * plain `Db` of @cloudbase/database (add(doc), get() → { data: [] }), the same class the
 * local runtime runs, whereas wx-server-sdk wraps it in a different API (add({ data })).
 */
const database = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()

const storage: CloudStorage = {
  async uploadFile(cloudPath, content) {
    const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(content) })
    return { fileId: fileID }
  },
  async downloadFile(fileId) {
    const { fileContent } = await cloud.downloadFile({ fileID: fileId })
    return new Uint8Array(fileContent)
  },
  async getTempFileUrls(fileIds) {
    const result = await cloud.getTempFileURL({ fileList: fileIds })
    return (result?.fileList ?? []).map((file) => ({ fileId: file.fileID, url: file.tempFileURL }))
  },
  async deleteFiles(fileIds) {
    if (fileIds.length > 0) await cloud.deleteFile({ fileList: fileIds })
  },
}

/** The context of one invocation on CloudBase: identity from WeChat, never from the client. */
export function createProductionContext(): CloudContext {
  const { OPENID } = cloud.getWXContext()
  return {
    openid: OPENID || null,
    db: database,
    storage,
    now: () => new Date(),
    log: (message, detail) => console.error(message, detail),
  }
}
