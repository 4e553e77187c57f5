import { AppError } from '../../../src/domain/errors'
import {
  DEFAULT_RULESET,
  RulesetValidationError,
  describeRequirement,
  parseRuleset,
  resolveRuleset,
} from '../../../src/domain/ruleset'

function valueAt(source: unknown, path: string): unknown {
  return path.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], source)
}

describe('DEFAULT_RULESET', () => {
  it('is a valid ruleset', () => {
    expect(parseRuleset(DEFAULT_RULESET)).toEqual(DEFAULT_RULESET)
  })

  it.each([
    ['timeZone', 'Asia/Shanghai'],
    ['semesters/spring', { month: 2, day: 1 }],
    ['semesters/autumn', { month: 8, day: 1 }],
    ['dueSoonDays', 7],
    ['attendance/lateGraceMinutes', 10],
    ['activityTypes/party_congress/quorumShare', 0.5],
    ['requirements/party_congress_quarterly/period', 'quarter'],
    ['requirements/party_congress_quarterly/minCount', 1],
    ['requirements/committee_meeting_monthly/period', 'month'],
    ['requirements/committee_meeting_monthly/applicability', 'has_committee'],
    ['requirements/group_meeting_monthly/audience', 'group'],
    ['requirements/group_meeting_monthly/applicability', 'has_groups'],
    ['requirements/party_lecture_semester/period', 'semester'],
    ['requirements/party_lecture_semester/minCount', 2],
    ['requirements/secretary_lecture_yearly/speakers', { roles: ['secretary'], leadingCadres: false, each: false }],
    ['checkin/opensBeforeStartMinutes', 30],
    ['checkin/closesAfterEndMinutes', 30],
    ['requirements/secretary_lecture_yearly/period', 'year'],
    ['requirements/theme_day_monthly/fixedDayOfMonth', 15],
    ['requirements/org_life_meeting_yearly/period', 'year'],
    ['requirements/democratic_review_yearly/minCount', 1],
    ['requirements/heart_talk_yearly/enabled', false],
    ['studyHours/creditPerHour', 1],
    ['studyHours/roundDownTo', 0.5],
    ['studyHours/maxCreditPerDay', 8],
    ['studyHours/yearlyTargets', { member: 32, leader: 56 }],
    ['studyHours/makeupEarnsHours', false],
    ['branchSetup/minFullMembers', 3],
    ['branchSetup/maxMembers', 50],
    ['branchSetup/committeeRequiredAtFullMembers', 7],
    ['branchSetup/termYears', 3],
    ['scoring/gradeThresholds', { excellent: 90, qualified: 80, basic: 60 }],
    ['scoring/items/4.1/method/pointsPerMissing', 0.5],
    ['scoring/items/4.3/method/pointsPerMissing', 2],
    ['scoring/items/4.4/method/pointsPerMissing', 0.5],
    ['scoring/items/4.5/method/pointsPerAbsentLeadingCadre', 1],
    ['scoring/items/4.5/method/pointsWithoutSecretaryLecture', 1],
  ])('%s is %p as DOMAIN.md states', (path, expected) => {
    expect(valueAt(DEFAULT_RULESET, path)).toEqual(expected)
  })

  it('uses the eight activity type ids with their Chinese labels', () => {
    expect(Object.fromEntries(Object.entries(DEFAULT_RULESET.activityTypes).map(([id, type]) => [id, type.label]))).toEqual({
      party_congress: '支部党员大会',
      committee_meeting: '支部委员会',
      group_meeting: '党小组会',
      party_lecture: '党课',
      theme_day: '主题党日',
      org_life_meeting: '组织生活会',
      democratic_review: '民主评议党员',
      heart_talk: '谈心谈话',
    })
  })

  it.each([
    ['1', 10],
    ['2', 15],
    ['3', 25],
    ['4', 15],
    ['5', 15],
    ['6', 20],
  ])('indicator %s is worth %i points, 100 in all', (indicatorId, points) => {
    expect(DEFAULT_RULESET.scoring.indicators[indicatorId].maxScore).toBe(points)
    const total = Object.values(DEFAULT_RULESET.scoring.indicators).reduce((sum, indicator) => sum + indicator.maxScore, 0)
    expect(total).toBe(100)
  })

  it.each([
    ['party_congress_quarterly', '支部党员大会（每季度至少1次）'],
    ['group_meeting_monthly', '党小组会（每个党小组每月至少1次）'],
    ['secretary_lecture_yearly', '党课（书记讲授，每年至少1次）'],
    ['theme_day_monthly', '主题党日（每月至少1次，固定每月15日）'],
    ['heart_talk_yearly', '谈心谈话（每名党员每年至少1次）'],
  ])('describes %s as %s', (requirementId, label) => {
    expect(describeRequirement(DEFAULT_RULESET.requirements[requirementId], DEFAULT_RULESET)).toBe(label)
  })
})

