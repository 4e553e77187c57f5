import { summarizeStudyHours } from '../study-hours'
import type { SelfStudyRecord, StudyHoursSummary } from '../study-hours'
import { evaluateBranch } from './evaluate'
import type { BranchEvaluation, BranchEvaluationInput } from './evaluate'
import { scoreBranch } from './scoring'
import type { ManualScore, ScoreSheet } from './scoring'
import { checkBranchSetup } from './setup'
import type { BranchSetupReport } from './setup'

export interface BranchAssessmentInput extends Omit<BranchEvaluationInput, 'window'> {
  /** Calendar year (in the ruleset's zone) being assessed; it is the evaluation window. */
  year: number
  studyRecords: readonly SelfStudyRecord[]
  manualScores: readonly ManualScore[]
}

export interface BranchAssessment {
  evaluation: BranchEvaluation
  setup: BranchSetupReport
  studyHours: StudyHoursSummary
  sheet: ScoreSheet
}

/**
 * Evaluation, setup checks, study hours and the 达标 sheet of one branch for one year. The year's
 * own rules (study-hour targets, setup, the sheet) are those in force on its first day; each
 * requirement's period is judged by the rules in force when that period began.
 */
export function assessBranch(input: BranchAssessmentInput): BranchAssessment {
  const { branch, rules, asOf } = input
  const year = rules.calendar.periodFromKey(String(input.year))
  const ruleset = rules.forPeriod(year)
  const members = input.members.filter((member) => member.branchId === branch._id)
  const evaluation = evaluateBranch({ ...input, window: year })
  const setup = checkBranchSetup({ branch, members, ruleset, asOf })
  const studyHours = summarizeStudyHours({
    year,
    asOf,
    members,
    activities: input.activities,
    attendance: input.attendance,
    studyRecords: input.studyRecords,
    ruleset,
  })
  const sheet = scoreBranch({ evaluation, setup, studyHours, manualScores: input.manualScores, ruleset })
  return { evaluation, setup, studyHours, sheet }
}
