import { productionEntry } from '../_shared/production'
import { alerts } from './alerts'

export const main = productionEntry(alerts)
