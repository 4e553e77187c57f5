import { DEFAULT_RULESET, parseRuleset, resolveRuleset, type Ruleset } from '../../../src/domain/ruleset'
import { describeChanges, FIELDS } from '../../../src/domain/ruleset/fields'
import { RULESET_PRESETS } from '../../../src/domain/ruleset/presets'
import { tighteningOf, tighteningProblems, tightenRuleset } from '../../../src/domain/ruleset/tighten'
import {
  composeRules,
  effectivePeriod,
  effectivePeriodChoices,
  versionProblems,
  withVersion,
  type CommitteeRules,
  type GeneralBranchRules,
} from '../../../src/domain/ruleset/versions'
import { periodCalendar } from '../../../src/domain/time'
import { bj } from './fixtures'

const calendar = periodCalendar(DEFAULT_RULESET)
const period = (key: string) => calendar.periodFromKey(key)
const clone = (ruleset: Ruleset): Ruleset => JSON.parse(JSON.stringify(ruleset)) as Ruleset
const edited = (change: (draft: Ruleset) => void): Ruleset => {
  const draft = clone(DEFAULT_RULESET)
  change(draft)
  return parseRuleset(draft)
}

describe('a 党总支 may tighten the committee’s rules, never loosen them', () => {
  it.each<[string, (draft: Ruleset) => void]>([
    ['more theme days a month', (d) => void (d.requirements.theme_day_monthly.minCount = 2)],
    ['turning the optional 谈心谈话 on', (d) => void (d.requirements.heart_talk_yearly.enabled = true)],
    ['a shorter late grace', (d) => void (d.attendance.lateGraceMinutes = 5)],
    ['a higher hour target', (d) => void (d.studyHours.yearlyTargets.member = 40)],
    ['a quorum for 主题党日', (d) => void (d.activityTypes.theme_day.quorumShare = 0.5)],
    ['every committee member instead of the secretary… no: the secretary every time', (d) => void (d.requirements.secretary_lecture_yearly.speakers = { roles: ['secretary'], leadingCadres: false, each: true })],
    ['a 党课 speaker where none was asked', (d) => void (d.requirements.party_lecture_semester.speakers = { roles: ['secretary'], leadingCadres: false, each: false })],
    ['a higher 达标 line', (d) => void (d.scoring.gradeThresholds.qualified = 85)],
    ['bigger deductions', (d) => void (d.scoring.items['4.4'].method = { kind: 'requirement_shortfall', requirementIds: ['theme_day_monthly'], pointsPerMissing: 1 })],
    [
      'a new activity type with its own requirement',
      (d) => {
        d.activityTypes.committee_study = { label: '支部班子集体学习', quorumShare: null, requiredEvidence: ['photo'] }
        d.requirements.committee_study_yearly = {
          activityTypeId: 'committee_study',
          period: 'year',
          minCount: 10,
          audience: 'committee',
          applicability: 'has_committee',
          speakers: null,
          fixedDayOfMonth: null,
          enabled: true,
        }
      },
    ],
  ])('accepts %s', (_, change) => {
    expect(tighteningProblems(DEFAULT_RULESET, edited(change))).toEqual([])
  })

  it.each<[string, (draft: Ruleset) => void, string]>([
    ['fewer theme days', (d) => void (d.requirements.party_lecture_semester.minCount = 1), '组织生活要求「党课（每学期）」·每个周期至少次数不能比党委的规定更宽松（党委规定：2 次，这里是：1 次）'],
    ['turning a requirement off', (d) => void (d.requirements.theme_day_monthly.enabled = false), '组织生活要求「主题党日（每月）」·启用不能比党委的规定更宽松'],
    ['a longer late grace', (d) => void (d.attendance.lateGraceMinutes = 15), '迟到宽限（开始后几分钟内签到不算迟到）不能比党委的规定更宽松'],
    ['a lower hour target', (d) => void (d.studyHours.yearlyTargets.leader = 40), '书记和支委年度学时目标不能比党委的规定更宽松'],
    ['no more 党员大会 quorum', (d) => void (d.activityTypes.party_congress.quorumShare = null), '活动类型「支部党员大会」·到会人数须超过应到人数的不能比党委的规定更宽松'],
    ['renaming an activity type', (d) => void (d.activityTypes.theme_day.label = '支部主题日'), '由党委统一规定，党总支不能修改'],
    ['other semester dates', (d) => void (d.semesters.autumn.day = 20), '秋季学期开始日由党委统一规定'],
    ['removing a requirement', (d) => void delete (d.requirements as Record<string, unknown>).heart_talk_yearly, '不能删除党委规定的组织生活要求「谈心谈话（每年）」'],
    ['any secretary instead of every one', (d) => void (d.requirements.secretary_lecture_yearly.speakers = null), '主讲人不能比党委的规定更宽松'],
    ['a lower 优秀 line', (d) => void (d.scoring.gradeThresholds.excellent = 88), '“优秀”分数线不能比党委的规定更宽松'],
    [
      'a different weight on the sheet',
      (d) => {
        d.scoring.items['2.1'].maxScore = 4
        d.scoring.items['2.2'].maxScore = 5
      },
      '测评项「2.1 发挥党支部战斗堡垒作用」·满分由党委统一规定',
    ],
  ])('refuses %s', (_, change, fragment) => {
    const problems = tighteningProblems(DEFAULT_RULESET, edited(change))
    expect(problems.join('\n')).toContain(fragment)
  })

  it('stores only what the 党总支 changed, and applies it to whatever the committee decides later', () => {
    const tightened = edited((d) => {
      d.requirements.theme_day_monthly.minCount = 2
      d.attendance.lateGraceMinutes = 5
    })
    const tightening = tighteningOf(DEFAULT_RULESET, tightened)
    expect(tightening).toEqual({ requirements: { theme_day_monthly: { minCount: 2 } }, attendance: { lateGraceMinutes: 5 } })
    expect(tightenRuleset(DEFAULT_RULESET, tightening)).toEqual({ ruleset: tightened, problems: [] })

    // The committee later asks for 3 theme days and allows 20 minutes: the branch gets 3 and keeps 5.
    const committeeLater = edited((d) => {
      d.requirements.theme_day_monthly.minCount = 3
      d.attendance.lateGraceMinutes = 20
    })
    const combined = tightenRuleset(committeeLater, tightening).ruleset
    expect(combined.requirements.theme_day_monthly.minCount).toBe(3)
    expect(combined.attendance.lateGraceMinutes).toBe(5)
  })

  it('drops a tightening that no longer fits the committee’s rules, and says why', () => {
    const withStudy = edited((d) => {
      d.requirements.extra_theme = { ...d.requirements.theme_day_monthly, activityTypeId: 'picnic_study' }
      d.activityTypes.picnic_study = { label: '户外学习', quorumShare: null, requiredEvidence: ['photo'] }
    })
    const tightening = tighteningOf(DEFAULT_RULESET, withStudy)
    delete (tightening.activityTypes as Record<string, unknown>).picnic_study
    const result = tightenRuleset(DEFAULT_RULESET, tightening)
    expect(result.ruleset).toEqual(DEFAULT_RULESET)
    expect(result.problems.join('')).toContain('未定义的活动类型「picnic_study」')
  })

  it('declares what tighter means for every field of the ruleset', () => {
    const leafPaths = (value: unknown, path: string[] = []): string[][] => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [path]
      return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...path, key]))
    }
    const declared = (parts: string[]) =>
      FIELDS.some((field) => field.path.length <= parts.length && field.path.every((part, index) => part === '*' || part === parts[index]))
    const undeclared = RULESET_PRESETS.flatMap((preset) => leafPaths(preset.ruleset)).filter((path) => !declared(path))
    expect([...new Set(undeclared.map((path) => JSON.stringify(path)))]).toEqual([])
  })
})

