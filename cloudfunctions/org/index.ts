import { createProductionContext } from '../_shared/production'
import { org } from './org'

export const main = (event: unknown) => org(event, createProductionContext())
