import { assessBranch, evaluateBranch } from '../../../src/domain/compliance'
import { DEFAULT_RULESET, resolveRuleset, singleRuleset, timelineOf } from '../../../src/domain/ruleset'
import { periodCalendar } from '../../../src/domain/time'
import { bj, Scenario } from './fixtures'

const calendar = periodCalendar(DEFAULT_RULESET)
const start = (key: string) => calendar.periodFromKey(key).start
const YEAR_2026 = calendar.periodFromKey('2026')
const themeDayTwice = resolveRuleset({ requirements: { theme_day_monthly: { minCount: 2 } } })

function monthlyThemeDays(): Scenario {
  const scenario = new Scenario()
  scenario.addMembers(5)
  for (let month = 1; month <= 12; month += 1) scenario.hold(`t${month}`, ['theme_day'], `2026-${String(month).padStart(2, '0')}-15 14:30`)
  return scenario
}

describe('a ruleset timeline: each period by the rules in force on its first day', () => {
  it('judges the months before a change by the old rules and the months from it by the new ones', () => {
    const rules = timelineOf([
      { from: null, ruleset: DEFAULT_RULESET },
      { from: start('2026-09'), ruleset: themeDayTwice },
    ])
    const evaluation = evaluateBranch(monthlyThemeDays().input(rules, '2027-01-10 12:00', YEAR_2026))
    const themeDays = evaluation.lines.filter((line) => line.requirementId === 'theme_day_monthly')
    expect(themeDays.map((line) => [line.period.key, line.required, line.status])).toEqual([
      ...['01', '02', '03', '04', '05', '06', '07', '08'].map((month) => [`2026-${month}`, 1, 'done']),
      ...['09', '10', '11', '12'].map((month) => [`2026-${month}`, 2, 'missed']),
    ])
    expect(themeDays[8].label).toBe('主题党日（每月至少2次，固定每月15日）')
  })

  it('keeps a year judged by the rules of its first day: a change from September leaves the 2026 sheet and hour targets alone', () => {
    const higherTargets = resolveRuleset({ studyHours: { yearlyTargets: { member: 100 } }, scoring: { gradeThresholds: { qualified: 85 } } })
    const rules = timelineOf([
      { from: null, ruleset: DEFAULT_RULESET },
      { from: start('2026-09'), ruleset: higherTargets },
    ])
    const scenario = monthlyThemeDays()
    const input = { ...scenario.input(rules, '2027-01-10 12:00', YEAR_2026), year: 2026, studyRecords: [], manualScores: [] }
    const assessment = assessBranch(input)
    expect(assessment.studyHours.members[0].target).toBe(32)
    const fromTheYear = assessBranch({ ...input, rules: timelineOf([{ from: null, ruleset: DEFAULT_RULESET }, { from: start('2026'), ruleset: higherTargets }]) })
    // From the year itself: the old rules judge nothing of 2026 except the autumn semester begun in 2025.
    expect(fromTheYear.studyHours.members[0].target).toBe(100)
  })

  it('gives the same evaluation for one version as for the ruleset alone', () => {
    const scenario = monthlyThemeDays()
    const alone = evaluateBranch(scenario.input(singleRuleset(themeDayTwice), '2026-12-05 12:00', YEAR_2026))
    const versions = evaluateBranch(scenario.input(timelineOf([{ from: null, ruleset: themeDayTwice }]), '2026-12-05 12:00', YEAR_2026))
    expect(versions).toEqual(alone)
  })

  it('uses the newer rules for 痕迹 of an activity held after the change', () => {
    const photoOnly = resolveRuleset({ activityTypes: { theme_day: { requiredEvidence: ['photo'] } } })
    const rules = timelineOf([{ from: null, ruleset: DEFAULT_RULESET }, { from: start('2026-11'), ruleset: photoOnly }])
    const scenario = new Scenario()
    scenario.addMembers(4)
    scenario.hold('oct', ['theme_day'], '2026-10-15 14:30', { minutes: null })
    scenario.hold('nov', ['theme_day'], '2026-11-15 14:30', { minutes: null })
    const evaluation = evaluateBranch(scenario.input(rules, '2026-11-20 12:00', calendar.periodFromKey('2026-Q4')))
    expect(evaluation.awaitingEvidence.map((gap) => gap.activityId)).toEqual(['oct'])
    const status = (key: string) => evaluation.lines.find((line) => line.requirementId === 'theme_day_monthly' && line.period.key === key)?.status
    expect([status('2026-10'), status('2026-11')]).toEqual(['missed', 'done'])
  })

  it('cuts semesters by the dates of their year: a change from 2027 moves the spring semester and ends the autumn one there', () => {
    const lateSpring = resolveRuleset({ semesters: { spring: { month: 2, day: 20 }, autumn: { month: 9, day: 1 } } })
    const rules = timelineOf([{ from: null, ruleset: DEFAULT_RULESET }, { from: start('2027'), ruleset: lateSpring }])
    const autumn2026 = rules.calendar.periodFromKey('2026-autumn')
    expect([autumn2026.start, autumn2026.end]).toEqual([bj('2026-08-01 00:00'), bj('2027-02-20 00:00')])
    const spring2027 = rules.calendar.periodOf('semester', bj('2027-03-01 12:00'))
    expect([spring2027.key, spring2027.start, spring2027.end]).toEqual(['2027-spring', bj('2027-02-20 00:00'), bj('2027-09-01 00:00')])
    expect(rules.calendar.periodOf('semester', bj('2027-02-10 12:00')).key).toBe('2026-autumn')
    expect(rules.forPeriod(spring2027)).toBe(lateSpring)
    expect(rules.forPeriod(autumn2026)).toBe(DEFAULT_RULESET)
  })
})

