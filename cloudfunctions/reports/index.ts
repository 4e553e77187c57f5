import { productionEntry } from '../_shared/production'
import { reports } from './reports'

export const main = productionEntry(reports)
