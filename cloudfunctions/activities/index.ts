import { productionEntry } from '../_shared/production'
import { activities } from './activities'

export const main = productionEntry(activities)
