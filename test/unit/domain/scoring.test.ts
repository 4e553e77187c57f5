import { assessBranch, gradeOf } from '../../../src/domain/compliance'
import type { BranchAssessment, ManualScore, ScoredItem } from '../../../src/domain/compliance'
import { AppError } from '../../../src/domain/errors'
import { DEFAULT_RULESET, resolveRuleset } from '../../../src/domain/ruleset'
import type { Ruleset } from '../../../src/domain/ruleset'
import { singleRuleset } from '../../../src/domain/ruleset/timeline'
import { Scenario, bj } from './fixtures'

const FULL_MANUAL: ManualScore[] = Object.entries(DEFAULT_RULESET.scoring.items)
  .filter(([, item]) => item.method.kind === 'manual')
  .map(([itemId, item]) => ({ itemId, score: item.maxScore, comment: '材料齐全' }))

const month = (value: number) => String(value).padStart(2, '0')

/** A teacher branch of 8 正式党员 (committee, one group, one 党员领导干部) that met every rule of 2026. */
function perfectYear(): Scenario {
  const scenario = new Scenario()
  scenario.addGroup('g1', '第一党小组')
  scenario.addMembers(1, { roles: ['secretary'], groupId: 'g1', isDualLeader: true }, 'sec')
  scenario.addMembers(1, { roles: ['organization'], groupId: 'g1' }, 'org')
  scenario.addMembers(5, { groupId: 'g1' })
  scenario.addMembers(1, { groupId: 'g1', isLeadingCadre: true }, 'cadre')
  for (let m = 1; m <= 12; m += 1) {
    scenario.hold(`theme-${month(m)}`, ['theme_day'], `2026-${month(m)}-15 14:30`, { hours: 3 })
    scenario.hold(`committee-${month(m)}`, ['committee_meeting'], `2026-${month(m)}-05 12:30`, {
      activity: { audience: { kind: 'committee' } },
      attendees: ['sec1', 'org2'],
    })
    scenario.hold(`group-${month(m)}`, ['group_meeting'], `2026-${month(m)}-10 19:00`, { activity: { audience: { kind: 'group', groupId: 'g1' } } })
    if (m % 3 === 0) scenario.hold(`congress-${month(m)}`, ['party_congress'], `2026-${month(m)}-20 15:00`)
  }
  scenario.hold('lecture-secretary', ['party_lecture'], '2026-03-20 16:00', { activity: { speakerMemberId: 'sec1' } })
  for (const date of ['2025-10-22', '2025-11-22', '2026-05-22', '2026-10-22', '2026-11-22']) {
    scenario.hold(`lecture-${date}`, ['party_lecture'], `${date} 15:00`)
  }
  scenario.hold('org-life', ['org_life_meeting'], '2026-12-10 14:00')
  scenario.hold('review', ['democratic_review'], '2026-12-17 14:00')
  return scenario
}

function assess(
  scenario: Scenario,
  options: { asOf?: string; ruleset?: Ruleset; manualScores?: ManualScore[] } = {},
): BranchAssessment {
  return assessBranch({
    branch: scenario.branch,
    groups: scenario.groups,
    members: scenario.members,
    activities: scenario.activities,
    attendance: scenario.attendance,
    evidence: scenario.evidence,
    studyRecords: [],
    rules: singleRuleset(options.ruleset ?? DEFAULT_RULESET),
    asOf: bj(options.asOf ?? '2027-01-10 12:00'),
    year: 2026,
    manualScores: options.manualScores ?? FULL_MANUAL,
  })
}

function item(assessment: BranchAssessment, itemId: string): ScoredItem {
  const found = assessment.sheet.indicators.flatMap((indicator) => indicator.items).find((each) => each.itemId === itemId)
  if (!found) throw new Error(`no item ${itemId}`)
  return found
}

const without = (scenario: Scenario, ...prefixes: string[]) => {
  scenario.activities = scenario.activities.filter((activity) => !prefixes.some((prefix) => activity._id.startsWith(prefix)))
  return scenario
}

