import { createProductionContext } from '../_shared/production'
import { activities } from './activities'

export const main = (event: unknown) => activities(event, createProductionContext())
