import { productionEntry } from '../_shared/production'
import { org } from './org'

export const main = productionEntry(org)
