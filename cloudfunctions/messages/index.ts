import { productionEntry } from '../_shared/production'
import { messages } from './messages'

export const main = productionEntry(messages)
