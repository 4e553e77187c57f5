import { createProductionContext } from '../_shared/production'
import { reminders, sendDueReminders } from './reminders'

/** Timer events (config.json trigger) carry `Type: 'Timer'`; everything else is a client call. */
export const main = (event: unknown) => {
  if (typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer') {
    return sendDueReminders(createProductionContext())
  }
  return reminders(event, createProductionContext())
}
