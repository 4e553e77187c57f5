import { z } from 'zod'
import { AppError } from '../errors'
import type { GradeThresholds, Ruleset, ScoringMethod } from '../ruleset'
import { toHundredths } from '../study-hours'
import type { StudyHoursSummary } from '../study-hours'
import { containsInstant } from '../time'
import { lineTitle } from './evaluate'
import type { BranchEvaluation } from './evaluate'
import { GRADE_LABELS } from './labels'
import type { Grade } from './labels'
import { severityAtLeast } from './setup'
import type { BranchSetupReport } from './setup'

export const manualScoreSchema = z.object({
  itemId: z.string().min(1),
  score: z.number().finite().min(0),
  comment: z.string(),
})
export type ManualScore = z.infer<typeof manualScoreSchema>

export interface ScoreDeduction {
  points: number
  reason: string
}

export interface ScoredItem {
  itemId: string
  indicatorId: string
  label: string
  maxScore: number
  automatic: boolean
  /** null: a manual item not scored yet (counts as 0 in the total). */
  score: number | null
  /** Automatic items: every point lost, with its reason. */
  deductions: ScoreDeduction[]
  /** Automatic items: what is not final yet (periods still running). */
  notes: string[]
  /** Manual items: the scorer's comment. */
  comment: string | null
}

export interface ScoredIndicator {
  indicatorId: string
  label: string
  maxScore: number
  score: number
  items: ScoredItem[]
}

export interface ScoreSheet {
  branchId: string
  indicators: ScoredIndicator[]
  total: number
  maxTotal: number
  grade: Grade
  gradeLabel: string
  /** 达标 or better: what the 达标率 counts. */
  qualified: boolean
  /** Every manual item has a score. */
  complete: boolean
  unscoredItemIds: string[]
}

export interface ScoreSheetInput {
  /** Evaluated over the year being scored. */
  evaluation: BranchEvaluation
  setup: BranchSetupReport
  studyHours: StudyHoursSummary
  manualScores: readonly ManualScore[]
  ruleset: Ruleset
}

export function gradeOf(total: number, thresholds: GradeThresholds): Grade {
  if (total >= thresholds.excellent) return 'excellent'
  if (total >= thresholds.qualified) return 'qualified'
  if (total >= thresholds.basic) return 'basic'
  return 'unqualified'
}

interface AutomaticResult {
  deductions: ScoreDeduction[]
  notes: string[]
}

function scoreAutomatic(
  method: Exclude<ScoringMethod, { kind: 'manual' }>,
  maxScore: number,
  input: ScoreSheetInput,
): AutomaticResult {
  const { evaluation, setup, studyHours } = input
  const deductions: ScoreDeduction[] = []
  const notes: string[] = []
  // The sheet scores the periods that begin in the window: an autumn semester
  // belongs to the year it starts in, not to the one its January falls in.
  const linesOf = (requirementIds: readonly string[]) =>
    evaluation.lines.filter(
      (line) => requirementIds.includes(line.requirementId) && containsInstant(evaluation.window, line.period.start),
    )

  switch (method.kind) {
    case 'setup_checks':
      for (const check of setup.checks) {
        const rule = method.deductions[check.id]
        if (rule && severityAtLeast(check.status, rule.from)) deductions.push({ points: rule.points, reason: check.message })
      }
      break
    case 'study_hours_share': {
      const { memberCount, metCount, shareMet } = studyHours.branch
      const lost = toHundredths(maxScore * (1 - shareMet))
      if (memberCount === 0) {
        deductions.push({ points: maxScore, reason: '支部没有党员，无法计算学时达标率' })
      } else if (lost > 0) {
        deductions.push({
          points: lost,
          reason: `${memberCount - metCount}名党员未达到年度学时目标（达标${metCount}/${memberCount}人）`,
        })
      }
      if (evaluation.asOf.getTime() < studyHours.year.end.getTime()) notes.push(`学时统计截至评估日，${studyHours.year.label}尚未结束`)
      break
    }
    case 'requirement_shortfall': {
      let running = 0
      for (const line of linesOf(method.requirementIds)) {
        if (line.status === 'missed') {
          const missing = line.required - line.counted
          const unit = line.countsMembers ? '人' : '次'
          deductions.push({ points: missing * method.pointsPerMissing, reason: `${lineTitle(line)}少${missing}${unit}` })
        } else if (line.status === 'open' || line.status === 'due_soon') {
          running += 1
        }
      }
      if (running > 0) notes.push(`${running}个周期尚未结束，暂不扣分`)
      break
    }
    case 'dual_org_life': {
      const windowOver = evaluation.asOf.getTime() >= evaluation.window.end.getTime()
      for (const cadre of evaluation.leadingCadres) {
        if (cadre.attendedCount > 0) continue
        if (windowOver) {
          deductions.push({ points: method.pointsPerAbsentLeadingCadre, reason: `党员领导干部${cadre.name}未参加支部组织生活` })
        } else {
          notes.push(`党员领导干部${cadre.name}至今未参加支部组织生活`)
        }
      }
      for (const line of linesOf([method.secretaryLectureRequirementId])) {
        if (line.status === 'missed') {
          deductions.push({ points: method.pointsWithoutSecretaryLecture, reason: `${line.period.label}支部书记未讲党课` })
        } else if (line.status === 'open' || line.status === 'due_soon') {
          notes.push(`${line.period.label}支部书记尚未讲党课`)
        }
      }
      break
    }
  }
  return { deductions, notes }
}

