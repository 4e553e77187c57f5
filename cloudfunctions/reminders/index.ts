import { productionEntry } from '../_shared/production'
import { reminders } from './reminders'

export const main = productionEntry(reminders)
