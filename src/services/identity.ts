import type { Whoami } from '../domain/contracts'
import { callAction } from './cloud'
import { learnCalendar } from './rules'

export async function fetchWhoami(): Promise<Whoami> {
  const whoami = await callAction('identity', 'whoami', {})
  learnCalendar(whoami)
  return whoami
}
