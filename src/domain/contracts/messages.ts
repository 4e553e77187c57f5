import { z } from 'zod'
import { MESSAGE_KINDS } from '../messages/model'
import { defineAction, idOf, isoInstantSchema, named } from './define'

export const messageViewSchema = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string(),
  /** The page that resolves it: 'member/pages/evidence/index?activityId=…' (navigate to `/${link}`). */
  link: z.string(),
  createdAt: isoInstantSchema,
  read: z.boolean(),
  /** What became of the WeChat push, in Chinese. */
  pushLabel: z.string(),
})
export type MessageView = z.infer<typeof messageViewSchema>

export const subscriptionViewSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  label: z.string(),
  /** The template to ask for; null: this kind is not pushed to WeChat (only in the 消息 center). */
  templateId: z.string().nullable(),
  /** One-time subscriptions left: this many messages of the kind can still reach WeChat. */
  available: z.number().int().nonnegative(),
})
export type SubscriptionView = z.infer<typeof subscriptionViewSchema>

export const INBOX_PAGE_SIZE = 20

export const messagesContract = {
  /** 消息 center, newest first, a page at a time (`after`: the last message shown; one scan writes many at one instant). */
  inbox: defineAction(
    z.object({ after: named('翻页位置', z.object({ createdAt: isoInstantSchema, id: idOf('消息') }).strict().optional()) }).strict(),
    z.object({ messages: z.array(messageViewSchema), unread: z.number().int().nonnegative(), hasMore: z.boolean() }),
  ),
  /** Opened: marked read. */
  read: defineAction(z.object({ id: idOf('消息') }).strict(), z.object({ unread: z.number().int().nonnegative() })),
  readAll: defineAction(z.object({}).strict(), z.object({ marked: z.number().int().nonnegative(), unread: z.literal(0) })),
  /** The templates to ask for and how many pushes each has left for the caller. */
  subscriptions: defineAction(z.object({}).strict(), z.object({ items: z.array(subscriptionViewSchema) })),
  /** After Taro.requestSubscribeMessage: the kinds whose template the person accepted (one push each). */
  subscribe: defineAction(
    z
      .object({
        accepted: named('订阅的消息', z
          .array(z.enum(MESSAGE_KINDS, { error: '未知的消息类型' }))
          .min(1, '请至少选择一类通知')
          .max(MESSAGE_KINDS.length, '消息类型过多')),
      })
      .strict(),
    z.object({ items: z.array(subscriptionViewSchema) }),
  ),
}
