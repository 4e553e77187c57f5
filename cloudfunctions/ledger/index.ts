import { createProductionContext } from '../_shared/production'
import { ledger } from './ledger'

export const main = (event: unknown) => ledger(event, createProductionContext())
