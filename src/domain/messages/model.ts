import { z } from 'zod'
import { MESSAGE_KINDS, type MessageKind } from './kinds'

/**
 * The 消息 center: one stored message per recipient. A message is written once (its id is derived
 * from what it is about and who gets it, so the same thing never reaches the same person twice) and
 * pushed as a WeChat subscribe message later by the messages function's dispatcher, when the person
 * has a one-time subscription left for its template.
 */
export { MESSAGE_KINDS, type MessageKind }
export const messageKindSchema = z.enum(MESSAGE_KINDS)
export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  alert: '预警',
  supervision: '督办',
  result: '审批结果',
  report: '通报',
}

/** What became of the WeChat push of a message; the message itself is always in the 消息 center. */
export const PUSH_STATUSES = ['pending', 'sending', 'sent', 'no_quota', 'unbound', 'off', 'refused', 'failed'] as const
export const pushStatusSchema = z.enum(PUSH_STATUSES)
export type PushStatus = z.infer<typeof pushStatusSchema>
export const PUSH_STATUS_LABELS: Record<PushStatus, string> = {
  pending: '待推送微信通知',
  sending: '正在推送',
  sent: '已推送微信通知',
  no_quota: '未推送：微信通知次数已用完',
  unbound: '未推送：未绑定微信',
  off: '未推送：微信通知未开通',
  refused: '未推送：您已拒收此类通知',
  failed: '微信通知推送失败',
}

export const messageSchema = z.object({
  /** Derived from `sourceKey` and the recipient (see messageIdSource). */
  _id: z.string(),
  /** The roster member whose 消息 center shows it; null for a push-only notice (a turned-down binding claim). */
  memberId: z.string().nullable(),
  /** Where the push goes: the recipient's WeChat identity when the message was written. */
  openid: z.string().nullable(),
  branchId: z.string().nullable(),
  kind: messageKindSchema,
  title: z.string(),
  body: z.string(),
  /** The page that resolves it, as a mini program path: 'member/pages/evidence/index?activityId=…'. */
  link: z.string(),
  /** What the message is about, e.g. 'alert:…', 'supervision:…:sent'. */
  sourceKey: z.string(),
  /** The subscribe message's template fields (keys of MESSAGE_TEMPLATES[kind]). */
  fields: z.record(z.string(), z.string()),
  createdAt: z.date(),
  readAt: z.date().nullable(),
  pushStatus: pushStatusSchema,
  pushedAt: z.date().nullable(),
  pushError: z.string().nullable(),
})
export type Message = z.infer<typeof messageSchema>

/** A message before it is stored: who gets it and what it says. */
export type MessageDraft = Pick<Message, 'memberId' | 'openid' | 'branchId' | 'kind' | 'title' | 'body' | 'link' | 'sourceKey' | 'fields'>

/** The text the stored id is hashed from: the same thing to the same person is the same message. */
export function messageIdSource(draft: Pick<MessageDraft, 'sourceKey' | 'memberId' | 'openid'>): string {
  return `${draft.sourceKey}|${draft.memberId ?? `openid:${draft.openid ?? ''}`}`
}

/**
 * One-time subscriptions a WeChat user granted for one template: each accepted request lets the
 * server push one message. Counted per identity and template id (a new template id starts at 0).
 */
export const subscriptionSchema = z.object({
  _id: z.string(),
  openid: z.string(),
  kind: messageKindSchema,
  templateId: z.string(),
  available: z.number().int().nonnegative(),
  updatedAt: z.date(),
})
export type Subscription = z.infer<typeof subscriptionSchema>

/** Upper bound kept per template: WeChat accumulates accepts, the count here never needs to be larger. */
export const MAX_SUBSCRIPTIONS_KEPT = 50
