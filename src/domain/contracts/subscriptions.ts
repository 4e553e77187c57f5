import { z } from 'zod'
import { MESSAGE_KINDS } from '../messages/kinds'
import { defineAction, named } from './define'

export const subscriptionViewSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  label: z.string(),
  /** The template to ask for; null: this kind is not pushed to WeChat (only in the 消息 center). */
  templateId: z.string().nullable(),
  /** One-time subscriptions left: this many messages of the kind can still reach WeChat. */
  available: z.number().int().nonnegative(),
})
export type SubscriptionView = z.infer<typeof subscriptionViewSchema>

/** The one-time subscriptions of the messages function: what a page that asks for them needs, without the 消息 center. */
export const subscriptionsContract = {
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
