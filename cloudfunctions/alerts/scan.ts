import {
  alertMessage,
  alertRecipients,
  DEFAULT_ALERT_SCHEDULE,
  findBranchAlerts,
  localDayOf,
  type Alert,
  type AlertAssignments,
  type AlertRecord,
  type AlertSchedule,
  type AlertSummary,
  type BranchOfficer,
} from '../../src/domain/alerts'
import { branchSummaryId } from '../../src/domain/compliance'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { COMMITTEE_ROLES, type Activity, type Org } from '../../src/domain/model'
import type { CloudContext } from '../_shared/context'
import { chunk, collectionOf, findAll, IN_QUERY_LIMIT } from '../_shared/db'
import { refreshBranchSummary, yearOf } from '../_shared/summaries'
import { deliverMessages, hashId, recipientOf } from '../messages/deliver'
import { settleOpenSupervisions } from '../supervision/settle'

const DAY_MS = 24 * 60 * 60 * 1000
/** In the first days of a year the summary of the year before still holds recent activities 待补痕迹. */
const EVIDENCE_LOOKBACK_DAYS = 7
const SUMMARY_FIELDS = { _id: true, branchId: true, year: true, lines: true, awaitingEvidence: true, membersBehind: true, termEndsAt: true }

type StoredSummary = AlertSummary & { _id: string; branchId: string }

async function summariesOfYears(context: CloudContext, years: number[]): Promise<StoredSummary[]> {
  const _ = context.db.command
  return findAll<StoredSummary>(
    collectionOf(context.db, 'branchSummaries').where({ year: _.in(years) }).field(SUMMARY_FIELDS).orderBy('_id', 'asc'),
  )
}

async function closedAtOf(context: CloudContext, activityIds: string[]): Promise<Map<string, Date>> {
  const _ = context.db.command
  const found = await Promise.all(
    chunk([...new Set(activityIds)], IN_QUERY_LIMIT).map((ids) =>
      findAll<Pick<Activity, '_id' | 'closedAt'>>(
        collectionOf(context.db, 'activities').where({ _id: _.in(ids) }).field({ closedAt: true }).orderBy('_id', 'asc'),
      ),
    ),
  )
  return new Map(found.flat().flatMap((activity) => (activity.closedAt ? [[activity._id, activity.closedAt] as const] : [])))
}

/**
 * Claims an alert for today: its id (item and step) and the unique (item, local day) index mean a
 * step is never alerted twice and an item at most once a day, also when two scans overlap.
 */
async function claim(context: CloudContext, alert: Alert, day: string, recipientIds: string[]): Promise<boolean> {
  const record: AlertRecord = {
    _id: hashId(`${alert.itemKey}#${alert.stage}`),
    itemKey: alert.itemKey,
    stage: alert.stage,
    day,
    kind: alert.kind,
    branchId: alert.branchId,
    title: alert.title,
    recipientIds,
    createdAt: context.now(),
  }
  try {
    await collectionOf(context.db, 'alerts').add(record)
    return true
  } catch (error) {
    if (isDuplicateKeyError(error)) return false
    throw error
  }
}

/**
 * The daily 预警 scan over every branch, from the stored summaries: finds what to warn about
 * (findBranchAlerts), claims each alert for the day, and puts it into the 消息 centers of the
 * branch's 书记 and the 支委 responsible for it (pushed later by the messages function). Then
 * settles the 督办 whose requirement turned met.
 */
export async function scanAlerts(
  context: CloudContext,
  schedule: AlertSchedule = DEFAULT_ALERT_SCHEDULE,
): Promise<{ branches: number; alerts: number; messages: number; resolved: number }> {
  const now = context.now()
  const _ = context.db.command
  const branches = await findAll<Pick<Org, '_id' | 'name' | 'kind' | 'ancestorIds'>>(
    collectionOf(context.db, 'orgs').where({ kind: 'branch' }).field({ name: true, kind: true, ancestorIds: true }).orderBy('_id', 'asc'),
  )
  if (branches.length === 0) return { branches: 0, alerts: 0, messages: 0, resolved: await settleOpenSupervisions(context) }
  // The years are the committee's calendar years (every branch's rules share the committee's calendar).
  const rules = await context.rulesOverTime(branches[0])
  const year = yearOf(now, rules)
  const years = [...new Set([yearOf(new Date(now.getTime() - EVIDENCE_LOOKBACK_DAYS * DAY_MS), rules), year])]
  const [summaries, officers, assignmentDocs] = await Promise.all([
    summariesOfYears(context, years),
    findAll<BranchOfficer>(
      collectionOf(context.db, 'members')
        .where({ active: true, roles: _.in([...COMMITTEE_ROLES]) })
        .field({ name: true, branchId: true, roles: true, active: true, openid: true })
        .orderBy('_id', 'asc'),
    ),
    findAll<{ _id: string; assignments: AlertAssignments }>(collectionOf(context.db, 'alertAssignments').where({}).orderBy('_id', 'asc')),
  ])
  const summaryById = new Map(summaries.map((summary) => [summary._id, summary]))
  // A branch created since the last nightly rebuild has no summary of this year yet.
  for (const branch of branches) {
    const id = branchSummaryId(branch._id, year)
    if (!summaryById.has(id)) summaryById.set(id, { ...(await refreshBranchSummary(context, branch._id, year)).summary, _id: id })
  }
  const closedAt = await closedAtOf(
    context,
    [...summaryById.values()].flatMap((summary) => summary.awaitingEvidence.map((gap) => gap.activityId)),
  )
  const assignmentsOf = new Map(assignmentDocs.map((doc) => [doc._id, doc.assignments]))
  let alerts = 0
  let messages = 0
  for (const branch of branches) {
    const ruleset = await context.rulesetFor(branch, now)
    const own = years.flatMap((candidate) => summaryById.get(branchSummaryId(branch._id, candidate)) ?? [])
    const day = localDayOf(now, ruleset.timeZone)
    for (const alert of findBranchAlerts({ branch, summaries: own, closedAt, ruleset, schedule, now })) {
      const recipients = alertRecipients(alert.topic, branch._id, officers, assignmentsOf.get(branch._id) ?? {})
      if (!(await claim(context, alert, day, recipients.map((officer) => officer._id)))) continue
      alerts += 1
      messages += await deliverMessages(
        context,
        recipients.map((officer) => alertMessage(alert, recipientOf(officer), now, ruleset.timeZone)),
      )
    }
  }
  const resolved = await settleOpenSupervisions(context)
  return { branches: branches.length, alerts, messages, resolved }
}
