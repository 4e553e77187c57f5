import { messagesContract, type MessageView } from '../domain/contracts/messages'
import { callAction, registerContract } from './cloud'

registerContract('messages', messagesContract)

export const fetchInbox = (after?: MessageView) =>
  callAction('messages', 'inbox', after ? { after: { createdAt: after.createdAt, id: after.id } } : {})
export const markRead = (id: string) => callAction('messages', 'read', { id })
export const markAllRead = () => callAction('messages', 'readAll', {})
