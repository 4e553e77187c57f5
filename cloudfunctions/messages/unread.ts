import type { CloudContext } from '../_shared/context'
import { collectionOf } from '../_shared/db'

/** Unread messages of a member: the 消息 badge (messages.inbox, and identity.whoami so that the home page needs no call of its own). */
export async function unreadCount(context: CloudContext, memberId: string): Promise<number> {
  const { total } = await collectionOf(context.db, 'messages').where({ memberId, readAt: null }).count()
  return total
}
