import { isAttended, isHeld } from './attendance'
import type { Activity, Attendance, Member, StudyRecord } from './model'
import type { Ruleset } from './ruleset'
import { containsInstant, instantOfWallClock, periodCalendar, splitByLocalDay, wallClockOf } from './time'
import type { InstantRange, Period } from './time'

export type CreditActivity = Pick<Activity, '_id' | 'startAt' | 'creditHours' | 'status' | 'closedAt'>
export type CreditAttendance = Pick<Attendance, 'activityId' | 'memberId' | 'state' | 'makeupConfirmedAt'>
export type StudyMember = Pick<Member, '_id' | 'name' | 'roles' | 'active'>
export type SelfStudyRecord = Pick<StudyRecord, 'memberId' | 'hours' | 'studiedAt' | 'status'>

type StudyHourRules = Ruleset['studyHours']

const MS_PER_HOUR = 60 * 60 * 1000
/** Absorbs binary float noise (1.4999999…) before rounding down. */
const ROUNDING_EPSILON = 1e-9

/** Rounded to hundredths: for hours and scores shown to people (self-study hours may be any decimal). */
export function toHundredths(value: number): number {
  return Math.round(value * 100) / 100
}

export function roundDownCredit(hours: number, rules: Pick<StudyHourRules, 'roundDownTo'>): number {
  return Math.floor(hours / rules.roundDownTo + ROUNDING_EPSILON) * rules.roundDownTo
}

/**
 * Default 学时 of an activity from its duration: creditPerHour per hour, at most
 * maxCreditPerDay for each local calendar day it spans, rounded down to roundDownTo.
 * The secretary may store a different value in Activity.creditHours.
 */
export function defaultCreditHours(
  span: Pick<Activity, 'startAt' | 'endAt'>,
  ruleset: Pick<Ruleset, 'timeZone'> & { studyHours: Pick<StudyHourRules, 'creditPerHour' | 'maxCreditPerDay' | 'roundDownTo'> },
): number {
  const rules = ruleset.studyHours
  let credit = 0
  for (const day of splitByLocalDay(span.startAt, span.endAt, ruleset.timeZone)) {
    const hours = (day.end.getTime() - day.start.getTime()) / MS_PER_HOUR
    credit += Math.min(hours * rules.creditPerHour, rules.maxCreditPerDay)
  }
  return roundDownCredit(credit, rules)
}

export function isLeader(member: Pick<Member, 'roles'>, rules: Pick<StudyHourRules, 'leaderRoles'>): boolean {
  return member.roles.some((role) => rules.leaderRoles.includes(role))
}

/** Yearly target: the leader target for the secretary and committee members, the member target otherwise. */
export function yearlyTarget(member: Pick<Member, 'roles'>, ruleset: Pick<Ruleset, 'studyHours'>): number {
  const rules = ruleset.studyHours
  return isLeader(member, rules) ? rules.yearlyTargets.leader : rules.yearlyTargets.member
}

export type PaceStatus = 'met' | 'on_track' | 'behind'
export const PACE_STATUS_LABELS: Record<PaceStatus, string> = {
  met: '已达标',
  on_track: '进度正常',
  behind: '进度落后',
}

export interface StudyPace {
  /** Hours one would have by `asOf` at an even pace through the year. */
  expectedByNow: number
  status: PaceStatus
}

export function studyPace(actualHours: number, target: number, year: InstantRange, asOf: Date): StudyPace {
  const span = year.end.getTime() - year.start.getTime()
  const elapsed = Math.min(Math.max((asOf.getTime() - year.start.getTime()) / span, 0), 1)
  const expectedByNow = toHundredths(target * elapsed)
  const status: PaceStatus = actualHours >= target ? 'met' : actualHours >= expectedByNow ? 'on_track' : 'behind'
  return { expectedByNow, status }
}

export interface MemberStudyHours {
  memberId: string
  name: string
  target: number
  activityHours: number
  selfStudyHours: number
  totalHours: number
  /** Aligned with StudyHoursSummary.quarters. */
  quarterHours: number[]
  met: boolean
  pace: StudyPace
}

export interface StudyHoursSummary {
  year: Period
  asOf: Date
  quarters: Period[]
  members: MemberStudyHours[]
  branch: {
    memberCount: number
    metCount: number
    /** metCount / memberCount; 0 for a branch without members. */
    shareMet: number
    behindCount: number
    totalHours: number
    averageHours: number
    quarterHours: number[]
  }
}

export interface StudyHoursInput {
  year: Period
  asOf: Date
  members: readonly StudyMember[]
  /** Activities the members may have attended (their own branch's and joint ones). */
  activities: readonly CreditActivity[]
  attendance: readonly CreditAttendance[]
  studyRecords: readonly SelfStudyRecord[]
  ruleset: Ruleset
}

