import { evaluateBranch, type RequirementLine } from '../../../src/domain/compliance'
import { attentionLabel, cellTone, statusGrids, type GridLine } from '../../../src/domain/compliance/grid'
import { DEFAULT_RULESET } from '../../../src/domain/ruleset'
import { requirementName } from '../../../src/domain/ruleset/labels'
import { Scenario, period } from './fixtures'

const YEAR_2026 = period('2026')

const gridLine = (line: RequirementLine): GridLine & { label: string } => ({
  requirementId: line.requirementId,
  name: line.name,
  label: line.label,
  groupName: line.group?.name ?? null,
  countsMembers: line.countsMembers,
  periodKey: line.period.key,
  periodLabel: line.period.label,
  periodStart: line.period.start.toISOString(),
  periodEnd: line.period.end.toISOString(),
  status: line.status,
  required: line.required,
  counted: line.counted,
  daysLeft: line.daysLeft,
})

/** A branch without a committee, with one 党小组, on 2 December 2026: the secretary has given no 党课 this year. */
function december() {
  const scenario = new Scenario()
  scenario.addGroup('g1', '第一党小组')
  scenario.addMembers(1, { roles: ['secretary'], groupId: 'g1' }, 'sec')
  scenario.addMembers(5, { groupId: 'g1' })
  scenario.hold('t11', ['theme_day'], '2026-11-15 14:30')
  const asOf = '2026-12-02 12:00'
  const evaluation = evaluateBranch(scenario.input(DEFAULT_RULESET, asOf, YEAR_2026))
  const lines = evaluation.lines.map(gridLine)
  return { lines, grids: statusGrids(lines, evaluation.asOf.toISOString()) }
}

describe('支部达标 at a glance', () => {
  const { lines, grids } = december()

  it('has a tab per period kind, the year’s periods as columns, and no row that is 不适用 all year', () => {
    expect(grids.map((grid) => grid.label)).toEqual(['月度', '季度', '学期', '年度'])
    const months = grids[0]
    expect(months.columns.map((column) => column.shortLabel)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'])
    expect(months.columns.filter((column) => column.current).map((column) => column.periodKey)).toEqual(['2026-12'])
    expect(months.rows.map((row) => row.title)).toEqual(['党小组会 · 第一党小组', '主题党日'])
    expect(lines.some((line) => line.requirementId === 'committee_meeting_monthly' && line.status === 'not_applicable')).toBe(true)
    expect(grids[2].columns.map((column) => column.shortLabel)).toEqual(['25秋', '26春', '26秋'])
  })

  it('colours each cell by its status: November’s 主题党日 done, October’s missed, December’s open', () => {
    const themeDay = grids[0].rows.find((row) => row.title === '主题党日')!
    expect(themeDay.cells.map((cell) => cell?.tone)).toEqual([...Array<string>(10).fill('missed'), 'done', 'open'])
    expect(themeDay.cells[10]?.text).toBe('1/1')
  })

  it('shows the secretary’s 党课 with 30 days of the year left amber, with its days left, first in the year tab’s list', () => {
    const year = grids[3]
    const lecture = year.rows.find((row) => row.title === '书记党课')!.cells[0]!
    expect(lecture.tone).toBe('at_risk')
    expect(attentionLabel(lecture.line, lecture.tone)).toBe('书记党课 0/1 · 剩 30 天')
    expect(year.attention.map((cell) => cell.line.requirementId)).toContain('secretary_lecture_yearly')
  })

  it('lists what asks for action most urgent first: missed before due soon before at risk', () => {
    const tones = grids[0].attention.map((cell) => cell.tone)
    expect(tones.length).toBeGreaterThan(0)
    const rank = (tone: string) => ['missed', 'due_soon', 'at_risk'].indexOf(tone)
    expect(tones.map(rank)).toEqual([...tones.map(rank)].sort((a, b) => a - b))
    expect(attentionLabel(grids[0].attention[0].line, 'missed')).toBe('2026年1月 党小组会 · 第一党小组 0/1 · 未完成')
  })

  it('tells a period that has not started from one under way', () => {
    const line = lines.find((each) => each.periodKey === '2026-12' && each.requirementId === 'theme_day_monthly')!
    expect(cellTone(line, '2026-11-20T00:00:00.000Z')).toBe('future')
    expect(cellTone(line, '2026-12-02T00:00:00.000Z')).toBe('open')
  })
})

describe('a requirement’s short name', () => {
  it('names the speaker when one office must give it, and the type otherwise', () => {
    const requirements = DEFAULT_RULESET.requirements
    expect(requirementName(requirements.secretary_lecture_yearly, DEFAULT_RULESET)).toBe('书记党课')
    expect(requirementName(requirements.theme_day_monthly, DEFAULT_RULESET)).toBe('主题党日')
    expect(requirementName({ activityTypeId: 'party_lecture', speakers: { roles: [], leadingCadres: true, each: true } }, DEFAULT_RULESET)).toBe('领导干部党课')
  })
})
