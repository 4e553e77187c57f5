import Taro from '@tarojs/taro'
import { messagesContract, type MessageView, type SubscriptionView } from '../domain/contracts/messages'
import { SUBSCRIBE_MOMENTS, type SubscribeMoment } from '../domain/messages/templates'
import { callAction, registerContract } from './cloud'

registerContract('messages', messagesContract)

export const fetchInbox = (after?: MessageView) =>
  callAction('messages', 'inbox', after ? { after: { createdAt: after.createdAt, id: after.id } } : {})
export const markRead = (id: string) => callAction('messages', 'read', { id })
export const markAllRead = () => callAction('messages', 'readAll', {})
export const fetchSubscriptions = () => callAction('messages', 'subscriptions', {})

/**
 * Asks for one-time subscriptions at a natural moment (after posting or closing an activity, after
 * sending a 督办, after a request). WeChat shows its dialog only from a tap, before any network
 * call: load `templates` (fetchSubscriptions) with the page and call this first in the tap handler.
 * The accepted kinds are recorded (one push each); a refusal or a failure never stops the action.
 * The H5 build has no WeChat: it records the kinds as accepted, so the local outbox shows the pushes.
 */
export async function askSubscriptions(moment: SubscribeMoment, templates: readonly SubscriptionView[]): Promise<void> {
  const wanted = templates.filter((item) => item.templateId && (SUBSCRIBE_MOMENTS[moment] as readonly string[]).includes(item.kind))
  if (wanted.length === 0) return
  try {
    let accepted = wanted.map((item) => item.kind)
    if (process.env.TARO_ENV === 'weapp') {
      const answer = (await Taro.requestSubscribeMessage({
        tmplIds: wanted.map((item) => item.templateId!),
      } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
      accepted = wanted.filter((item) => answer[item.templateId!] === 'accept').map((item) => item.kind)
    }
    if (accepted.length > 0) await callAction('messages', 'subscribe', { accepted })
  } catch {
    // Declined or not supported: the message still reaches the 消息 center.
  }
}
