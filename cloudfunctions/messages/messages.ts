import { INBOX_PAGE_SIZE, messagesContract, type MessageView, type SubscriptionView } from '../../src/domain/contracts/messages'
import { messagesPlatformContract } from '../../src/domain/contracts/platform'
import { AppError } from '../../src/domain/errors'
import { MESSAGE_KIND_LABELS, MESSAGE_KINDS, PUSH_STATUS_LABELS, type Message } from '../../src/domain/messages/model'
import type { CloudContext } from '../_shared/context'
import { collectionOf } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { action, noSummaryEffect, member, platform, wechatUser } from '../_shared/policy'
import { addSubscriptions, dispatchPending, subscriptionCounts } from './dispatch'
import { unreadCount } from './unread'

const toView = (message: Message): MessageView => ({
  id: message._id,
  kind: message.kind,
  kindLabel: MESSAGE_KIND_LABELS[message.kind],
  title: message.title,
  body: message.body,
  link: message.link,
  createdAt: message.createdAt.toISOString(),
  read: message.readAt !== null,
  pushLabel: PUSH_STATUS_LABELS[message.pushStatus],
})

async function subscriptionViews(context: CloudContext, openid: string): Promise<SubscriptionView[]> {
  const counts = await subscriptionCounts(context, openid)
  return MESSAGE_KINDS.map((kind) => ({
    kind,
    label: MESSAGE_KIND_LABELS[kind],
    templateId: context.settings.messageTemplates[kind],
    available: counts.get(kind) ?? 0,
  }))
}

export const messages = defineCloudFunction(
  { ...messagesContract, ...messagesPlatformContract },
  {
    inbox: action(member('本人的消息'), noSummaryEffect, async ({ after }, { caller }, context) => {
      const _ = context.db.command
      const shownUntil = after && new Date(after.createdAt)
      const where = shownUntil
        ? _.or([
            { memberId: caller._id, createdAt: _.lt(shownUntil) },
            { memberId: caller._id, createdAt: shownUntil, _id: _.gt(after.id) },
          ])
        : { memberId: caller._id }
      const { data } = await collectionOf(context.db, 'messages')
        .where(where)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'asc')
        .limit(INBOX_PAGE_SIZE + 1)
        .get()
      const page = data as Message[]
      return {
        messages: page.slice(0, INBOX_PAGE_SIZE).map(toView),
        unread: await unreadCount(context, caller._id),
        hasMore: page.length > INBOX_PAGE_SIZE,
      }
    }),

    read: action(member('本人的消息'), noSummaryEffect, async ({ id }, { caller }, context) => {
      const messages = collectionOf(context.db, 'messages')
      const { data } = await messages.where({ _id: id, memberId: caller._id }).field({ readAt: true }).limit(1).get()
      if (data.length === 0) throw new AppError('NOT_FOUND', '该消息不存在')
      await messages.where({ _id: id, memberId: caller._id, readAt: null }).update({ readAt: context.now() })
      return { unread: await unreadCount(context, caller._id) }
    }),

    readAll: action(member('本人的消息'), noSummaryEffect, async (_input, { caller }, context) => {
      const { updated } = await collectionOf(context.db, 'messages')
        .where({ memberId: caller._id, readAt: null })
        .update({ readAt: context.now() })
      return { marked: updated, unread: 0 as const }
    }),

    subscriptions: action(wechatUser(), noSummaryEffect, async (_input, { openid }, context) => ({ items: await subscriptionViews(context, openid) })),

    subscribe: action(wechatUser(), noSummaryEffect, async ({ accepted }, { openid }, context) => {
      await addSubscriptions(context, openid, accepted)
      return { items: await subscriptionViews(context, openid) }
    }),

    dispatch: action(platform('timer'), noSummaryEffect, async (_input, _access, context) => dispatchPending(context)),
  },
  { timer: 'dispatch' },
)
