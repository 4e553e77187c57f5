import { productionEntry } from '../_shared/production'
import { compliance } from './compliance'

export const main = productionEntry(compliance)
