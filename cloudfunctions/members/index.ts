import { productionEntry } from '../_shared/production'
import { members } from './members'

export const main = productionEntry(members)
