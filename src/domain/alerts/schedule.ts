import type { Ruleset } from '../ruleset'
import type { MonthDay } from '../time'

/**
 * When the daily alert scan warns (预警). The first warning of a requirement comes when it turns
 * 临期 (the ruleset's dueSoonDays) and of a committee term when the setup check starts warning
 * (the ruleset's termExpiryWarningDays), so the warnings and the lights agree; the rest is here.
 */
export interface AlertSchedule {
  /** Further warnings of an unmet requirement, in days left before its period ends. */
  dueFollowUpDays: readonly number[]
  /** A held activity still 待补痕迹 this many hours after it was closed is reported (once). */
  evidenceGraceHours: number
  /** Local days of the year from which members far behind on 学时 are reported (once a year each). */
  studyHourCheckpoints: readonly MonthDay[]
  /** Far behind: fewer hours than this share of what an even pace through the year has by now. */
  farBehindShare: number
  /** Further warnings of the committee term, in days left; 0 is the day it ends. */
  termFollowUpDays: readonly number[]
}

export const DEFAULT_ALERT_SCHEDULE: AlertSchedule = {
  dueFollowUpDays: [3],
  evidenceGraceHours: 24,
  studyHourCheckpoints: [{ month: 7, day: 1 }],
  farBehindShare: 0.5,
  termFollowUpDays: [30, 0],
}

/** Warning steps in days left, largest first, without repeats. */
function stagesOf(first: number, followUps: readonly number[]): number[] {
  return [...new Set([first, ...followUps])].sort((a, b) => b - a)
}

export const dueStages = (ruleset: Pick<Ruleset, 'dueSoonDays'>, schedule: AlertSchedule) =>
  stagesOf(ruleset.dueSoonDays, schedule.dueFollowUpDays)

export const termStages = (ruleset: Pick<Ruleset, 'branchSetup'>, schedule: AlertSchedule) =>
  stagesOf(ruleset.branchSetup.termExpiryWarningDays, schedule.termFollowUpDays)

/**
 * The warning step reached with `daysLeft`: the smallest stage that is still ≥ daysLeft, so a scan
 * that missed a day sends the step due now and never an earlier one; null before the first step.
 */
export function stageFor(daysLeft: number, stages: readonly number[]): number | null {
  const reached = stages.filter((stage) => daysLeft <= stage)
  return reached.length === 0 ? null : Math.min(...reached)
}
