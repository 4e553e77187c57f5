import { productionEntry } from '../_shared/production'
import { checkin } from './checkin'

export const main = productionEntry(checkin)
