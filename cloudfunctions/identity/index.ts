import { createProductionContext } from '../_shared/production'
import { identity } from './identity'

export const main = (event: unknown) => identity(event, createProductionContext())
