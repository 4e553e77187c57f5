import dayjs from 'dayjs'
import { instantOfWallClock, wallClockOf } from './zoned'
import type { WallClock } from './zoned'

export const PERIOD_KINDS = ['month', 'quarter', 'semester', 'year'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  month: '月',
  quarter: '季度',
  semester: '学期',
  year: '年',
}

/**
 * A calendar period in the ruleset's time zone, [start, end).
 *
 * Key scheme (sorts chronologically within a kind, unique across kinds):
 * - month    'YYYY-MM'      '2026-11'      2026年11月
 * - quarter  'YYYY-Qn'      '2026-Q4'      2026年第四季度
 * - semester 'YYYY-spring'  '2027-spring'  2027年春季学期
 *            'YYYY-autumn'  '2026-autumn'  2026年秋季学期 (runs into the next year, e.g. to 31 Jan 2027)
 *            YYYY is the calendar year in which the semester starts.
 * - year     'YYYY'         '2026'         2026年
 */
export interface Period {
  readonly kind: PeriodKind
  readonly key: string
  readonly label: string
  readonly start: Date
  readonly end: Date
}

export interface InstantRange {
  readonly start: Date
  readonly end: Date
}

export interface MonthDay {
  readonly month: number
  readonly day: number
}

export interface SemesterCalendar {
  readonly spring: MonthDay
  readonly autumn: MonthDay
}

/** From calendar year `fromYear` on, the semesters start on these days (a ruleset version changed them). */
export interface SemesterChange {
  readonly fromYear: number
  readonly semesters: SemesterCalendar
}

export interface CalendarConfig {
  readonly timeZone: string
  readonly semesters: SemesterCalendar
  /** Later semester dates, by the year they apply from; the spring and autumn semesters of a year follow that year's. */
  readonly semesterChanges?: readonly SemesterChange[]
}

type SemestersOf = (year: number) => SemesterCalendar

export interface PeriodCalendar {
  readonly timeZone: string
  /** The period of `kind` that contains `instant`. */
  periodOf(kind: PeriodKind, instant: Date): Period
  /** Parses a key of the scheme above; throws on a malformed key. */
  periodFromKey(key: string): Period
  /** Periods of `kind` that overlap [range.start, range.end), in order. */
  periodsOverlapping(kind: PeriodKind, range: InstantRange): Period[]
  /** Local midnight of day `day` of a month period (e.g. the fixed 主题党日). */
  dayOfMonth(month: Period, day: number): Date
}

const DAY_MS = 24 * 60 * 60 * 1000
const QUARTER_LABELS = ['第一季度', '第二季度', '第三季度', '第四季度']
const SEMESTER_LABELS = { spring: '春季学期', autumn: '秋季学期' } as const
type Season = keyof typeof SEMESTER_LABELS

/** Whole days left until the period ends, counting a started day as one; 0 once it has ended. */
export function daysToPeriodEnd(period: Period, asOf: Date): number {
  return Math.max(0, Math.ceil((period.end.getTime() - asOf.getTime()) / DAY_MS))
}

export function containsInstant(range: InstantRange, instant: Date): boolean {
  const time = instant.getTime()
  return time >= range.start.getTime() && time < range.end.getTime()
}

interface PeriodBounds {
  kind: PeriodKind
  key: string
  label: string
  startWall: WallClock
  endWall: WallClock
}

interface CachedPeriod {
  startMs: number
  endMs: number
  period: Period
}

function pad2(value: number): string {
  return String(value).padStart(2, '0')
}

function wallDate(year: number, month: number, day: number): WallClock {
  return dayjs.utc(Date.UTC(year, month - 1, day))
}

function semesterStart(year: number, season: Season, semestersOf: SemestersOf): WallClock {
  const { month, day } = semestersOf(year)[season]
  return wallDate(year, month, day)
}

/** A semester runs until the next one starts (an autumn one until next year's spring, by next year's dates). */
function semesterBounds(year: number, season: Season, semestersOf: SemestersOf): PeriodBounds {
  const endWall = season === 'spring' ? semesterStart(year, 'autumn', semestersOf) : semesterStart(year + 1, 'spring', semestersOf)
  return {
    kind: 'semester',
    key: `${year}-${season}`,
    label: `${year}年${SEMESTER_LABELS[season]}`,
    startWall: semesterStart(year, season, semestersOf),
    endWall,
  }
}

function monthBounds(year: number, month: number): PeriodBounds {
  const startWall = wallDate(year, month, 1)
  return { kind: 'month', key: `${year}-${pad2(month)}`, label: `${year}年${month}月`, startWall, endWall: startWall.add(1, 'month') }
}

function quarterBounds(year: number, quarter: number): PeriodBounds {
  const startWall = wallDate(year, (quarter - 1) * 3 + 1, 1)
  return { kind: 'quarter', key: `${year}-Q${quarter}`, label: `${year}年${QUARTER_LABELS[quarter - 1]}`, startWall, endWall: startWall.add(3, 'month') }
}

function yearBounds(year: number): PeriodBounds {
  const startWall = wallDate(year, 1, 1)
  return { kind: 'year', key: String(year), label: `${year}年`, startWall, endWall: startWall.add(1, 'year') }
}

