import { branchSummaryId } from '../../src/domain/compliance'
import { isTargetMet, supervisionResolvedMessage, type SupervisedSummary, type Supervision } from '../../src/domain/supervision'
import type { Member } from '../../src/domain/model'
import type { CloudContext } from '../_shared/context'
import { chunk, collectionOf, findAll, IN_QUERY_LIMIT } from '../_shared/db'
import { yearOf } from '../_shared/summaries'
import { deliverMessages, recipientOf } from '../messages/deliver'

const SETTLE_FIELDS = { _id: true, branchId: true, year: true, light: true, lines: true, awaitingEvidence: true }

async function summariesById(context: CloudContext, ids: string[]): Promise<Map<string, SupervisedSummary & { branchId: string }>> {
  const _ = context.db.command
  const found = await Promise.all(
    chunk([...new Set(ids)], IN_QUERY_LIMIT).map((part) =>
      findAll<SupervisedSummary & { _id: string; branchId: string }>(
        collectionOf(context.db, 'branchSummaries').where({ _id: _.in(part) }).field(SETTLE_FIELDS).orderBy('_id', 'asc'),
      ),
    ),
  )
  return new Map(found.flat().map((summary) => [summary._id, summary]))
}

export async function membersByIds(context: CloudContext, ids: readonly string[]): Promise<Member[]> {
  const _ = context.db.command
  const parts = await Promise.all(
    chunk([...new Set(ids)], IN_QUERY_LIMIT).map((part) =>
      findAll<Member>(collectionOf(context.db, 'members').where({ _id: _.in(part) }).orderBy('_id', 'asc')),
    ),
  )
  return parts.flat()
}

/**
 * 已解决 follows from the summaries: each unresolved 督办 is checked against its branch's stored
 * summaries (of its year and the current one) and, once what it is about is met, marked resolved
 * and its sender told. Run when 督办 are listed or opened, by the daily alert scan and before the
 * monthly report. Answers the 督办 as they are now.
 */
export async function settleSupervisions(context: CloudContext, supervisions: readonly Supervision[]): Promise<Supervision[]> {
  const open = supervisions.filter((item) => item.state !== 'resolved')
  if (open.length === 0) return [...supervisions]
  const now = context.now()
  const branchOf = (item: Supervision) => ({ _id: item.branchId, kind: 'branch' as const, ancestorIds: item.ancestorIds })
  const currentYears = new Map<string, number>()
  for (const item of open) currentYears.set(item._id, yearOf(now, await context.rulesOverTime(branchOf(item))))
  const yearsOf = (item: Supervision) => [...new Set([item.year, currentYears.get(item._id)!])]
  const summaries = await summariesById(
    context,
    open.flatMap((item) => yearsOf(item).map((year) => branchSummaryId(item.branchId, year))),
  )
  const resolved = new Map<string, Supervision>()
  const _ = context.db.command
  for (const item of open) {
    const own = yearsOf(item).flatMap((year) => summaries.get(branchSummaryId(item.branchId, year)) ?? [])
    if (!isTargetMet(item, own)) continue
    const { updated } = await collectionOf(context.db, 'supervisions')
      .where({ _id: item._id, state: _.neq('resolved') })
      .update({ state: 'resolved', resolvedAt: now, openKey: _.remove() })
    if (updated === 1) resolved.set(item._id, { ...item, state: 'resolved', resolvedAt: now })
  }
  if (resolved.size > 0) {
    const senderIds = [...new Set([...resolved.values()].map((item) => item.sentBy))]
    const senders = new Map((await membersByIds(context, senderIds)).map((member) => [member._id, member]))
    const drafts = []
    for (const item of resolved.values()) {
      const sender = senders.get(item.sentBy)
      if (sender) drafts.push(supervisionResolvedMessage(item, recipientOf(sender), (await context.rulesetFor(branchOf(item), now)).timeZone))
    }
    await deliverMessages(context, drafts)
  }
  return supervisions.map((item) => resolved.get(item._id) ?? item)
}

/** Every unresolved 督办 (the timers' sweep): how many turned resolved. */
export async function settleOpenSupervisions(context: CloudContext): Promise<number> {
  const open = await findAll<Supervision>(
    collectionOf(context.db, 'supervisions').where({ state: context.db.command.neq('resolved') }).orderBy('_id', 'asc'),
  )
  const settled = await settleSupervisions(context, open)
  return settled.filter((item) => item.state === 'resolved').length
}
