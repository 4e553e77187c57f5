import type { Light } from '../compliance/labels'
import type { SummaryLine } from '../compliance/summary'
import type { BranchSummary } from '../compliance/summary'
import { overviewStats } from '../compliance/summary'
import { linkTo } from '../messages/links'
import type { MessageDraft } from '../messages/model'
import type { Recipient } from '../messages/results'
import { subscribeTime, templateFields } from '../messages/templates'
import { SUPERVISION_STATE_LABELS, type Supervision } from '../supervision/model'
import type { Period } from '../time'
import { monthlyReportId, type MonthlyReport, type TrendPoint } from './model'

/** The parts of a branch summary the report reads. */
export type ReportSummary = Pick<
  BranchSummary,
  'branchId' | 'branchName' | 'parentName' | 'light' | 'lightLabel' | 'total' | 'grade' | 'gradeLabel' | 'qualified' | 'computedAt' | 'membersBehind'
> & { lines: readonly Pick<SummaryLine, 'label' | 'periodLabel' | 'periodEnd' | 'groupName' | 'status'>[] }

export type ReportSupervision = Pick<Supervision, '_id' | 'branchName' | 'target' | 'state' | 'createdAt' | 'resolvedAt'>

export interface MonthlyReportInput {
  org: { _id: string; name: string; kind: MonthlyReport['orgKind'] }
  month: Period
  generatedAt: Date
  /** Every branch under the org, for the month's year, computed after the month ended. */
  summaries: readonly ReportSummary[]
  /** 督办 in the org's scope sent or resolved during the month, or still open. */
  supervisions: readonly ReportSupervision[]
  /** Earlier reports of the org, any order. */
  previous: readonly TrendPoint[]
}

/** How many earlier months the trend shows besides this one. */
export const TREND_MONTHS = 5
/** Laggards listed by name (the furthest behind); the rest are counted. */
export const LAGGARDS_LISTED = 50

const ended = (period: Period, end: Date) => end > period.start && end <= period.end
const SEVERITY: Record<Light, number> = { red: 0, amber: 1, green: 2 }

/**
 * A month's report for one 党总支 or the 党委: the lights and 达标 grades of its branches, the
 * 达标率 with its trend, every requirement whose period ended in the month unmet, the members
 * furthest behind on 学时, and the 督办 of the month.
 */
export function buildMonthlyReport(input: MonthlyReportInput): MonthlyReport {
  const { org, month, summaries } = input
  const inMonth = (instant: Date | null) => instant !== null && instant >= month.start && instant < month.end
  const missed = summaries.flatMap((summary) =>
    summary.lines
      .filter((line) => line.status === 'missed' && ended(month, line.periodEnd))
      .map((line) => ({
        branchId: summary.branchId,
        branchName: summary.branchName,
        title: `${line.periodLabel}${line.groupName ? ` ${line.groupName}` : ''}「${line.label}」`,
      })),
  )
  const missedBy = new Map<string, number>()
  for (const item of missed) missedBy.set(item.branchId, (missedBy.get(item.branchId) ?? 0) + 1)
  const laggards = summaries
    .flatMap((summary) => summary.membersBehind.map((member) => ({ branchId: summary.branchId, branchName: summary.branchName, ...member })))
    .sort((a, b) => a.totalHours / Math.max(a.expectedByNow, 1) - b.totalHours / Math.max(b.expectedByNow, 1) || a.name.localeCompare(b.name))
  const stats = overviewStats(summaries)
  const earlier = [...input.previous].filter((point) => point.monthKey < month.key).sort((a, b) => a.monthKey.localeCompare(b.monthKey))
  const last = earlier.at(-1)
  const trend = [...earlier.slice(-TREND_MONTHS), { monthKey: month.key, monthLabel: month.label, qualifiedRate: stats.qualifiedRate }]
  const sent = input.supervisions.filter((item) => inMonth(item.createdAt))
  return {
    _id: monthlyReportId(org._id, month.key),
    orgId: org._id,
    orgName: org.name,
    orgKind: org.kind,
    monthKey: month.key,
    monthLabel: month.label,
    generatedAt: input.generatedAt,
    stats,
    trend,
    rateChange: last ? stats.qualifiedRate - last.qualifiedRate : null,
    branches: summaries
      .map((summary) => ({
        branchId: summary.branchId,
        branchName: summary.branchName,
        parentName: summary.parentName,
        light: summary.light,
        lightLabel: summary.lightLabel,
        total: summary.total,
        grade: summary.grade,
        gradeLabel: summary.gradeLabel,
        qualified: summary.qualified,
        missedCount: missedBy.get(summary.branchId) ?? 0,
        laggardCount: summary.membersBehind.length,
      }))
      .sort((a, b) => SEVERITY[a.light] - SEVERITY[b.light] || a.total - b.total || a.branchName.localeCompare(b.branchName)),
    missed,
    laggards: laggards.slice(0, LAGGARDS_LISTED).map(({ branchId, branchName, memberId, name, totalHours, expectedByNow, target }) => ({
      branchId,
      branchName,
      memberId,
      name,
      totalHours,
      expectedByNow,
      target,
    })),
    laggardTotal: laggards.length,
    supervisions: {
      sent: sent.length,
      resolved: input.supervisions.filter((item) => inMonth(item.resolvedAt)).length,
      open: input.supervisions.filter((item) => item.state !== 'resolved').length,
      items: sent.map((item) => ({ id: item._id, branchName: item.branchName, title: item.target.title, state: item.state, createdAt: item.createdAt })),
    },
    files: {},
  }
}

export const percentOf = (rate: number) => `${Math.round(rate * 100)}%`

/** '较上月 +5 个百分点' / '与上月持平' / '' without last month. */
export function rateChangeText(change: number | null): string {
  if (change === null) return ''
  const points = Math.round(change * 100)
  if (points === 0) return '与上月持平'
  return `较上月${points > 0 ? '+' : ''}${points}个百分点`
}

export const supervisionStateLabel = (state: ReportSupervision['state']) => SUPERVISION_STATE_LABELS[state]

/** The report is ready: to each admin of the org. */
export function reportReadyMessage(report: MonthlyReport, recipient: Recipient, timeZone: string): MessageDraft {
  const name = `${report.monthLabel}组织生活通报`
  const summary = `达标率${percentOf(report.stats.qualifiedRate)}，红灯${report.stats.red}个`
  const change = rateChangeText(report.rateChange)
  return {
    ...recipient,
    kind: 'report',
    title: `${report.orgName}${name}`,
    body: `${summary}${change ? `（${change}）` : ''}；未完成${report.missed.length}项，学时落后${report.laggardTotal}人；本月督办${report.supervisions.sent}件，解决${report.supervisions.resolved}件。`,
    link: linkTo('report', { id: report._id }),
    sourceKey: `report:${report._id}`,
    fields: templateFields('report', [name, summary, subscribeTime(report.generatedAt, timeZone)]),
  }
}
