import { COLLECTIONS } from '../../src/domain/collections'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { MAX_SUBSCRIPTIONS_KEPT, type Message, type MessageKind, type PushStatus } from '../../src/domain/messages/model'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll } from '../_shared/db'
import { hashId } from './deliver'

/** One subscription count per WeChat identity and template id. */
export const subscriptionId = (openid: string, templateId: string) => hashId(`${openid}|${templateId}`)

/** WeChat's answer when the person has no subscription left for the template (or turned it off). */
const REFUSED_ERROR_CODE = 43101
const isRefused = (error: unknown) => (error as { errCode?: unknown } | null)?.errCode === REFUSED_ERROR_CODE

/** Messages pushed per run at most: one run must end well inside the function's 20 s. */
export const DISPATCH_BATCH = 100

export type DispatchTally = { sent: number; noQuota: number; unbound: number; off: number; refused: number; failed: number }
const TALLY_OF: Record<Exclude<PushStatus, 'pending' | 'sending'>, keyof DispatchTally> = {
  sent: 'sent',
  no_quota: 'noQuota',
  unbound: 'unbound',
  off: 'off',
  refused: 'refused',
  failed: 'failed',
}

/**
 * Pushes waiting messages as subscribe messages, oldest first. Each is claimed before anything
 * else (two runs never push one twice) and pushed only when its kind has a template and the
 * recipient a one-time subscription left for it, which the push uses up. Whatever happens, the
 * message stays in the 消息 center; its push status says why it did or did not reach WeChat.
 */
export async function dispatchPending(context: CloudContext): Promise<DispatchTally> {
  const messages = collectionOf(context.db, 'messages')
  const { data } = await messages.where({ pushStatus: 'pending' }).orderBy('createdAt', 'asc').limit(DISPATCH_BATCH).get()
  const tally: DispatchTally = { sent: 0, noQuota: 0, unbound: 0, off: 0, refused: 0, failed: 0 }
  for (const message of data as Message[]) {
    const { updated } = await messages.where({ _id: message._id, pushStatus: 'pending' }).update({ pushStatus: 'sending' })
    if (updated !== 1) continue
    const outcome = await push(context, message)
    await messages.doc(message._id).update({ pushStatus: outcome.status, pushedAt: context.now(), pushError: outcome.error ?? null })
    tally[TALLY_OF[outcome.status]] += 1
  }
  return tally
}

async function push(context: CloudContext, message: Message): Promise<{ status: Exclude<PushStatus, 'pending' | 'sending'>; error?: string }> {
  const templateId = context.settings.messageTemplates[message.kind]
  if (!templateId) return { status: 'off' }
  if (!message.openid) return { status: 'unbound' }
  const _ = context.db.command
  const subscriptions = collectionOf(context.db, 'subscriptions')
  const id = subscriptionId(message.openid, templateId)
  const taken = await subscriptions.where({ _id: id, available: _.gt(0) }).update({ available: _.inc(-1), updatedAt: context.now() })
  if (taken.updated !== 1) return { status: 'no_quota' }
  try {
    await context.openapi.sendSubscribeMessage({
      touser: message.openid,
      templateId,
      page: message.link,
      data: Object.fromEntries(Object.entries(message.fields).map(([key, value]) => [key, { value }])),
    })
    return { status: 'sent' }
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 200) : 'unknown'
    if (isRefused(error)) {
      // WeChat holds no subscription for it: our count was wrong, start again from none.
      await subscriptions.doc(id).update({ available: 0, updatedAt: context.now() })
      return { status: 'refused', error: detail }
    }
    context.log('subscribeMessage.send failed', error)
    await subscriptions.doc(id).update({ available: _.inc(1) })
    return { status: 'failed', error: detail }
  }
}

/** The caller's subscription counts for the configured templates. */
export async function subscriptionCounts(context: CloudContext, openid: string): Promise<Map<MessageKind, number>> {
  const stored = await findAll<{ templateId: string; kind: MessageKind; available: number }>(
    collectionOf(context.db, 'subscriptions').where({ openid }).orderBy('_id', 'asc'),
  )
  const counts = new Map<MessageKind, number>()
  for (const [kind, templateId] of Object.entries(context.settings.messageTemplates) as [MessageKind, string | null][]) {
    counts.set(kind, stored.find((item) => item.templateId === templateId)?.available ?? 0)
  }
  return counts
}

/**
 * One more push granted for each accepted template (WeChat adds up the accepts of one-time
 * subscriptions), up to MAX_SUBSCRIPTIONS_KEPT: a count beyond it is never needed.
 */
export async function addSubscriptions(context: CloudContext, openid: string, kinds: readonly MessageKind[]): Promise<void> {
  const _ = context.db.command
  const subscriptions = context.db.collection(COLLECTIONS.subscriptions.name)
  for (const kind of new Set(kinds)) {
    const templateId = context.settings.messageTemplates[kind]
    if (!templateId) continue
    const id = subscriptionId(openid, templateId)
    const raise = () => subscriptions.where({ _id: id, available: _.lt(MAX_SUBSCRIPTIONS_KEPT) }).update({ available: _.inc(1), updatedAt: context.now() })
    if ((await raise()).updated === 1) continue
    try {
      await subscriptions.add({ _id: id, openid, kind, templateId, available: 1, updatedAt: context.now() })
    } catch (error) {
      // It exists: at the cap already, or added by a parallel call just now.
      if (!isDuplicateKeyError(error)) throw error
      await raise()
    }
  }
}
