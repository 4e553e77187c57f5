import { productionEntry } from '../_shared/production'
import { rulesets } from './rulesets'

export const main = productionEntry(rulesets)
