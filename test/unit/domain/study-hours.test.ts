import { DEFAULT_RULESET, resolveRuleset } from '../../../src/domain/ruleset'
import {
  defaultCreditHours,
  studyPace,
  summarizeStudyHours,
  yearlyTarget,
} from '../../../src/domain/study-hours'
import type { CreditActivity, CreditAttendance, SelfStudyRecord } from '../../../src/domain/study-hours'
import type { BranchRole } from '../../../src/domain/model'
import { periodCalendar } from '../../../src/domain/time'
import { bj, member } from './fixtures'

describe('defaultCreditHours', () => {
  it.each([
    ['1 h', '2026-11-15 14:00', '2026-11-15 15:00', 1],
    ['1 h 29 min rounds down', '2026-11-15 14:00', '2026-11-15 15:29', 1],
    ['1 h 30 min', '2026-11-15 14:00', '2026-11-15 15:30', 1.5],
    ['1 h 59 min rounds down to 1.5', '2026-11-15 14:00', '2026-11-15 15:59', 1.5],
    ['29 min earns nothing', '2026-11-15 14:00', '2026-11-15 14:29', 0],
    ['a 10 h day is capped at 8', '2026-11-15 08:00', '2026-11-15 18:00', 8],
    ['two long days are capped at 8 each', '2026-11-14 08:00', '2026-11-15 18:00', 16],
    ['across midnight, 2 h', '2026-11-14 23:00', '2026-11-15 01:00', 2],
    ['across midnight, 1 h 45 min split 45 + 60 min', '2026-11-14 23:15', '2026-11-15 01:00', 1.5],
    ['an empty span', '2026-11-15 14:00', '2026-11-15 14:00', 0],
  ])('%s → %p 学时', (_, start, end, credit) => {
    expect(defaultCreditHours({ startAt: bj(start), endAt: bj(end) }, DEFAULT_RULESET)).toBe(credit)
  })

  it('cuts days at Beijing midnight, not UTC midnight', () => {
    // 07:00–17:00 Beijing is one local day although it spans UTC midnight: capped once at 8.
    expect(defaultCreditHours({ startAt: bj('2026-11-15 07:00'), endAt: bj('2026-11-15 17:00') }, DEFAULT_RULESET)).toBe(8)
  })

  it.each([
    ['rounding to whole hours', { roundDownTo: 1 }, 1],
    ['two credits per hour', { creditPerHour: 2 }, 3],
  ])('follows the ruleset: %s', (_, studyHours, credit) => {
    const ruleset = resolveRuleset({ studyHours })
    expect(defaultCreditHours({ startAt: bj('2026-11-15 14:00'), endAt: bj('2026-11-15 15:40') }, ruleset)).toBe(credit)
  })
})

describe('yearlyTarget', () => {
  it.each<[BranchRole[], number]>([
    [[], 32],
    [['group_leader'], 32],
    [['secretary'], 56],
    [['deputy_secretary'], 56],
    [['organization'], 56],
    [['publicity', 'group_leader'], 56],
    [['discipline'], 56],
  ])('roles %p → %i 学时', (roles, target) => {
    expect(yearlyTarget({ roles }, DEFAULT_RULESET)).toBe(target)
  })
})

describe('studyPace', () => {
  const year = periodCalendar(DEFAULT_RULESET).periodFromKey('2026')
  const midYear = bj('2026-07-02 12:00') // 182.5 of 365 days: half the year
  it.each([
    ['ahead of the pro-rata line', 20, 32, midYear, 'on_track'],
    ['exactly on the line', 16, 32, midYear, 'on_track'],
    ['just behind the line', 15.99, 32, midYear, 'behind'],
    ['target reached', 32, 32, midYear, 'met'],
    ['before the year starts nothing is expected', 0, 32, bj('2025-12-01 00:00'), 'on_track'],
    ['after the year everything is expected', 31.5, 32, bj('2027-01-05 00:00'), 'behind'],
  ])('%s', (_, actual, target, asOf, status) => {
    expect(studyPace(actual, target, year, asOf).status).toBe(status)
  })

  it('expects target × elapsed share of the year', () => {
    expect(studyPace(0, 56, year, bj('2026-12-31 23:59')).expectedByNow).toBe(56)
    expect(studyPace(0, 32, year, bj('2026-01-01 00:00')).expectedByNow).toBe(0)
  })
})

