import { z } from 'zod'
import { MESSAGE_KINDS } from '../messages/kinds'
import { defineAction, idOf, isoInstantSchema, named } from './define'
import { subscriptionsContract } from './subscriptions'

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
  ...subscriptionsContract,
}

export type { SubscriptionView } from './subscriptions'