describe('per-person speaker rules', () => {
  const everyCommitteeMember = resolveRuleset({
    requirements: {
      secretary_lecture_yearly: {
        speakers: { roles: ['secretary', 'organization', 'publicity'], leadingCadres: false, each: true },
      },
    },
  })

  function committeeBranch(): Scenario {
    const scenario = new Scenario()
    scenario.addMembers(1, { roles: ['secretary'] }, 's')
    scenario.addMembers(1, { roles: ['organization'] }, 'o')
    scenario.addMembers(1, { roles: ['publicity'] }, 'p')
    scenario.addMembers(4)
    return scenario
  }

  it('needs every holder of the roles to give their own 党课: two of three gave one', () => {
    const scenario = committeeBranch()
    scenario.hold('l1', ['party_lecture'], '2026-03-10 14:30', { activity: { speakerMemberId: 's1' } })
    scenario.hold('l2', ['party_lecture'], '2026-04-10 14:30', { activity: { speakerMemberId: 's1' } })
    scenario.hold('l3', ['party_lecture'], '2026-05-10 14:30', { activity: { speakerMemberId: 'o2' } })
    scenario.hold('l4', ['party_lecture'], '2026-06-10 14:30', { activity: { speakerMemberId: 'm4' } })
    const line = evaluateBranch(scenario.input(everyCommitteeMember, '2027-01-05 12:00', YEAR_2026)).lines.find(
      (candidate) => candidate.requirementId === 'secretary_lecture_yearly',
    )!
    expect(line).toMatchObject({
      label: '党课（每名书记或组织委员或宣传委员每年至少讲授1次）',
      required: 3,
      counted: 2,
      countsMembers: true,
      uncoveredMemberIds: ['p3'],
      status: 'missed',
    })
    expect(line.uncounted.map((activity) => [activity.activityId, activity.reasons.map((reason) => reason.code)])).toEqual([['l4', ['speaker_mismatch']]])
  })

  it('is 不适用 where the branch has nobody who would have to speak (no 党员领导干部)', () => {
    const cadres = resolveRuleset({
      requirements: { secretary_lecture_yearly: { speakers: { roles: [], leadingCadres: true, each: true } } },
    })
    const line = evaluateBranch(committeeBranch().input(cadres, '2027-01-05 12:00', YEAR_2026)).lines.find(
      (candidate) => candidate.requirementId === 'secretary_lecture_yearly',
    )!
    expect(line.status).toBe('not_applicable')
    expect(line.note).toBe('支部没有党员领导干部，党课要求不适用')
  })

  it('counts a 党课 by a 党员领导干部 under a rule for leading cadres', () => {
    const scenario = committeeBranch()
    scenario.addMembers(1, { isLeadingCadre: true }, 'c')
    scenario.hold('l1', ['party_lecture'], '2026-03-10 14:30', { activity: { speakerMemberId: 'c8' } })
    const cadres = resolveRuleset({
      requirements: { secretary_lecture_yearly: { speakers: { roles: [], leadingCadres: true, each: true } } },
    })
    const line = evaluateBranch(scenario.input(cadres, '2027-01-05 12:00', YEAR_2026)).lines.find(
      (candidate) => candidate.requirementId === 'secretary_lecture_yearly',
    )!
    expect(line).toMatchObject({ required: 1, counted: 1, status: 'done', label: '党课（每名党员领导干部每年至少讲授1次）' })
  })
})