describe('a branch that met every rule', () => {
  const assessment = assess(perfectYear())

  it('is green and scores full marks: 优秀', () => {
    expect(assessment.evaluation.reasons).toEqual([])
    expect(assessment.evaluation.light).toBe('green')
    expect(assessment.sheet).toMatchObject({ total: 100, maxTotal: 100, grade: 'excellent', gradeLabel: '优秀', qualified: true, complete: true })
  })

  it.each([
    ['1', 10],
    ['2', 15],
    ['3', 25],
    ['4', 15],
    ['5', 15],
    ['6', 20],
  ])('indicator %s scores %i', (indicatorId, score) => {
    expect(assessment.sheet.indicators.find((indicator) => indicator.indicatorId === indicatorId)?.score).toBe(score)
  })
})

describe('automatic deductions, each floored at 0', () => {
  it.each<[string, string, number, string[], string[]]>([
    ['two 主题党日 months missed', '4.4', 4, ['theme-03', 'theme-07'], ['2026年3月「主题党日（每月至少1次，固定每月15日）」少1次']],
    ['every 主题党日 missed: 12 × 0.5 > 5', '4.4', 0, ['theme-'], []],
    ['three 支委会 missed', '4.1', 1.5, ['committee-01', 'committee-02', 'committee-03'], ['2026年2月「支部委员会（每月至少1次）」少1次']],
    ['a 党课 short in the spring semester', '4.1', 2.5, ['lecture-2026-05'], ['2026年春季学期「党课（每学期至少2次）」少1次']],
    ['every 支委会 and 党小组会 missed: 24 × 0.5 > 3', '4.1', 0, ['committee-', 'group-'], ['2026年7月 第一党小组「党小组会（每个党小组每月至少1次）」少1次']],
    ['no 组织生活会', '4.2', 0, ['org-life'], ['2026年「组织生活会（每年至少1次）」少1次']],
    ['no 民主评议', '4.3', 0, ['review'], ['2026年「民主评议党员（每年至少1次）」少1次']],
    ['the secretary gave no 党课', '4.5', 2, ['lecture-secretary'], ['2026年支部书记未讲党课']],
  ])('%s → item %s scores %p', (_, itemId, score, removed, reasons) => {
    const scored = item(assess(without(perfectYear(), ...removed)), itemId)
    expect(scored.score).toBe(score)
    for (const reason of reasons) expect(scored.deductions.map((deduction) => deduction.reason)).toContain(reason)
    expect(scored.deductions.length).toBeGreaterThan(0)
  })

  it('does not deduct a semester still running (autumn 2026 ends on 31 January 2027)', () => {
    expect(item(assess(without(perfectYear(), 'lecture-2026-10')), '4.1')).toMatchObject({
      score: 3,
      notes: ['1个周期尚未结束，暂不扣分'],
    })
  })

  it('deducts 1 per 党员领导干部 who never attended, once the year is over', () => {
    const scenario = perfectYear()
    scenario.attendance = scenario.attendance.filter((record) => record.memberId !== 'cadre8')
    expect(item(assess(scenario), '4.5')).toMatchObject({
      score: 2,
      deductions: [{ points: 1, reason: '党员领导干部党员cadre8未参加支部组织生活' }],
    })
  })

  it('only notes an absent 党员领导干部 while the year is still running', () => {
    const scenario = perfectYear()
    scenario.attendance = scenario.attendance.filter((record) => record.memberId !== 'cadre8')
    expect(item(assess(scenario, { asOf: '2026-06-30 12:00' }), '4.5')).toMatchObject({
      score: 3,
      deductions: [],
      notes: ['党员领导干部党员cadre8至今未参加支部组织生活'],
    })
  })

  it('floors 4.5 at 0 when the deductions exceed 3', () => {
    const scenario = without(perfectYear(), 'lecture-secretary')
    scenario.addMembers(3, { groupId: 'g1', isLeadingCadre: true }, 'late-cadre')
    const scored = item(assess(scenario), '4.5')
    expect(scored.deductions.reduce((sum, deduction) => sum + deduction.points, 0)).toBe(4)
    expect(scored.score).toBe(0)
  })

  it('does not deduct periods still running, and says so', () => {
    const scored = item(assess(without(perfectYear(), 'theme-12'), { asOf: '2026-12-05 12:00' }), '4.4')
    expect(scored).toMatchObject({ score: 5, deductions: [], notes: ['1个周期尚未结束，暂不扣分'] })
  })

  it.each<[string, (scenario: Scenario) => void, string, number]>([
    ['a teacher secretary who is not a 双带头人', (s) => (s.members[0] = { ...s.members[0], isDualLeader: false }), '1.3', 0],
    ['no committee although 8 正式党员', (s) => (s.members[1] = { ...s.members[1], roles: [] }), '1.2', 1],
    ['an expired term', (s) => (s.branch = { ...s.branch, committeeTermStart: bj('2023-01-01 09:00') }), '1.2', 1],
    [
      'an expired term and no committee: 4 > 3',
      (s) => {
        s.branch = { ...s.branch, committeeTermStart: bj('2023-01-01 09:00') }
        s.members[1] = { ...s.members[1], roles: [] }
      },
      '1.2',
      0,
    ],
    ['too few 正式党员', (s) => (s.members = s.members.map((each, index) => (index < 6 ? { ...each, partyStatus: 'probationary' } : each))), '1.1', 3],
  ])('%s → item %s scores %p', (_, mutate, itemId, score) => {
    const scenario = perfectYear()
    mutate(scenario)
    expect(item(assess(scenario), itemId).score).toBe(score)
  })

  it('scores 党员教育 as 10 × the share of members who met their target', () => {
    const ruleset = resolveRuleset({ studyHours: { yearlyTargets: { member: 1000 } } })
    expect(item(assess(perfectYear(), { ruleset }), '3.2')).toMatchObject({
      score: 2.5,
      deductions: [{ points: 7.5, reason: '6名党员未达到年度学时目标（达标2/8人）' }],
    })
  })
})

