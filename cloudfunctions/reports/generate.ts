import { type BranchSummary } from '../../src/domain/compliance'
import type { Member, Org } from '../../src/domain/model'
import {
  buildMonthlyReport,
  REPORT_ORG_KINDS,
  reportReadyMessage,
  TREND_MONTHS,
  type MonthlyReport,
  type ReportSummary,
  type ReportSupervision,
  type TrendPoint,
} from '../../src/domain/reports'
import type { Supervision } from '../../src/domain/supervision'
import { periodCalendar, type Period } from '../../src/domain/time'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll } from '../_shared/db'
import { refreshBranchSummary } from '../_shared/summaries'
import { deliverMessages, recipientOf } from '../messages/deliver'
import { settleOpenSupervisions } from '../supervision/settle'

const REPORT_FIELDS = {
  _id: true,
  branchId: true,
  branchName: true,
  parentName: true,
  ancestorIds: true,
  light: true,
  lightLabel: true,
  total: true,
  grade: true,
  gradeLabel: true,
  qualified: true,
  computedAt: true,
  membersBehind: true,
  lines: true,
}

type StoredReportSummary = ReportSummary & Pick<BranchSummary, 'ancestorIds'>

/** The month before the one `now` falls in (the month a report made now is about). */
export function previousMonth(now: Date, calendar: ReturnType<typeof periodCalendar>): Period {
  return calendar.periodOf('month', new Date(calendar.periodOf('month', now).start.getTime() - 1))
}

/**
 * The timer's work (mornings, see the manifest): once every branch's summary of the previous
 * month's year was computed after that month ended (those computed before are recomputed first,
 * `budgetMs` at a time: after December the nightly rebuild has moved on to the new year), writes
 * the month's report for each 党总支 and the 党委 that has none yet and tells their admins.
 */
export async function generateMonthlyReports(
  context: CloudContext,
  options: { budgetMs: number },
): Promise<{ refreshed: number; reports: number; done: boolean }> {
  const startedAt = Date.now()
  const now = context.now()
  const _ = context.db.command
  const orgs = await findAll<Org>(collectionOf(context.db, 'orgs').where({ kind: _.in([...REPORT_ORG_KINDS]) }).orderBy('_id', 'asc'))
  if (orgs.length === 0) return { refreshed: 0, reports: 0, done: true }
  const month = previousMonth(now, periodCalendar(await context.rulesetFor(orgs[0], now)))
  const existing = new Set(
    (await findAll<{ orgId: string }>(collectionOf(context.db, 'monthlyReports').where({ monthKey: month.key }).field({ orgId: true }).orderBy('_id', 'asc'))).map(
      (report) => report.orgId,
    ),
  )
  const due = orgs.filter((org) => !existing.has(org._id))
  if (due.length === 0) return { refreshed: 0, reports: 0, done: true }

  const year = Number(month.key.slice(0, 4))
  const branchIds = (await findAll<Pick<Org, '_id'>>(collectionOf(context.db, 'orgs').where({ kind: 'branch' }).field({ _id: true }).orderBy('_id', 'asc'))).map(
    (branch) => branch._id,
  )
  const fresh = new Set(
    (
      await findAll<{ branchId: string }>(
        collectionOf(context.db, 'branchSummaries').where({ year, computedAt: _.gte(month.end) }).field({ branchId: true }).orderBy('_id', 'asc'),
      )
    ).map((summary) => summary.branchId),
  )
  let refreshed = 0
  for (const branchId of branchIds.filter((id) => !fresh.has(id))) {
    if (refreshed > 0 && Date.now() - startedAt >= options.budgetMs) return { refreshed, reports: 0, done: false }
    await refreshBranchSummary(context, branchId, year)
    refreshed += 1
  }

  await settleOpenSupervisions(context)
  const [summaries, supervisions, admins] = await Promise.all([
    findAll<StoredReportSummary>(collectionOf(context.db, 'branchSummaries').where({ year }).field(REPORT_FIELDS).orderBy('branchId', 'asc')),
    supervisionsAround(context, month),
    findAll<Member>(collectionOf(context.db, 'members').where({ active: true, adminOrgIds: _.in(due.map((org) => org._id)) }).orderBy('_id', 'asc')),
  ])
  let reports = 0
  for (const org of due) {
    const { data: earlier } = await collectionOf(context.db, 'monthlyReports')
      .where({ orgId: org._id, monthKey: _.lt(month.key) })
      .field({ monthKey: true, monthLabel: true, stats: true })
      .orderBy('monthKey', 'desc')
      .limit(TREND_MONTHS)
      .get()
    const previous: TrendPoint[] = (earlier as Pick<MonthlyReport, 'monthKey' | 'monthLabel' | 'stats'>[]).map((row) => ({
      monthKey: row.monthKey,
      monthLabel: row.monthLabel,
      qualifiedRate: row.stats.qualifiedRate,
    }))
    const report = buildMonthlyReport({
      org: { _id: org._id, name: org.name, kind: org.kind as MonthlyReport['orgKind'] },
      month,
      generatedAt: now,
      summaries: summaries.filter((summary) => summary.ancestorIds.includes(org._id)),
      supervisions: supervisions.filter((item) => item.ancestorIds.includes(org._id)),
      previous,
    })
    try {
      await collectionOf(context.db, 'monthlyReports').add(report)
    } catch (error) {
      if (isDuplicateKeyError(error)) continue
      throw error
    }
    reports += 1
    const { timeZone } = await context.rulesetFor(org, now)
    await deliverMessages(
      context,
      admins.filter((admin) => admin.adminOrgIds.includes(org._id)).map((admin) => reportReadyMessage(report, recipientOf(admin), timeZone)),
    )
  }
  return { refreshed, reports, done: true }
}

/** 督办 sent or resolved during the month, and those still open. */
async function supervisionsAround(context: CloudContext, month: Period): Promise<(ReportSupervision & Pick<Supervision, 'ancestorIds'>)[]> {
  const _ = context.db.command
  const supervisions = collectionOf(context.db, 'supervisions')
  const inMonth = _.gte(month.start).and(_.lt(month.end))
  const parts = await Promise.all([
    findAll<Supervision>(supervisions.where({ createdAt: inMonth }).orderBy('_id', 'asc')),
    findAll<Supervision>(supervisions.where({ resolvedAt: inMonth }).orderBy('_id', 'asc')),
    findAll<Supervision>(supervisions.where({ state: _.neq('resolved') }).orderBy('_id', 'asc')),
  ])
  return [...new Map(parts.flat().map((item) => [item._id, item])).values()]
}