describe('resolveRuleset', () => {
  it('returns the default without overrides and never mutates it', () => {
    const snapshot = JSON.stringify(DEFAULT_RULESET)
    expect(resolveRuleset()).toEqual(DEFAULT_RULESET)
    resolveRuleset({ dueSoonDays: 3, requirements: { theme_day_monthly: { minCount: 2 } } })
    expect(JSON.stringify(DEFAULT_RULESET)).toBe(snapshot)
  })

  it('deep-merges a nested value and keeps its siblings', () => {
    const ruleset = resolveRuleset({
      requirements: { theme_day_monthly: { fixedDayOfMonth: 1 } },
      studyHours: { yearlyTargets: { member: 40 } },
      semesters: { autumn: { month: 9 } },
    })
    expect(ruleset.requirements.theme_day_monthly).toEqual({ ...DEFAULT_RULESET.requirements.theme_day_monthly, fixedDayOfMonth: 1 })
    expect(ruleset.studyHours.yearlyTargets).toEqual({ member: 40, leader: 56 })
    expect(ruleset.semesters.autumn).toEqual({ month: 9, day: 1 })
    expect(ruleset.requirements.party_congress_quarterly).toEqual(DEFAULT_RULESET.requirements.party_congress_quarterly)
  })

  it('replaces arrays instead of merging them', () => {
    const ruleset = resolveRuleset({ studyHours: { leaderRoles: ['secretary'] } })
    expect(ruleset.studyHours.leaderRoles).toEqual(['secretary'])
  })

  it('adds a new activity type and requirement when they are complete', () => {
    const ruleset = resolveRuleset({
      activityTypes: { collective_study: { label: '集中学习', quorumShare: null, requiredEvidence: ['photo'] } },
      requirements: {
        collective_study_monthly: {
          activityTypeId: 'collective_study',
          period: 'month',
          minCount: 2,
          audience: 'branch',
          applicability: 'always',
          speakers: null,
          fixedDayOfMonth: null,
          enabled: true,
        },
      },
    })
    expect(ruleset.requirements.collective_study_monthly.minCount).toBe(2)
    expect(ruleset.activityTypes.collective_study.label).toBe('集中学习')
  })

  it('replaces a scoring method whose kind changes', () => {
    const ruleset = resolveRuleset({ scoring: { items: { '4.4': { method: { kind: 'manual' } } } } })
    expect(ruleset.scoring.items['4.4'].method).toEqual({ kind: 'manual' })
  })

  it('merges a scoring method of the same kind', () => {
    const ruleset = resolveRuleset({ scoring: { items: { '4.4': { method: { kind: 'requirement_shortfall', pointsPerMissing: 1 } } } } })
    expect(ruleset.scoring.items['4.4'].method).toEqual({
      kind: 'requirement_shortfall',
      requirementIds: ['theme_day_monthly'],
      pointsPerMissing: 1,
    })
  })

  it.each([
    ['an unknown top-level key', { quorum: 0.6 }, '出现未知的键'],
    ['an unknown nested key', { attendance: { graceMinutes: 5 } }, '出勤：出现未知的键'],
    ['a wrong type', { dueSoonDays: '7' }, '临期提醒（周期结束前天数）：'],
    ['an invalid time zone', { timeZone: 'Beijing/Time' }, '时区：无效的时区'],
    ['a semester start that does not exist', { semesters: { spring: { month: 2, day: 29 } } }, '2月没有29日'],
    ['spring after autumn', { semesters: { spring: { month: 9 } } }, '春季学期的开始日期必须早于秋季学期'],
    [
      'a requirement on an unknown activity type',
      { requirements: { theme_day_monthly: { activityTypeId: 'picnic' } } },
      '未定义的活动类型「picnic」',
    ],
    [
      'a fixed day on a quarterly requirement',
      { requirements: { party_congress_quarterly: { fixedDayOfMonth: 10 } } },
      '只有按月的要求才能指定固定日期',
    ],
    ['an incomplete new requirement', { requirements: { extra: { period: 'month' } } }, '组织生活要求「extra」·每个周期至少次数'],
    [
      'a minimum count of 0',
      { requirements: { theme_day_monthly: { minCount: 0 } } },
      '组织生活要求「主题党日（每月）」·每个周期至少次数：数值过小',
    ],
    [
      'a speaker rule naming nobody',
      { requirements: { secretary_lecture_yearly: { speakers: { roles: [], leadingCadres: false, each: true } } } },
      '请选择主讲人的职务，或选择党员领导干部',
    ],
    ['items not adding up to their indicator', { scoring: { items: { '1.1': { maxScore: 6 } } } }, '各项满分合计11分'],
    ['grade thresholds out of order', { scoring: { gradeThresholds: { qualified: 95 } } }, '优秀 > 达标 > 基本达标'],
    [
      'a scoring method naming an unknown requirement',
      { scoring: { items: { '4.4': { method: { kind: 'requirement_shortfall', requirementIds: ['nope'] } } } } },
      '未定义的组织生活要求「nope」',
    ],
    ['overrides that are not an object', 'strict', '无效输入'],
  ])('rejects %s with a clear Chinese error', (_, overrides, fragment) => {
    let caught: unknown
    try {
      resolveRuleset(overrides)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(RulesetValidationError)
    expect(caught).toBeInstanceOf(AppError)
    const error = caught as RulesetValidationError
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toContain(fragment)
    expect(error.issues.length).toBeGreaterThan(0)
  })
})
