import { productionEntry } from '../_shared/production'
import { supervision } from './supervision'

export const main = productionEntry(supervision)
