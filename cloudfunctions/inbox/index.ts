import { productionEntry } from '../_shared/production'
import { inbox } from './inbox'

export const main = productionEntry(inbox)