describe('the change log of a ruleset', () => {
  it('names each change in Chinese with the values as people read them', () => {
    const after = edited((d) => {
      d.requirements.theme_day_monthly.minCount = 2
      d.attendance.lateGraceMinutes = 5
      d.activityTypes.party_congress.quorumShare = 0.6
      d.studyHours.leaderRoles = ['secretary']
      d.requirements.heart_talk_yearly.enabled = true
    })
    expect(describeChanges(DEFAULT_RULESET, after).map(({ field, before, after: value }) => `${field}：${before} → ${value}`)).toEqual([
      '活动类型「支部党员大会」·到会人数须超过应到人数的：50% → 60%',
      '组织生活要求「主题党日（每月）」·每个周期至少次数：1 次 → 2 次',
      '组织生活要求「谈心谈话（每年）」·启用：否 → 是',
      '迟到宽限（开始后几分钟内签到不算迟到）：10 分钟 → 5 分钟',
      '按书记和支委目标考核的职务：书记、副书记、组织委员、宣传委员、纪检委员 → 书记',
    ])
  })

  it('lists an added activity type and requirement once each, not field by field', () => {
    const seed001 = RULESET_PRESETS.find((preset) => preset.id === 'seed-001')!.ruleset
    const fields = describeChanges(DEFAULT_RULESET, seed001).map((change) => `${change.field}：${change.after}`)
    expect(fields).toEqual(
      expect.arrayContaining([
        '活动类型「支部班子集体学习」：新增',
        '组织生活要求「支部班子集体学习（每年）」：新增',
        '组织生活要求「党课（每年，书记讲授）」·启用：否',
        '党员年度学时目标：80 学时',
        '测评项「4.5 党员领导干部双重组织生活」·书记讲党课的要求：党课（每年，每名书记或副书记或组织委员或宣传委员或纪检委员讲授）',
      ]),
    )
    expect(fields.filter((field) => field.includes('支部班子集体学习（每年）'))).toHaveLength(1)
  })

  it('is empty for the same rules', () => {
    expect(describeChanges(DEFAULT_RULESET, clone(DEFAULT_RULESET))).toEqual([])
  })
})

