import { productionEntry } from '../_shared/production'
import { evidence } from './evidence'

export const main = productionEntry(evidence)
