import { productionEntry } from '../_shared/production'
import { identity } from './identity'

export const main = productionEntry(identity)
