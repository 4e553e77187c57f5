import { callAction } from './cloud'

export const fetchInboxSummary = () => callAction('inbox', 'summary', {})
export const fetchInbox = () => callAction('inbox', 'pending', {})
export const fetchInboxHistory = (limit: number) => callAction('inbox', 'history', { limit })
