import type { Whoami } from '../domain/contracts'
import { callAction } from './cloud'

export function fetchWhoami(): Promise<Whoami> {
  return callAction('identity', 'whoami', {})
}
