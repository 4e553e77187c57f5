import { productionEntry } from '../_shared/production'
import { ledger } from './ledger'

export const main = productionEntry(ledger)
