import tcb from '@cloudbase/node-sdk'
import cloud from 'wx-server-sdk'
import type { CloudContext, CloudOpenApi, CloudStorage, ContentCheckState, ContentSecurity } from './context'
import type { CloudFunction } from './define-function'
import { invocationOriginOf, requestFor } from './origin'

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

/** cloud.openapi: needs the permissions listed in the function's config.json. */
const openapi: CloudOpenApi = {
  async sendSubscribeMessage(message) {
    await cloud.openapi.subscribeMessage.send({
      touser: message.touser,
      templateId: message.templateId,
      page: message.page,
      data: message.data,
      miniprogramState: process.env.MINIPROGRAM_STATE || 'formal',
    })
  },
  async getUnlimitedWxacode({ scene, page }) {
    const result = await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false, width: 430 })
    return result?.buffer ? new Uint8Array(result.buffer) : null
  },
}

/** WeChat's suggest ('pass' | 'review' | 'risky') in our review states. */
function checkStateOf(suggest: unknown): ContentCheckState {
  if (suggest === 'pass') return 'pass'
  if (suggest === 'risky') return 'reject'
  return 'pending'
}

/**
 * security.msgSecCheck / security.mediaCheckAsync (v2, scene 1 = 资料): the evidence function's
 * config.json lists both permissions; the async image result is pushed to the evidence function
 * as a `wxa_media_check` event (see cloudfunctions/evidence/index.ts).
 */
const contentSecurity: ContentSecurity = {
  async checkText({ text, openid }) {
    const result = await cloud.openapi.security.msgSecCheck({ openid, scene: 1, version: 2, content: text })
    return checkStateOf(result?.result?.suggest)
  },
  async checkImage({ url, openid }) {
    const result = await cloud.openapi.security.mediaCheckAsync({ openid, scene: 1, version: 2, mediaUrl: url, mediaType: 2 })
    const traceId: unknown = result?.traceId ?? result?.trace_id
    return { state: 'pending', traceId: typeof traceId === 'string' ? traceId : null }
  },
}

/** Set CHECKIN_TOKEN_SECRET (≥ 32 random characters) in the environment of the checkin function. */
function checkinKey(): string {
  const key = process.env.CHECKIN_TOKEN_SECRET
  if (!key || key.length < 32) throw new Error('CHECKIN_TOKEN_SECRET is not configured (at least 32 characters)')
  return key
}

/** The context of one invocation on CloudBase: identity and origin from WeChat, never from the client. */
export function createProductionContext(): CloudContext {
  const { OPENID, SOURCE } = cloud.getWXContext()
  const origin = invocationOriginOf(SOURCE)
  return {
    // A pushed event names a user (FromUserName), but no user made the call.
    openid: origin === 'client' ? OPENID || null : null,
    origin,
    db: database,
    storage,
    now: () => new Date(),
    log: (message, detail) => console.error(message, detail),
    openapi,
    secrets: {
      get checkinKey() {
        return checkinKey()
      },
    },
    settings: { reminderTemplateId: process.env.REMINDER_TEMPLATE_ID || null },
    contentSecurity,
  }
}

/** A function's `main` on CloudBase: platform invocations run its declared platform actions. */
export function productionEntry(fn: CloudFunction) {
  return (event: unknown) => {
    const context = createProductionContext()
    return fn(requestFor(event, context.origin, fn.events), context)
  }
}
