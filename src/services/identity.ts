import type { Whoami } from '../domain/contracts'
import { callAction, registerContract } from './cloud'
import { learnCalendar } from './rules'
import { identityContract } from '../domain/contracts/identity'

registerContract('identity', identityContract)

export async function fetchWhoami(): Promise<Whoami> {
  const whoami = await callAction('identity', 'whoami', {})
  learnCalendar(whoami)
  return whoami
}
