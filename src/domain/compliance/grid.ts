import { PERIOD_KINDS, type PeriodKind } from '../time/periods'
import { REQUIREMENT_STATUS_LABELS } from './labels'
import { isAtRisk, type RiskLine } from './risk'

/**
 * 支部达标 at a glance: the year's requirement lines as a grid, one tab per period kind, a row per
 * requirement (and 党小组), a column per period. Pure: the page only draws what this returns.
 */
export interface GridLine extends RiskLine {
  requirementId: string
  name: string
  groupName: string | null
  countsMembers: boolean
  periodKey: string
  periodLabel: string
}

/** A cell's colour: the status, with 进行中 split into 未开始, 有风险 (amber) and plain 进行中. */
export const CELL_TONES = ['missed', 'due_soon', 'at_risk', 'open', 'done', 'future', 'not_applicable'] as const
export type CellTone = (typeof CELL_TONES)[number]
export const CELL_TONE_LABELS: Record<CellTone, string> = {
  missed: REQUIREMENT_STATUS_LABELS.missed,
  due_soon: REQUIREMENT_STATUS_LABELS.due_soon,
  at_risk: '有风险',
  open: REQUIREMENT_STATUS_LABELS.open,
  done: REQUIREMENT_STATUS_LABELS.done,
  future: '未开始',
  not_applicable: REQUIREMENT_STATUS_LABELS.not_applicable,
}
/** What asks for action: shown in the list under the grid, most urgent first. */
const ATTENTION_TONES: readonly CellTone[] = ['missed', 'due_soon', 'at_risk']

export const GRID_TAB_LABELS: Record<PeriodKind, string> = { month: '月度', quarter: '季度', semester: '学期', year: '年度' }

export interface GridColumn {
  periodKey: string
  /** '3' (a month), '二季度', '25秋', '2026年': fits a narrow column (twelve months at 320 px). */
  shortLabel: string
  /** The period that contains asOf. */
  current: boolean
}

export interface GridCell<Line extends GridLine> {
  line: Line
  tone: CellTone
  /** '0/1' in a started period, '' before it starts or where it does not apply. */
  text: string
}

export interface GridRow<Line extends GridLine> {
  key: string
  /** '主题党日', '党小组会 · 第一党小组' */
  title: string
  /** One per column; null where the requirement has no line for that period. */
  cells: (GridCell<Line> | null)[]
}

export interface StatusGrid<Line extends GridLine> {
  kind: PeriodKind
  label: string
  columns: GridColumn[]
  rows: GridRow<Line>[]
  /** Cells of this tab that ask for action: 未完成, 临期, 有风险. */
  attention: GridCell<Line>[]
}

const KEY_PATTERNS: Record<PeriodKind, RegExp> = {
  month: /^\d{4}-(\d{2})$/,
  quarter: /^\d{4}-Q(\d)$/,
  semester: /^\d{2}(\d{2})-(spring|autumn)$/,
  year: /^(\d{4})$/,
}
const QUARTER_NAMES = ['一', '二', '三', '四']

/** The kind of a period from its key ('2026-11', '2026-Q4', '2026-autumn', '2026'). */
export function periodKindOfKey(key: string): PeriodKind | null {
  return PERIOD_KINDS.find((kind) => KEY_PATTERNS[kind].test(key)) ?? null
}

function shortLabelOf(kind: PeriodKind, key: string): string {
  const match = KEY_PATTERNS[kind].exec(key)
  if (!match) return key
  if (kind === 'month') return String(Number(match[1]))
  if (kind === 'quarter') return `${QUARTER_NAMES[Number(match[1]) - 1]}季度`
  if (kind === 'semester') return `${match[1]}${match[2] === 'spring' ? '春' : '秋'}`
  return `${match[1]}年`
}

const msOf = (instant: Date | string) => new Date(instant).getTime()

export function cellTone(line: GridLine, asOf: Date | string): CellTone {
  if (line.status !== 'open') return line.status
  if (msOf(line.periodStart) > msOf(asOf)) return 'future'
  return isAtRisk(line) ? 'at_risk' : 'open'
}

const rowTitle = (line: GridLine) => (line.groupName ? `${line.name} · ${line.groupName}` : line.name)

/**
 * '书记党课 0/1 · 剩 30 天', '2026年10月 主题党日 0/1 · 未完成': one line saying what is owed and by
 * when.
 */
export function attentionLabel(line: GridLine, tone: CellTone): string {
  const counts = `${rowTitle(line)} ${line.counted}/${line.required}`
  if (tone === 'missed') return `${line.periodLabel} ${counts} · ${CELL_TONE_LABELS.missed}`
  return `${counts} · 剩 ${line.daysLeft} 天`
}

/**
 * One grid per period kind that has at least one applicable row, in the order month → year.
 * Rows that are 不适用 in every period are left out; rows keep the order of the lines.
 */
export function statusGrids<Line extends GridLine>(lines: readonly Line[], asOf: Date | string): StatusGrid<Line>[] {
  const grids: StatusGrid<Line>[] = []
  for (const kind of PERIOD_KINDS) {
    const ofKind = lines.filter((line) => periodKindOfKey(line.periodKey) === kind)
    const periods = new Map<string, Line>()
    for (const line of ofKind) if (!periods.has(line.periodKey)) periods.set(line.periodKey, line)
    const ordered = [...periods.values()].sort((a, b) => msOf(a.periodStart) - msOf(b.periodStart))
    const columns = ordered.map((line) => ({
      periodKey: line.periodKey,
      shortLabel: shortLabelOf(kind, line.periodKey),
      current: msOf(line.periodStart) <= msOf(asOf) && msOf(asOf) < msOf(line.periodEnd),
    }))
    const rowLines = new Map<string, Line[]>()
    for (const line of ofKind) {
      const key = `${line.requirementId}|${line.groupName ?? ''}`
      rowLines.set(key, [...(rowLines.get(key) ?? []), line])
    }
    const rows: GridRow<Line>[] = []
    for (const [key, members] of rowLines) {
      if (members.every((line) => line.status === 'not_applicable')) continue
      const cells = columns.map((column): GridCell<Line> | null => {
        const line = members.find((candidate) => candidate.periodKey === column.periodKey)
        if (!line) return null
        const tone = cellTone(line, asOf)
        const text = tone === 'future' || tone === 'not_applicable' ? '' : `${line.counted}/${line.required}`
        return { line, tone, text }
      })
      rows.push({ key, title: rowTitle(members[0]), cells })
    }
    if (rows.length === 0) continue
    const attention = rows
      .flatMap((row) => row.cells)
      .filter((cell): cell is GridCell<Line> => cell !== null && ATTENTION_TONES.includes(cell.tone))
      .sort((a, b) => ATTENTION_TONES.indexOf(a.tone) - ATTENTION_TONES.indexOf(b.tone) || a.line.daysLeft - b.line.daysLeft)
    grids.push({ kind, label: GRID_TAB_LABELS[kind], columns, rows, attention })
  }
  return grids
}

/** What is still missing for a line: '还差 1 次', '还差 3 人'; '' when done or not applicable. */
export function shortfallLabel(line: GridLine): string {
  if (line.status === 'done' || line.status === 'not_applicable') return ''
  return `还差 ${line.required - line.counted} ${line.countsMembers ? '人' : '次'}`
}

/** What makes an activity count (seed 004: held, attended, with its 痕迹), for a line's detail. */
export const COUNTING_RULE_LABEL = '活动结束、有党员签到、达到规定的到会人数（如有），并上传规定的痕迹（照片、会议记录）后计入'