describe('presets', () => {
  it.each(RULESET_PRESETS.map((preset) => [preset.id, preset] as const))('%s is a valid ruleset and names its sources', (_, preset) => {
    expect(parseRuleset(preset.ruleset)).toEqual(preset.ruleset)
    expect(preset.rules.length).toBeGreaterThan(0)
    expect(preset.source).toMatch(/《.+》/)
  })

  it('seed 001 asks every committee member for a 党课 and 10 committee studies a year; seed 002 a secretary’s 党课 every semester', () => {
    const [, seed001, seed002] = RULESET_PRESETS
    expect(seed001.ruleset.requirements.committee_lecture_yearly.speakers?.each).toBe(true)
    expect(seed001.ruleset.requirements.committee_study_yearly.minCount).toBe(10)
    expect(seed001.ruleset.requirements.branch_study_yearly.minCount).toBe(8)
    expect(seed002.ruleset.requirements.secretary_lecture_semester).toMatchObject({ period: 'semester', minCount: 1 })
    expect(seed002.ruleset.requirements.heart_talk_yearly.enabled).toBe(true)
    expect(seed002.ruleset.studyHours.yearlyTargets).toEqual({ member: 32, leader: 56 })
  })
})

describe('versions', () => {
  const NOW = bj('2026-11-21 10:00')
  const saved = { savedBy: 'admin', savedByName: '管理员', savedAt: NOW, preset: null }
  const from = (kind: 'month' | 'semester' | 'year', key: string) => ({ kind, key, label: period(key).label, start: period(key).start })

  it('may take effect from the current period or a later one, never an ended one', () => {
    expect(effectivePeriod({ kind: 'month', key: '2026-11' }, calendar, NOW)).toEqual({ period: period('2026-11') })
    expect(effectivePeriod({ kind: 'year', key: '2027' }, calendar, NOW)).toEqual({ period: period('2027') })
    expect(effectivePeriod({ kind: 'month', key: '2026-10' }, calendar, NOW)).toEqual({
      problem: '2026年10月已经结束，已结束的周期按当时的规则评定，不能修改',
    })
    expect(effectivePeriod({ kind: 'semester', key: '2026-11' }, calendar, NOW)).toEqual({ problem: '生效周期无效' })
    const choices = effectivePeriodChoices(calendar, NOW)
    expect(choices.month.map((choice) => choice.key)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04'])
    expect(choices.semester.map((choice) => choice.key)).toEqual(['2026-autumn', '2027-spring', '2027-autumn'])
    expect(choices.year.map((choice) => choice.key)).toEqual(['2026', '2027'])
  })

  it('never changes the time zone, and changes semester dates only from a year on', () => {
    const lateAutumn = resolveRuleset({ semesters: { autumn: { month: 9 } } })
    expect(versionProblems(lateAutumn, { period: period('2027-spring'), inForce: DEFAULT_RULESET, floor: null })).toEqual([
      '学期起止日期只能从某一年起调整，请把生效时间选为“从某年起”',
    ])
    expect(versionProblems(lateAutumn, { period: period('2027'), inForce: DEFAULT_RULESET, floor: null })).toEqual([])
    const elsewhere = resolveRuleset({ timeZone: 'Asia/Urumqi' })
    expect(versionProblems(elsewhere, { period: period('2027'), inForce: DEFAULT_RULESET, floor: null })).toEqual(['时区不能修改（Asia/Shanghai）'])
  })

  it('replaces a version of the same period and keeps the others in order', () => {
    const a = { ...saved, effectiveFrom: null, ruleset: DEFAULT_RULESET }
    const b = { ...saved, effectiveFrom: from('year', '2027'), ruleset: DEFAULT_RULESET }
    const c = { ...saved, effectiveFrom: from('month', '2026-12'), ruleset: DEFAULT_RULESET }
    const b2 = { ...b, savedByName: '另一位管理员' }
    expect(withVersion(withVersion([a, b], c), b2)).toEqual([a, c, b2])
  })

  it('composes the committee’s versions with the 党总支’s tightening in force in each period', () => {
    const committee: CommitteeRules = {
      _id: 'pc',
      orgKind: 'party_committee',
      revision: 2,
      versions: [
        { ...saved, effectiveFrom: null, ruleset: DEFAULT_RULESET },
        { ...saved, effectiveFrom: from('year', '2027'), ruleset: resolveRuleset({ requirements: { theme_day_monthly: { minCount: 2 } } }) },
      ],
    }
    const generalBranch: GeneralBranchRules = {
      _id: 'gb',
      orgKind: 'general_branch',
      revision: 1,
      versions: [{ ...saved, effectiveFrom: from('month', '2026-12'), tightening: { attendance: { lateGraceMinutes: 5 }, requirements: { theme_day_monthly: { minCount: 2 } } } }],
    }
    const { timeline, problems } = composeRules(committee, generalBranch)
    expect(problems).toEqual([])
    const at = (key: string) => timeline.forPeriod(period(key))
    expect([at('2026-11'), at('2026-12'), at('2027-01')].map((ruleset) => [ruleset.attendance.lateGraceMinutes, ruleset.requirements.theme_day_monthly.minCount])).toEqual([
      [10, 1],
      [5, 2],
      [5, 2],
    ])
    expect(composeRules(null, null).timeline.segments).toHaveLength(1)
    expect(composeRules(null, null).timeline.at(NOW)).toBe(DEFAULT_RULESET)
  })
})