function boundsContaining(kind: PeriodKind, wall: WallClock, semesters: SemestersOf): PeriodBounds {
  const year = wall.year()
  switch (kind) {
    case 'month':
      return monthBounds(year, wall.month() + 1)
    case 'quarter':
      return quarterBounds(year, Math.floor(wall.month() / 3) + 1)
    case 'year':
      return yearBounds(year)
    case 'semester': {
      const day = wall.startOf('day')
      if (!day.isBefore(semesterStart(year, 'autumn', semesters))) return semesterBounds(year, 'autumn', semesters)
      if (!day.isBefore(semesterStart(year, 'spring', semesters))) return semesterBounds(year, 'spring', semesters)
      return semesterBounds(year - 1, 'autumn', semesters)
    }
  }
}

function boundsFromKey(key: string, semesters: SemestersOf): PeriodBounds {
  const month = /^(\d{4})-(\d{2})$/.exec(key)
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return monthBounds(Number(month[1]), Number(month[2]))
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key)
  if (quarter) return quarterBounds(Number(quarter[1]), Number(quarter[2]))
  const semester = /^(\d{4})-(spring|autumn)$/.exec(key)
  if (semester) return semesterBounds(Number(semester[1]), semester[2] as Season, semesters)
  const year = /^(\d{4})$/.exec(key)
  if (year) return yearBounds(Number(year[1]))
  throw new Error(`无法识别的周期：${key}`)
}

/**
 * A calendar with its own, empty period cache (see `periodCalendar` for the shared one).
 *
 * Period boundaries are computed with the time-zone rules once per period and
 * kept in a sorted list per kind; `periodOf` then is a binary search over plain
 * numbers, so evaluating a million records never converts time zones in a loop.
 * Correct for any zone (DST included): nothing assumes a fixed offset.
 */
export function createPeriodCalendar(config: CalendarConfig): PeriodCalendar {
  const { timeZone } = config
  const changes = [...(config.semesterChanges ?? [])].sort((a, b) => a.fromYear - b.fromYear)
  const semesters: SemestersOf = (year) => {
    let found = config.semesters
    for (const change of changes) if (change.fromYear <= year) found = change.semesters
    return found
  }
  const sortedByKind: Record<PeriodKind, CachedPeriod[]> = { month: [], quarter: [], semester: [], year: [] }
  const byKey = new Map<string, Period>()

  function remember(bounds: PeriodBounds): Period {
    const known = byKey.get(bounds.key)
    if (known) return known
    const period: Period = {
      kind: bounds.kind,
      key: bounds.key,
      label: bounds.label,
      start: instantOfWallClock(bounds.startWall, timeZone),
      end: instantOfWallClock(bounds.endWall, timeZone),
    }
    const list = sortedByKind[bounds.kind]
    const entry = { startMs: period.start.getTime(), endMs: period.end.getTime(), period }
    list.splice(lastStartingAtOrBefore(list, entry.startMs) + 1, 0, entry)
    byKey.set(period.key, period)
    return period
  }

  function periodOf(kind: PeriodKind, instant: Date): Period {
    const time = instant.getTime()
    const list = sortedByKind[kind]
    const candidate = list[lastStartingAtOrBefore(list, time)]
    if (candidate && time < candidate.endMs) return candidate.period
    return remember(boundsContaining(kind, wallClockOf(instant, timeZone), semesters))
  }

  function periodFromKey(key: string): Period {
    return byKey.get(key) ?? remember(boundsFromKey(key, semesters))
  }

  function periodsOverlapping(kind: PeriodKind, range: InstantRange): Period[] {
    const periods: Period[] = []
    if (range.end.getTime() <= range.start.getTime()) return periods
    let period = periodOf(kind, range.start)
    while (period.start.getTime() < range.end.getTime()) {
      periods.push(period)
      period = periodOf(kind, period.end)
    }
    return periods
  }

  const daysOfMonth = new Map<string, Date>()
  function dayOfMonth(month: Period, day: number): Date {
    const cacheKey = `${month.key}|${day}`
    let instant = daysOfMonth.get(cacheKey)
    if (!instant) {
      const firstDay = wallClockOf(month.start, timeZone)
      instant = instantOfWallClock(firstDay.add(day - 1, 'day'), timeZone)
      daysOfMonth.set(cacheKey, instant)
    }
    return instant
  }

  return { timeZone, periodOf, periodFromKey, periodsOverlapping, dayOfMonth }
}

/** Index of the last entry whose start is ≤ time, or -1. */
function lastStartingAtOrBefore(list: readonly CachedPeriod[], time: number): number {
  let low = 0
  let high = list.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (list[middle].startMs <= time) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  return found
}

const calendars = new Map<string, PeriodCalendar>()

/** The shared calendar for a zone and semester setup (memoized: its period cache is what makes it fast). */
export function periodCalendar(config: CalendarConfig): PeriodCalendar {
  const dates = ({ spring, autumn }: SemesterCalendar) => `${spring.month}-${spring.day}|${autumn.month}-${autumn.day}`
  const changes = (config.semesterChanges ?? []).map((change) => `${change.fromYear}:${dates(change.semesters)}`)
  const cacheKey = [config.timeZone, dates(config.semesters), ...changes].join('|')
  let calendar = calendars.get(cacheKey)
  if (!calendar) {
    calendar = createPeriodCalendar(config)
    calendars.set(cacheKey, calendar)
  }
  return calendar
}
