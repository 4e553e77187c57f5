import { createProductionContext } from '../_shared/production'
import { checkin } from './checkin'

export const main = (event: unknown) => checkin(event, createProductionContext())
