import tcb from '@cloudbase/node-sdk'
import cloud from 'wx-server-sdk'
import type { Db } from '@cloudbase/database'
import { MESSAGE_KINDS } from '../../src/domain/messages/model'
import { MESSAGE_TEMPLATES } from '../../src/domain/messages/templates'
import type { CloudContext, CloudOpenApi, CloudStorage, ContentCheckState, ContentSecurity } from './context'
import type { CloudFunction } from './define-function'
import { invocationOriginOf, requestFor } from './origin'
import { rulesAccessOn } from './rules'

/** The part of wx-server-sdk the functions use: the caller's identity, storage and cloud.openapi. */
export type WxServer = Pick<typeof cloud, 'getWXContext' | 'uploadFile' | 'downloadFile' | 'getTempFileURL' | 'deleteFile' | 'openapi'>

/**
 * What a production context is made of. On CloudBase: wx-server-sdk initialised for the calling
 * environment, @cloudbase/node-sdk's database and the function's environment variables. Tests hand in
 * the same SDKs pointed at a local endpoint (cloud-runtime/tcb-endpoint.ts).
 */
export interface ProductionPlatform {
  wx: WxServer
  /**
   * From @cloudbase/node-sdk, not wx-server-sdk: node-sdk hands out the plain `Db` of
   * @cloudbase/database (add(doc), get() → { data: [] }), the same class the local runtime runs,
   * whereas wx-server-sdk wraps it in a different API (add({ data })).
   */
  database: Db
  environment: Record<string, string | undefined>
  /** The platform's clock and log; tests run the same code on a fixed clock. */
  now: () => Date
  log: CloudContext['log']
}

function storageOf(wx: WxServer): CloudStorage {
  return {
    async uploadFile(cloudPath, content) {
      const { fileID } = await wx.uploadFile({ cloudPath, fileContent: Buffer.from(content) })
      return { fileId: fileID }
    },
    async downloadFile(fileId) {
      const { fileContent } = await wx.downloadFile({ fileID: fileId })
      return new Uint8Array(fileContent)
    },
    async getTempFileUrls(fileIds) {
      const result = await wx.getTempFileURL({ fileList: fileIds })
      return (result?.fileList ?? []).map((file) => ({ fileId: file.fileID, url: file.tempFileURL }))
    },
    async deleteFiles(fileIds) {
      if (fileIds.length > 0) await wx.deleteFile({ fileList: fileIds })
    },
  }
}

/** cloud.openapi: needs the permissions listed in the function's config.json (cloudfunctions/manifest.ts). */
function openapiOf(wx: WxServer, environment: ProductionPlatform['environment']): CloudOpenApi {
  return {
    async sendSubscribeMessage(message) {
      await wx.openapi.subscribeMessage.send({
        touser: message.touser,
        templateId: message.templateId,
        page: message.page,
        data: message.data,
        miniprogramState: environment.MINIPROGRAM_STATE || 'formal',
      })
    },
    async getUnlimitedWxacode({ scene, page }) {
      const result = await wx.openapi.wxacode.getUnlimited({ scene, page, checkPath: false, width: 430 })
      return result?.buffer ? new Uint8Array(result.buffer) : null
    },
  }
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
function contentSecurityOf(wx: WxServer): ContentSecurity {
  return {
    async checkText({ text, openid }) {
      const result = await wx.openapi.security.msgSecCheck({ openid, scene: 1, version: 2, content: text })
      return checkStateOf(result?.result?.suggest)
    },
    async checkImage({ url, openid }) {
      const result = await wx.openapi.security.mediaCheckAsync({ openid, scene: 1, version: 2, mediaUrl: url, mediaType: 2 })
      const traceId: unknown = result?.traceId ?? result?.trace_id
      return { state: 'pending', traceId: typeof traceId === 'string' ? traceId : null }
    },
  }
}

/** Set CHECKIN_TOKEN_SECRET (≥ 32 random characters) in the environment of the checkin function. */
function checkinKey(environment: ProductionPlatform['environment']): string {
  const key = environment.CHECKIN_TOKEN_SECRET
  if (!key || key.length < 32) throw new Error('CHECKIN_TOKEN_SECRET is not configured (at least 32 characters)')
  return key
}

/** The context of one invocation: identity and origin from WeChat (getWXContext), never from the client. */
export function contextOn(platform: ProductionPlatform): CloudContext {
  const { wx, database, environment, now, log } = platform
  const { OPENID, SOURCE } = wx.getWXContext()
  const origin = invocationOriginOf(SOURCE)
  return {
    ...rulesAccessOn(database, log),
    // A pushed event names a user (FromUserName), but no user made the call.
    openid: origin === 'client' ? OPENID || null : null,
    origin,
    db: database,
    storage: storageOf(wx),
    now,
    log,
    openapi: openapiOf(wx, environment),
    secrets: {
      get checkinKey() {
        return checkinKey(environment)
      },
    },
    settings: {
      reminderTemplateId: environment.REMINDER_TEMPLATE_ID || null,
      messageTemplates: Object.fromEntries(
        MESSAGE_KINDS.map((kind) => [kind, environment[MESSAGE_TEMPLATES[kind].envVar] || null]),
      ) as CloudContext['settings']['messageTemplates'],
    },
    contentSecurity: contentSecurityOf(wx),
  }
}

let cloudBase: ProductionPlatform | null = null

/** The SDKs initialised once per function instance, for the environment the function runs in. */
function onCloudBase(): ProductionPlatform {
  if (!cloudBase) {
    // The typings declare env as a string; DYNAMIC_CURRENT_ENV is the documented symbol for "the calling env".
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    cloudBase = {
      wx: cloud,
      database: tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database(),
      environment: process.env,
      now: () => new Date(),
      log: (message, detail) => console.error(message, detail),
    }
  }
  return cloudBase
}

/** The context of one invocation on CloudBase. */
export function createProductionContext(): CloudContext {
  return contextOn(onCloudBase())
}

/** A function's `main` on CloudBase: platform invocations run its declared platform actions. */
export function productionEntry(fn: CloudFunction) {
  return (event: unknown) => {
    const context = createProductionContext()
    return fn(requestFor(event, context.origin, fn.events), context)
  }
}
