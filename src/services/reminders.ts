import Taro from '@tarojs/taro'
import { callAction, registerContract, ServiceError } from './cloud'
import { remindersContract } from '../domain/contracts/reminders'

registerContract('reminders', remindersContract)

/** Load with the page: requestSubscribeMessage must run right in the tap handler, before any network call. */
export const fetchReminderSettings = () => callAction('reminders', 'settings', {})

/**
 * 提醒我: in the weapp, ask for the one-time subscribe message (the template id comes from
 * the reminders function's settings), then register the reminder; the H5 build registers it
 * directly (the local runtime's outbox, GET /dev/outbox, shows what would be sent).
 */
export async function remindMe(activityId: string, templateId: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as Taro.requestSubscribeMessage.Option)) as unknown as Record<
      string,
      string
    >
    if (answer[templateId] !== 'accept') throw new ServiceError('CONFLICT', '您未同意接收提醒消息')
  }
  await callAction('reminders', 'subscribe', { activityId })
}
