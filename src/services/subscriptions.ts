import Taro from '@tarojs/taro'
import { subscriptionsContract, type SubscriptionView } from '../domain/contracts/subscriptions'
import { SUBSCRIBE_MOMENTS, type SubscribeMoment } from '../domain/messages/kinds'
import { callAction, registerContract } from './cloud'

registerContract('messages', subscriptionsContract)

export const fetchSubscriptions = () => callAction('messages', 'subscriptions', {})

/**
 * Asks for one-time subscriptions at a natural moment (SUBSCRIBE_MOMENTS). WeChat opens its dialog
 * only from a tap: call this first thing in the tap handler, before any await (a network call, a
 * confirm dialog), with `templates` loaded with the page (fetchSubscriptions). The accepted kinds are
 * recorded on the server (one push each); a refusal or a failure never stops the action, and the
 * message still reaches the 消息 center. The H5 build has no WeChat: it records the kinds as accepted,
 * so the local outbox shows the pushes.
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
    // Declined, outside a tap, or not supported: the message still reaches the 消息 center.
  }
}
