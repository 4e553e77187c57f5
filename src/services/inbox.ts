import { callAction, registerContract } from './cloud'
import { inboxContract } from '../domain/contracts/inbox'

registerContract('inbox', inboxContract)

export const fetchInboxSummary = () => callAction('inbox', 'summary', {})
export const fetchInbox = () => callAction('inbox', 'pending', {})
export const fetchInboxHistory = (limit: number) => callAction('inbox', 'history', { limit })
