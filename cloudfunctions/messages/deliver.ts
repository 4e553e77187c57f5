import { createHash } from 'node:crypto'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { messageIdSource, type Message, type MessageDraft } from '../../src/domain/messages/model'
import { resultMessage, type Recipient, type ResultSubject } from '../../src/domain/messages/results'
import type { Member } from '../../src/domain/model'
import type { CloudContext } from '../_shared/context'
import { collectionOf } from '../_shared/db'
import { branchOrFail } from '../_shared/scopes'

/** Stored ids: 32 hex digits of a hash (CloudBase's own ids look the same; requests take ≤ 64 characters). */
export const hashId = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32)

export const recipientOf = (member: Pick<Member, '_id' | 'openid' | 'branchId'>): Recipient => ({
  memberId: member._id,
  openid: member.openid ?? null,
  branchId: member.branchId,
})

const WRITE_CONCURRENCY = 10

/**
 * Puts messages into their recipients' 消息 centers, each waiting for the dispatcher to push it.
 * The id comes from what the message is about and who gets it: delivering the same thing to the
 * same person again finds it there and adds nothing. Answers how many were new.
 */
export async function deliverMessages(context: CloudContext, drafts: readonly MessageDraft[]): Promise<number> {
  const messages = collectionOf(context.db, 'messages')
  const now = context.now()
  let added = 0
  for (let start = 0; start < drafts.length; start += WRITE_CONCURRENCY) {
    await Promise.all(
      drafts.slice(start, start + WRITE_CONCURRENCY).map(async (draft) => {
        const message: Message = {
          ...draft,
          _id: hashId(messageIdSource(draft)),
          createdAt: now,
          readAt: null,
          pushStatus: 'pending',
          pushedAt: null,
          pushError: null,
        }
        try {
          await messages.add(message)
          added += 1
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error
        }
      }),
    )
  }
  return added
}

/**
 * The same, after an action's own change is saved: a message that cannot be written is logged,
 * never the reason the action fails (the person sees the outcome on the page anyway).
 */
export async function notify(context: CloudContext, drafts: readonly MessageDraft[]): Promise<void> {
  try {
    await deliverMessages(context, drafts)
  } catch (error) {
    context.log('delivering messages failed', error)
  }
}

/** The decision on something a person asked for, into their 消息 center (审批结果), in the time zone of the branch's rules. */
export async function notifyResult(
  context: CloudContext,
  decision: { recipient: Recipient; subject: ResultSubject; approved: boolean; note: string | null; branchId: string },
): Promise<void> {
  const { branchId, ...rest } = decision
  const { timeZone } = await context.rulesetFor(await branchOrFail(context, branchId), context.now())
  await notify(context, [resultMessage({ ...rest, timeZone, at: context.now() })])
}
