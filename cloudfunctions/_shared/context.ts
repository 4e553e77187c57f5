import type { Db } from '@cloudbase/database'
import type { RulesAccess } from './rules'
import type { MessageKind } from '../../src/domain/messages/model'

/** Cloud storage as the functions use it; wx-server-sdk in production, files on disk locally. */
export interface CloudStorage {
  uploadFile(cloudPath: string, content: Uint8Array): Promise<{ fileId: string }>
  downloadFile(fileId: string): Promise<Uint8Array>
  getTempFileUrls(fileIds: string[]): Promise<{ fileId: string; url: string }[]>
  deleteFiles(fileIds: string[]): Promise<void>
}

/** A one-time subscribe message (subscribeMessage.send). */
export interface SubscribeMessage {
  touser: string
  templateId: string
  /** Page opened from the message, e.g. 'pages/activity/index?id=…'. */
  page: string
  data: Record<string, { value: string }>
}

/**
 * WeChat server APIs (cloud.openapi in production). Locally subscribe messages land in the
 * `dev_outbox` collection (GET /dev/outbox) and there is no mini program code.
 */
export interface CloudOpenApi {
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>
  /** wxacode.getUnlimited as PNG bytes; null where unavailable (local runtime). */
  getUnlimitedWxacode(options: { scene: string; page: string }): Promise<Uint8Array | null>
}

/** Server-side secrets and settings, never sent to the client as they are. */
export interface CloudSecrets {
  /** HMAC-SHA256 key of the rotating check-in tokens. */
  checkinKey: string
}

export interface CloudSettings {
  /** One-time subscribe-message template for activity reminders; null turns reminders off. */
  reminderTemplateId: string | null
  /** The subscribe-message template of each kind of message (MESSAGE_TEMPLATES); null: that kind stays in the 消息 center only. */
  messageTemplates: Record<MessageKind, string | null>
}

/** Outcome of a content check, in the review states evidence is stored with. */
export type ContentCheckState = 'pass' | 'pending' | 'reject'

/**
 * WeChat content security (production: security.msgSecCheck v2 for text, security.mediaCheckAsync v2
 * for images, whose result is pushed later as a `wxa_media_check` event with the trace id).
 * Locally a pass-through with the same states that tests can tell what to answer.
 */
export interface ContentSecurity {
  /** Synchronous text check; 'pending' means WeChat suggests a human review. */
  checkText(input: { text: string; openid: string }): Promise<ContentCheckState>
  /** Starts an image check of a downloadable URL: 'pending' with a trace id until the result arrives. */
  checkImage(input: { url: string; openid: string }): Promise<{ state: ContentCheckState; traceId: string | null }>
}

/**
 * What started the invocation: a call from the mini program ('client', whoever the caller is),
 * a timer trigger ('timer') or an event WeChat pushes to the function ('push'). Only the
 * platform can start the last two; a client can never claim to be them.
 */
export type InvocationOrigin = 'client' | 'timer' | 'push'

/**
 * Everything a function may touch, handed in by the runtime for each call,
 * so many callers can run concurrently in one process and tests control the clock.
 */
export interface CloudContext extends RulesAccess {
  /** The caller's WeChat identity; never taken from what the client sends. */
  openid: string | null
  origin: InvocationOrigin
  db: Db
  storage: CloudStorage
  now(): Date
  log(message: string, detail?: unknown): void
  openapi: CloudOpenApi
  secrets: CloudSecrets
  settings: CloudSettings
  contentSecurity: ContentSecurity
  /* From RulesAccess: `rulesetFor(org, period)` and `rulesOverTime(org)`, the one way to the rules. */
}