describe('summarizeStudyHours', () => {
  const calendar = periodCalendar(DEFAULT_RULESET)
  const year = calendar.periodFromKey('2026')
  const members = [
    member('sec', { roles: ['secretary'] }),
    member('a'),
    member('b'),
    member('gone', { active: false }),
  ]
  const activity = (id: string, start: string, creditHours: number, status: CreditActivity['status'] = 'closed'): CreditActivity => ({
    _id: id,
    startAt: bj(start),
    creditHours,
    status,
    closedAt: status === 'closed' ? bj(start) : null,
  })
  const activities = [
    activity('jan', '2026-01-15 14:30', 2),
    activity('may', '2026-05-15 14:30', 3),
    activity('nov', '2026-11-15 14:30', 4),
    activity('dec-open', '2026-12-15 14:30', 5, 'scheduled'),
    activity('last-year', '2025-12-15 14:30', 6),
  ]
  const attend = (activityId: string, memberId: string, state: CreditAttendance['state'], makeup = false): CreditAttendance => ({
    activityId,
    memberId,
    state,
    makeupConfirmedAt: makeup ? bj('2026-12-01 10:00') : null,
  })
  const attendance = [
    attend('jan', 'sec', 'present'),
    attend('may', 'sec', 'late'),
    attend('nov', 'sec', 'present'),
    attend('dec-open', 'sec', 'present'),
    attend('last-year', 'sec', 'present'),
    attend('jan', 'a', 'present'),
    attend('may', 'a', 'leave'),
    attend('nov', 'a', 'absent', true),
    attend('jan', 'b', 'absent'),
    attend('jan', 'gone', 'present'),
  ]
  const study = (memberId: string, hours: number, date: string, status: SelfStudyRecord['status'] = 'approved'): SelfStudyRecord => ({
    memberId,
    hours,
    studiedAt: bj(date),
    status,
  })
  const studyRecords = [
    study('a', 30, '2026-03-10 20:00'),
    study('a', 10, '2026-03-11 20:00', 'pending'),
    study('b', 4.25, '2026-08-10 20:00'),
    study('b', 5, '2026-12-30 20:00'),
  ]
  const asOf = bj('2026-12-20 12:00')

  const summary = summarizeStudyHours({ year, asOf, members, activities, attendance, studyRecords, ruleset: DEFAULT_RULESET })
  const row = (id: string) => summary.members.find((each) => each.memberId === id)

  it('credits held activities of the year to members present or late', () => {
    expect(row('sec')).toMatchObject({ target: 56, activityHours: 9, selfStudyHours: 0, totalHours: 9, quarterHours: [2, 3, 0, 4] })
  })

  it('gives no hours for leave, absence or 补学 by default, and counts approved self-study up to asOf', () => {
    expect(row('a')).toMatchObject({ target: 32, activityHours: 2, selfStudyHours: 30, totalHours: 32, met: true, quarterHours: [32, 0, 0, 0] })
    expect(row('b')).toMatchObject({ activityHours: 0, selfStudyHours: 4.25, totalHours: 4.25, met: false, quarterHours: [0, 0, 4.25, 0] })
  })

  it('leaves inactive members out and sums the branch', () => {
    expect(row('gone')).toBeUndefined()
    expect(summary.quarters.map((quarter) => quarter.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
    expect(summary.branch).toMatchObject({
      memberCount: 3,
      metCount: 1,
      shareMet: 1 / 3,
      totalHours: 45.25,
      quarterHours: [34, 3, 4.25, 4],
    })
    expect(summary.branch.behindCount).toBe(2)
  })

  it('credits a confirmed 补学 when the ruleset says so', () => {
    const ruleset = resolveRuleset({ studyHours: { makeupEarnsHours: true } })
    const withMakeup = summarizeStudyHours({ year, asOf, members, activities, attendance, studyRecords, ruleset })
    expect(withMakeup.members.find((each) => each.memberId === 'a')?.activityHours).toBe(6)
  })

  it('handles a branch without members', () => {
    const empty = summarizeStudyHours({ year, asOf, members: [], activities, attendance, studyRecords, ruleset: DEFAULT_RULESET })
    expect(empty.branch).toMatchObject({ memberCount: 0, metCount: 0, shareMet: 0, averageHours: 0 })
  })
})