describe('manual items', () => {
  it('merges manual scores with their comments and flags unscored items', () => {
    const assessment = assess(perfectYear(), { manualScores: [{ itemId: '2.1', score: 3.5, comment: '中心工作推进一般' }] })
    expect(item(assessment, '2.1')).toMatchObject({ score: 3.5, comment: '中心工作推进一般', automatic: false })
    expect(item(assessment, '6.1')).toMatchObject({ score: null, comment: null })
    expect(assessment.sheet.complete).toBe(false)
    expect(assessment.sheet.unscoredItemIds).toEqual(['2.2', '2.3', '2.4', '3.1', '3.3', '3.4', '5.1', '5.4', '5.5', '6.1'])
    expect(assessment.sheet.total).toBe(38.5)
    expect(assessment.sheet.grade).toBe('unqualified')
  })

  it.each<[string, ManualScore[], string]>([
    ['a score above the maximum', [{ itemId: '2.1', score: 6, comment: '' }], '评分项「2.1 发挥党支部战斗堡垒作用」得分6超过满分5'],
    ['an automatic item', [{ itemId: '4.1', score: 3, comment: '' }], '评分项「4.1 “三会一课”」由系统自动计分，不能手工评分'],
    ['an unknown item', [{ itemId: '9.9', score: 1, comment: '' }], '未知的评分项「9.9」'],
    ['a negative score', [{ itemId: '2.1', score: -1, comment: '' }], '第1条评分格式不正确'],
    [
      'the same item twice',
      [
        { itemId: '2.1', score: 1, comment: '' },
        { itemId: '2.1', score: 2, comment: '' },
      ],
      '重复评分',
    ],
  ])('rejects %s', (_, manualScores, message) => {
    let caught: unknown
    try {
      assess(perfectYear(), { manualScores })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(AppError)
    expect((caught as AppError).code).toBe('INVALID_INPUT')
    expect((caught as AppError).message).toContain(message)
  })
})

describe('grades', () => {
  const thresholds = DEFAULT_RULESET.scoring.gradeThresholds
  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'qualified'],
    [80, 'qualified'],
    [79.5, 'basic'],
    [60, 'basic'],
    [59.99, 'unqualified'],
    [0, 'unqualified'],
  ])('%p → %s', (total, grade) => {
    expect(gradeOf(total, thresholds)).toBe(grade)
  })

  it('follows overridden thresholds', () => {
    const ruleset = resolveRuleset({ scoring: { gradeThresholds: { excellent: 95, qualified: 85 } } })
    expect(gradeOf(90, ruleset.scoring.gradeThresholds)).toBe('qualified')
    expect(gradeOf(84, ruleset.scoring.gradeThresholds)).toBe('basic')
  })
})
