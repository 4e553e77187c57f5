import { createProductionContext } from '../_shared/production'
import { members } from './members'

export const main = (event: unknown) => members(event, createProductionContext())
