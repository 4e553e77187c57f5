import { createProductionContext } from '../_shared/production'
import { compliance } from './compliance'

export const main = (event: unknown) => compliance(event, createProductionContext())
