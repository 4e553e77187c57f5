import { DEFAULT_RULESET, parseRuleset } from '../../../src/domain/ruleset'
import {
  draftProblems,
  editorSections,
  sectionProblems,
  textOf,
  valueFromText,
  withField,
  withNewActivityType,
  withoutEntry,
} from '../../../src/domain/ruleset/editor'
import { describeChanges, fieldAt } from '../../../src/domain/ruleset/fields'
import { RULESET_PRESETS } from '../../../src/domain/ruleset/presets'

const field = (sections: ReturnType<typeof editorSections>, key: string) => {
  const found = sections.flatMap((section) => section.fields).find((candidate) => candidate.key === key)
  if (!found) throw new Error(`no field ${key}`)
  return found
}

describe('the rules editor', () => {
  it('shows every editable field of the draft once, in sections named as people read them, and never the time zone', () => {
    const sections = editorSections(DEFAULT_RULESET, { floor: null })
    const keys = sections.flatMap((section) => section.fields.map((candidate) => candidate.key))
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys).not.toContain('timeZone')
    expect(sections[0].title).toBe('学期、提醒与签到')
    const themeDay = sections.find((section) => section.key === 'requirements.theme_day_monthly')!
    expect(themeDay.title).toBe('组织生活要求「主题党日（每月）」')
    expect(themeDay.fields.map((candidate) => candidate.label)).toContain('固定日期')
    expect(field(sections, 'requirements.theme_day_monthly.fixedDayOfMonth').shown).toBe('每月15日')
    expect(field(sections, 'studyHours.yearlyTargets.member').shown).toBe('32 学时')
    // A deduction of a sheet item is shown within its item, named by its check.
    const item = sections.find((section) => section.fields.some((candidate) => candidate.key.includes('deductions.full_members')))!
    expect(item.title).toMatch(/^测评项「/)
    expect(item.fields.find((candidate) => candidate.key.endsWith('full_members.points'))!.label).toBe('扣分规则「正式党员人数」·扣分')
    expect(sections.every((section) => section.fields.every((candidate) => !candidate.locked && candidate.floor === null))).toBe(true)
  })

  it('locks for a 党总支 what only the party committee sets, shows the committee’s value, and lets it remove only what it added', () => {
    const { ruleset: added } = withNewActivityType(DEFAULT_RULESET, '支部班子集体学习')
    const sections = editorSections(added, { floor: DEFAULT_RULESET })
    expect(field(sections, 'requirements.theme_day_monthly.period').locked).toBe(true)
    expect(field(sections, 'requirements.theme_day_monthly.minCount')).toMatchObject({ locked: false, floor: '1 次' })
    expect(field(sections, 'activityTypes.custom_1.label').locked).toBe(false)
    expect(sections.find((section) => section.key === 'activityTypes.custom_1')!.removable).toBe(true)
    expect(sections.find((section) => section.key === 'activityTypes.theme_day')!.removable).toBe(false)
  })

  it('adds an activity type with a requirement whose frequency is then set, and describes the change in Chinese', () => {
    const { ruleset, activityTypeId, requirementId } = withNewActivityType(DEFAULT_RULESET, ' 支部班子集体学习 ')
    const tenAYear = withField(withField(ruleset, ['requirements', requirementId, 'minCount'], 10), ['requirements', requirementId, 'audience'], 'committee')
    expect(parseRuleset(tenAYear).activityTypes[activityTypeId].label).toBe('支部班子集体学习')
    expect(draftProblems(tenAYear, { effectiveKind: 'month', inForce: DEFAULT_RULESET, floor: null }).all).toEqual([])
    expect(describeChanges(DEFAULT_RULESET, tenAYear).map((change) => change.field)).toEqual([
      '活动类型「支部班子集体学习」',
      '组织生活要求「支部班子集体学习（每年）」',
    ])
    expect(DEFAULT_RULESET.activityTypes[activityTypeId]).toBeUndefined()
  })

  it('reads typed numbers, shares as percentages and an empty day as none, and says when text is not a number', () => {
    const share = fieldAt(['activityTypes', 'x', 'quorumShare'])!.input
    expect(valueFromText(share, '50')).toEqual({ value: 0.5 })
    expect(textOf(share, 0.5)).toBe('50')
    expect(valueFromText(fieldAt(['requirements', 'x', 'fixedDayOfMonth'])!.input, '')).toEqual({ value: null })
    const count = fieldAt(['requirements', 'x', 'minCount'])!.input
    expect(valueFromText(count, '两次')).toEqual({ problem: '请输入数字' })
    expect(valueFromText(count, '')).toEqual({ problem: '请填写' })
  })

  it('gives the schema’s problems by field, and the version’s problems (a 党总支 loosening) as lines', () => {
    const zero = withField(DEFAULT_RULESET, ['requirements', 'theme_day_monthly', 'minCount'], 0)
    const problems = draftProblems(zero, { effectiveKind: 'month', inForce: DEFAULT_RULESET, floor: null })
    expect(problems.byField['requirements.theme_day_monthly.minCount']).toMatch(/1/)
    expect(problems.all[0]).toMatch(/^组织生活要求「主题党日（每月）」·每个周期至少次数：/)

    const thresholds = withField(DEFAULT_RULESET, ['scoring', 'gradeThresholds', 'basic'], 99)
    const grouped = draftProblems(thresholds, { effectiveKind: 'month', inForce: DEFAULT_RULESET, floor: null })
    const scoring = editorSections(thresholds, { floor: null }).find((section) => section.key === 'scoring')!
    expect(sectionProblems(grouped, scoring)).toEqual(['等次分数线必须满足：优秀 > 达标 > 基本达标'])

    const longerGrace = withField(DEFAULT_RULESET, ['attendance', 'lateGraceMinutes'], DEFAULT_RULESET.attendance.lateGraceMinutes + 5)
    expect(draftProblems(longerGrace, { effectiveKind: 'month', inForce: DEFAULT_RULESET, floor: DEFAULT_RULESET }).all).toEqual([
      expect.stringContaining('不能比党委的规定更宽松'),
    ])
    const semesters = withField(DEFAULT_RULESET, ['semesters', 'autumn', 'day'], 10)
    expect(draftProblems(semesters, { effectiveKind: 'semester', inForce: DEFAULT_RULESET, floor: null }).all).toEqual([
      '学期起止日期只能从某一年起调整，请把生效时间选为“从某年起”',
    ])
  })

  it('removes an entry without touching the draft it came from, and the schema then names what still refers to it', () => {
    const withoutType = withoutEntry(RULESET_PRESETS[1].ruleset, ['activityTypes', 'committee_study'])
    expect(RULESET_PRESETS[1].ruleset.activityTypes.committee_study).toBeDefined()
    expect(draftProblems(withoutType, { effectiveKind: 'year', inForce: DEFAULT_RULESET, floor: null }).byField).toEqual({
      'requirements.committee_study_yearly.activityTypeId': '未定义的活动类型「committee_study」',
    })
  })
})
