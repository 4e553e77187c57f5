import type { Org } from '../model'
import type { BranchAssessment } from './assess'
import type { EvidenceGap, LightReason } from './evaluate'
import type { Light } from './labels'
import type { ScoreSheet } from './scoring'
import type { SetupCheck } from './setup'

/** One requirement line as dashboards show it (no activity lists beyond what did not count). */
export interface SummaryLine {
  requirementId: string
  label: string
  /** Absent from summaries computed before names were stored (until their next rebuild): show `label`. */
  name?: string
  periodKey: string
  periodLabel: string
  periodStart: Date
  periodEnd: Date
  groupName: string | null
  status: BranchAssessment['evaluation']['lines'][number]['status']
  statusLabel: string
  required: number
  counted: number
  daysLeft: number
  /** Activities that counted (a 督办 answered with one of them is resolved). */
  countedActivityIds: string[]
  /** Absent from summaries computed before topics were stored (until their next rebuild). */
  countedActivities?: { activityId: string; topic: string }[]
  /** Per-member requirement (谈心谈话): required and counted are members. Absent in older summaries. */
  countsMembers?: boolean
  uncounted: { activityId: string; topic: string; reasons: string[] }[]
  note: string | null
}

/**
 * The precomputed compliance of one branch for one year, stored in `branch_summaries`.
 * Dashboards read only these documents, never raw attendance.
 */
export interface BranchSummary {
  _id: string
  branchId: string
  branchName: string
  parentName: string
  /** The branch's ancestors: a general branch's overview is one `ancestorIds` query. */
  ancestorIds: string[]
  year: number
  /** Raised by every change that calls for a recomputation; a stale computation never overwrites a newer one. */
  version: number
  computedAt: Date
  light: Light
  lightLabel: string
  reasons: LightReason[]
  missedCount: number
  dueSoonCount: number
  awaitingEvidenceCount: number
  /** The first reasons, for a one-line explanation in the overview list. */
  topReasons: string[]
  /** The 达标 sheet's result, kept beside it so the overview reads only small fields. */
  total: number
  grade: ScoreSheet['grade']
  gradeLabel: string
  qualified: boolean
  lines: SummaryLine[]
  awaitingEvidence: EvidenceGap[]
  membersBehind: { memberId: string; name: string; totalHours: number; target: number; expectedByNow: number }[]
  studyHours: { memberCount: number; metCount: number; averageHours: number }
  setupChecks: SetupCheck[]
  /** When the committee's (or secretary's) term ends; null when its start is not recorded. */
  termEndsAt: Date | null
  sheet: ScoreSheet
}

const TOP_REASON_COUNT = 3

/** The fields the overview list shows: small, so 300 branches read fast. */
export const OVERVIEW_FIELDS = [
  'branchId',
  'branchName',
  'parentName',
  'light',
  'lightLabel',
  'missedCount',
  'dueSoonCount',
  'awaitingEvidenceCount',
  'topReasons',
  'total',
  'grade',
  'gradeLabel',
  'qualified',
  'computedAt',
] as const satisfies readonly (keyof BranchSummary)[]
export type OverviewFields = Pick<BranchSummary, (typeof OVERVIEW_FIELDS)[number]>

export function branchSummaryId(branchId: string, year: number): string {
  return `${branchId}_${year}`
}

export function summarizeAssessment(
  assessment: BranchAssessment,
  context: { branch: Pick<Org, '_id' | 'name' | 'ancestorIds'>; parentName: string; year: number; version: number; computedAt: Date },
): BranchSummary {
  const { evaluation, setup, studyHours, sheet } = assessment
  const countReasons = (code: LightReason['code']) => evaluation.reasons.filter((reason) => reason.code === code).length
  return {
    _id: branchSummaryId(context.branch._id, context.year),
    branchId: context.branch._id,
    branchName: context.branch.name,
    parentName: context.parentName,
    ancestorIds: context.branch.ancestorIds,
    year: context.year,
    version: context.version,
    computedAt: context.computedAt,
    light: evaluation.light,
    lightLabel: evaluation.lightLabel,
    reasons: evaluation.reasons,
    missedCount: countReasons('missed'),
    dueSoonCount: countReasons('due_soon'),
    awaitingEvidenceCount: countReasons('awaiting_evidence'),
    topReasons: evaluation.reasons.slice(0, TOP_REASON_COUNT).map((reason) => reason.message),
    total: sheet.total,
    grade: sheet.grade,
    gradeLabel: sheet.gradeLabel,
    qualified: sheet.qualified,
    lines: evaluation.lines.map((line) => ({
      requirementId: line.requirementId,
      label: line.label,
      name: line.name,
      periodKey: line.period.key,
      periodLabel: line.period.label,
      periodStart: line.period.start,
      periodEnd: line.period.end,
      groupName: line.group?.name ?? null,
      status: line.status,
      statusLabel: line.statusLabel,
      required: line.required,
      counted: line.counted,
      daysLeft: line.daysLeft,
      countedActivityIds: line.countedActivityIds,
      countedActivities: line.countedActivities,
      countsMembers: line.countsMembers,
      uncounted: line.uncounted.map((activity) => ({
        activityId: activity.activityId,
        topic: activity.topic,
        reasons: activity.reasons.map((reason) => reason.message),
      })),
      note: line.note,
    })),
    awaitingEvidence: evaluation.awaitingEvidence,
    membersBehind: studyHours.members
      .filter((member) => member.pace.status === 'behind')
      .map((member) => ({
        memberId: member.memberId,
        name: member.name,
        totalHours: member.totalHours,
        target: member.target,
        expectedByNow: member.pace.expectedByNow,
      })),
    studyHours: {
      memberCount: studyHours.branch.memberCount,
      metCount: studyHours.branch.metCount,
      averageHours: studyHours.branch.averageHours,
    },
    setupChecks: setup.checks,
    termEndsAt: setup.termEndsAt,
    sheet,
  }
}

export { overviewStatsSchema, type OverviewStats } from './stats'
import type { OverviewStats } from './stats'

/** Lights and 达标率 (share of branches graded 达标 or better) over a set of summaries. */
export function overviewStats(summaries: readonly Pick<BranchSummary, 'light' | 'qualified'>[]): OverviewStats {
  const count = (light: Light) => summaries.filter((summary) => summary.light === light).length
  const qualified = summaries.filter((summary) => summary.qualified).length
  return {
    branchCount: summaries.length,
    green: count('green'),
    amber: count('amber'),
    red: count('red'),
    qualifiedRate: summaries.length === 0 ? 0 : qualified / summaries.length,
  }
}
