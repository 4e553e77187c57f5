import { productionEntry } from '../_shared/production'
import { complianceTimer } from './compliance-timer'

export const main = productionEntry(complianceTimer)
