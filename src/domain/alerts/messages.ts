import type { MessageDraft } from '../messages/model'
import type { Recipient } from '../messages/results'
import { subscribeTime, templateFields } from '../messages/templates'
import type { Alert } from './find'

/** What an alert is, once: its item at its step ('due|…#3'). */
export const alertSourceKey = (alert: Pick<Alert, 'itemKey' | 'stage'>) => `alert:${alert.itemKey}#${alert.stage}`

/** An alert as a message to one of the people who can act on it. */
export function alertMessage(alert: Alert, recipient: Recipient, now: Date, timeZone: string): MessageDraft {
  return {
    ...recipient,
    kind: 'alert',
    title: alert.title,
    body: alert.body,
    link: alert.link,
    sourceKey: alertSourceKey(alert),
    fields: templateFields('alert', [alert.subject, alert.advice, subscribeTime(now, timeZone)]),
  }
}