interface Tally {
  activityHours: number
  selfStudyHours: number
  quarterHours: number[]
}

/**
 * 学时 per active member for one year: the credit of every activity held by
 * `asOf` that the member attended (present or late; a confirmed 补学 only when
 * the ruleset says so) plus approved self-study, per quarter and in total.
 */
export function summarizeStudyHours(input: StudyHoursInput): StudyHoursSummary {
  const { year, asOf, ruleset } = input
  const calendar = periodCalendar(ruleset)
  const quarters = calendar.periodsOverlapping('quarter', year)
  const quarterIndex = new Map(quarters.map((quarter, index) => [quarter.key, index]))
  const quarterOf = (instant: Date): number => {
    const index = quarterIndex.get(calendar.periodOf('quarter', instant).key)
    if (index === undefined) throw new Error(`${instant.toISOString()} 不在 ${year.label} 内`)
    return index
  }

  const tallies = new Map<string, Tally>()
  for (const member of input.members) {
    if (member.active) tallies.set(member._id, { activityHours: 0, selfStudyHours: 0, quarterHours: quarters.map(() => 0) })
  }

  const creditable = new Map<string, { hours: number; quarter: number }>()
  for (const activity of input.activities) {
    if (isHeld(activity, asOf) && containsInstant(year, activity.startAt)) {
      creditable.set(activity._id, { hours: activity.creditHours, quarter: quarterOf(activity.startAt) })
    }
  }

  const makeupEarnsHours = ruleset.studyHours.makeupEarnsHours
  for (const record of input.attendance) {
    const tally = tallies.get(record.memberId)
    const credit = creditable.get(record.activityId)
    if (!tally || !credit) continue
    const earns = isAttended(record.state) || (makeupEarnsHours && record.makeupConfirmedAt !== null)
    if (!earns) continue
    tally.activityHours += credit.hours
    tally.quarterHours[credit.quarter] += credit.hours
  }

  for (const study of input.studyRecords) {
    const tally = tallies.get(study.memberId)
    if (!tally || study.status !== 'approved') continue
    if (!containsInstant(year, study.studiedAt) || study.studiedAt.getTime() > asOf.getTime()) continue
    tally.selfStudyHours += study.hours
    tally.quarterHours[quarterOf(study.studiedAt)] += study.hours
  }

  const members: MemberStudyHours[] = []
  for (const member of input.members) {
    const tally = tallies.get(member._id)
    if (!tally) continue
    const target = yearlyTarget(member, ruleset)
    const totalHours = toHundredths(tally.activityHours + tally.selfStudyHours)
    members.push({
      memberId: member._id,
      name: member.name,
      target,
      activityHours: toHundredths(tally.activityHours),
      selfStudyHours: toHundredths(tally.selfStudyHours),
      totalHours,
      quarterHours: tally.quarterHours.map(toHundredths),
      met: totalHours >= target,
      pace: studyPace(totalHours, target, year, asOf),
    })
  }

  const metCount = members.filter((member) => member.met).length
  const totalHours = toHundredths(members.reduce((sum, member) => sum + member.totalHours, 0))
  return {
    year,
    asOf,
    quarters,
    members,
    branch: {
      memberCount: members.length,
      metCount,
      shareMet: members.length === 0 ? 0 : metCount / members.length,
      behindCount: members.filter((member) => member.pace.status === 'behind').length,
      totalHours,
      averageHours: members.length === 0 ? 0 : toHundredths(totalHours / members.length),
      quarterHours: quarters.map((_, index) => toHundredths(members.reduce((sum, member) => sum + member.quarterHours[index], 0))),
    },
  }
}

/** Where a member's self-study proof photos are uploaded: `study/<memberId>/`. */
export function selfStudyFolder(memberId: string): string {
  return `study/${memberId}/`
}

const localDay = (instant: Date, timeZone: string) => wallClockOf(instant, timeZone).format('YYYY-MM-DD')

/** The day a member studied, picked as 'YYYY-MM-DD' in `timeZone`: stored as the start of that day there. */
export function studyDayStart(localDate: string, timeZone: string): Date {
  return instantOfWallClock(wallClockOf(new Date(`${localDate}T00:00:00.000Z`), 'UTC'), timeZone)
}

/** Self-study may be filed for today or an earlier day (in `timeZone`), at any hour of today. */
export function studyDateProblem(studiedAt: Date, now: Date, timeZone: string): string | null {
  return localDay(studiedAt, timeZone) > localDay(now, timeZone) ? '学习日期不能晚于今天' : null
}