function validateManualScores(manualScores: readonly ManualScore[], ruleset: Ruleset): Map<string, ManualScore> {
  const issues: string[] = []
  const byItem = new Map<string, ManualScore>()
  for (const [index, entry] of manualScores.entries()) {
    const parsed = manualScoreSchema.safeParse(entry)
    if (!parsed.success) {
      issues.push(`第${index + 1}条评分格式不正确`)
      continue
    }
    const { itemId, score } = parsed.data
    const item = ruleset.scoring.items[itemId]
    if (!item) issues.push(`未知的评分项「${itemId}」`)
    else if (item.method.kind !== 'manual') issues.push(`评分项「${itemId} ${item.label}」由系统自动计分，不能手工评分`)
    else if (score > item.maxScore) issues.push(`评分项「${itemId} ${item.label}」得分${score}超过满分${item.maxScore}`)
    else if (byItem.has(itemId)) issues.push(`评分项「${itemId} ${item.label}」重复评分`)
    else byItem.set(itemId, parsed.data)
  }
  if (issues.length > 0) throw new AppError('INVALID_INPUT', `达标评分有误：${issues.join('；')}`)
  return byItem
}

/**
 * The 达标 sheet: automatic items from the evaluation, setup and study hours
 * (each floored at 0, every lost point with its reason), manual items merged
 * in and checked against their maximum. Throws AppError INVALID_INPUT on bad
 * manual scores.
 */
export function scoreBranch(input: ScoreSheetInput): ScoreSheet {
  const { ruleset } = input
  const manual = validateManualScores(input.manualScores, ruleset)
  const itemsByIndicator = new Map<string, ScoredItem[]>()
  const unscoredItemIds: string[] = []

  for (const [itemId, item] of Object.entries(ruleset.scoring.items)) {
    let scored: ScoredItem
    if (item.method.kind === 'manual') {
      const entry = manual.get(itemId)
      if (!entry) unscoredItemIds.push(itemId)
      scored = {
        itemId,
        indicatorId: item.indicatorId,
        label: item.label,
        maxScore: item.maxScore,
        automatic: false,
        score: entry ? entry.score : null,
        deductions: [],
        notes: [],
        comment: entry ? entry.comment : null,
      }
    } else {
      const { deductions, notes } = scoreAutomatic(item.method, item.maxScore, input)
      const lost = deductions.reduce((sum, deduction) => sum + deduction.points, 0)
      scored = {
        itemId,
        indicatorId: item.indicatorId,
        label: item.label,
        maxScore: item.maxScore,
        automatic: true,
        score: toHundredths(Math.max(0, item.maxScore - lost)),
        deductions,
        notes,
        comment: null,
      }
    }
    const list = itemsByIndicator.get(item.indicatorId)
    if (list) list.push(scored)
    else itemsByIndicator.set(item.indicatorId, [scored])
  }

  const indicators: ScoredIndicator[] = Object.entries(ruleset.scoring.indicators).map(([indicatorId, indicator]) => {
    const items = itemsByIndicator.get(indicatorId) ?? []
    return {
      indicatorId,
      label: indicator.label,
      maxScore: indicator.maxScore,
      score: toHundredths(items.reduce((sum, item) => sum + (item.score ?? 0), 0)),
      items,
    }
  })
  const total = toHundredths(indicators.reduce((sum, indicator) => sum + indicator.score, 0))
  const grade = gradeOf(total, ruleset.scoring.gradeThresholds)
  return {
    branchId: input.evaluation.branchId,
    indicators,
    total,
    maxTotal: toHundredths(indicators.reduce((sum, indicator) => sum + indicator.maxScore, 0)),
    grade,
    gradeLabel: GRADE_LABELS[grade],
    qualified: grade === 'excellent' || grade === 'qualified',
    complete: unscoredItemIds.length === 0,
    unscoredItemIds,
  }
}
