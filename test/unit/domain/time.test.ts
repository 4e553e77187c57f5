import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import {
  addLocalYears,
  createPeriodCalendar,
  daysToPeriodEnd,
  formatLocalDate,
  periodCalendar,
  splitByLocalDay,
} from '../../../src/domain/time'
import type { CalendarConfig, PeriodKind } from '../../../src/domain/time'
import { DEFAULT_RULESET } from '../../../src/domain/ruleset'
import { ZONE_EDGES, probe } from './zone-probe'
import type { ZoneProbeResult } from './zone-probe'

const SHANGHAI: CalendarConfig = { timeZone: 'Asia/Shanghai', semesters: DEFAULT_RULESET.semesters }
const calendar = periodCalendar(SHANGHAI)
const bj = (local: string) => new Date(`${local}+08:00`)

describe('periodOf in Asia/Shanghai', () => {
  it.each([
    // instant (Beijing time)           month      quarter    semester        year
    ['2026-11-30T23:30:00', '2026-11', '2026-Q4', '2026-autumn', '2026'],
    ['2026-12-01T00:30:00', '2026-12', '2026-Q4', '2026-autumn', '2026'],
    ['2026-12-31T23:59:59.999', '2026-12', '2026-Q4', '2026-autumn', '2026'],
    ['2027-01-01T00:00:00', '2027-01', '2027-Q1', '2026-autumn', '2027'],
    ['2027-01-31T23:30:00', '2027-01', '2027-Q1', '2026-autumn', '2027'],
    ['2027-02-01T00:30:00', '2027-02', '2027-Q1', '2027-spring', '2027'],
    ['2026-07-31T23:59:59', '2026-07', '2026-Q3', '2026-spring', '2026'],
    ['2026-08-01T00:00:00', '2026-08', '2026-Q3', '2026-autumn', '2026'],
    ['2026-03-31T23:30:00', '2026-03', '2026-Q1', '2026-spring', '2026'],
    ['2026-04-01T00:30:00', '2026-04', '2026-Q2', '2026-spring', '2026'],
    ['2024-02-29T12:00:00', '2024-02', '2024-Q1', '2024-spring', '2024'],
    ['2024-02-29T23:59:59', '2024-02', '2024-Q1', '2024-spring', '2024'],
    ['2024-03-01T00:00:00', '2024-03', '2024-Q1', '2024-spring', '2024'],
  ])('%s → %s %s %s %s', (local, month, quarter, semester, year) => {
    const instant = bj(local)
    expect(calendar.periodOf('month', instant).key).toBe(month)
    expect(calendar.periodOf('quarter', instant).key).toBe(quarter)
    expect(calendar.periodOf('semester', instant).key).toBe(semester)
    expect(calendar.periodOf('year', instant).key).toBe(year)
  })

  it('puts 00:30 Beijing on the 1st into the new month although it is still the previous day in UTC', () => {
    const instant = new Date('2026-11-30T16:30:00Z')
    expect(instant.getUTCDate()).toBe(30)
    expect(calendar.periodOf('month', instant).key).toBe('2026-12')
  })

  it.each<[PeriodKind, string, string, string, string]>([
    ['month', '2026-11-15T12:00:00', '2026年11月', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    ['month', '2024-02-10T12:00:00', '2024年2月', '2024-01-31T16:00:00.000Z', '2024-02-29T16:00:00.000Z'],
    ['month', '2023-02-10T12:00:00', '2023年2月', '2023-01-31T16:00:00.000Z', '2023-02-28T16:00:00.000Z'],
    ['quarter', '2026-11-15T12:00:00', '2026年第四季度', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['quarter', '2026-02-15T12:00:00', '2026年第一季度', '2025-12-31T16:00:00.000Z', '2026-03-31T16:00:00.000Z'],
    ['semester', '2026-11-15T12:00:00', '2026年秋季学期', '2026-07-31T16:00:00.000Z', '2027-01-31T16:00:00.000Z'],
    ['semester', '2027-01-20T12:00:00', '2026年秋季学期', '2026-07-31T16:00:00.000Z', '2027-01-31T16:00:00.000Z'],
    ['semester', '2027-03-01T12:00:00', '2027年春季学期', '2027-01-31T16:00:00.000Z', '2027-07-31T16:00:00.000Z'],
    ['semester', '2024-02-29T12:00:00', '2024年春季学期', '2024-01-31T16:00:00.000Z', '2024-07-31T16:00:00.000Z'],
    ['year', '2026-06-01T12:00:00', '2026年', '2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
  ])('%s of %s is %s [%s, %s)', (kind, local, label, start, end) => {
    const period = calendar.periodOf(kind, bj(local))
    expect(period.kind).toBe(kind)
    expect(period.label).toBe(label)
    expect(period.start.toISOString()).toBe(start)
    expect(period.end.toISOString()).toBe(end)
  })

  it('answers the same period object for every instant inside it, including both edges', () => {
    const november = calendar.periodOf('month', bj('2026-11-15T12:00:00'))
    expect(calendar.periodOf('month', november.start)).toBe(november)
    expect(calendar.periodOf('month', new Date(november.end.getTime() - 1))).toBe(november)
    expect(calendar.periodOf('month', november.end).key).toBe('2026-12')
  })
})

describe('periodsOverlapping', () => {
  const year2026 = calendar.periodFromKey('2026')

  it.each<[PeriodKind, string[]]>([
    ['semester', ['2025-autumn', '2026-spring', '2026-autumn']],
    ['quarter', ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']],
    ['year', ['2026']],
  ])('the year 2026 overlaps these %s periods', (kind, keys) => {
    expect(calendar.periodsOverlapping(kind, year2026).map((period) => period.key)).toEqual(keys)
  })

  it('lists the twelve months of a year in order', () => {
    const months = calendar.periodsOverlapping('month', year2026)
    expect(months).toHaveLength(12)
    expect(months[0].key).toBe('2026-01')
    expect(months[11].key).toBe('2026-12')
  })

  it.each([
    ['a range inside one month', '2026-11-03T00:00:00', '2026-11-04T00:00:00', ['2026-11']],
    ['a range ending exactly at a month start (exclusive end)', '2026-11-03T00:00:00', '2026-12-01T00:00:00', ['2026-11']],
    ['a range crossing a month start', '2026-11-30T23:00:00', '2026-12-01T01:00:00', ['2026-11', '2026-12']],
    ['an empty range', '2026-11-03T00:00:00', '2026-11-03T00:00:00', []],
  ])('%s', (_, start, end, keys) => {
    const periods = calendar.periodsOverlapping('month', { start: bj(start), end: bj(end) })
    expect(periods.map((period) => period.key)).toEqual(keys)
  })
})

describe('periodFromKey', () => {
  it.each([
    ['2026-11', '2026-10-31T16:00:00.000Z'],
    ['2026-Q4', '2026-09-30T16:00:00.000Z'],
    ['2026-autumn', '2026-07-31T16:00:00.000Z'],
    ['2027-spring', '2027-01-31T16:00:00.000Z'],
    ['2026', '2025-12-31T16:00:00.000Z'],
  ])('%s starts at %s', (key, start) => {
    const period = calendar.periodFromKey(key)
    expect(period.key).toBe(key)
    expect(period.start.toISOString()).toBe(start)
    expect(calendar.periodOf(period.kind, period.start)).toBe(period)
  })

  it.each(['2026-13', '2026-Q5', '2026-winter', '26', ''])('rejects %p', (key) => {
    expect(() => calendar.periodFromKey(key)).toThrow('无法识别的周期')
  })
})

describe('daysToPeriodEnd', () => {
  const november = calendar.periodFromKey('2026-11')
  it.each([
    ['2026-11-01T00:00:00', 30],
    ['2026-11-23T12:00:00', 8],
    ['2026-11-24T00:00:00', 7],
    ['2026-11-30T23:59:00', 1],
    ['2026-12-01T00:00:00', 0],
    ['2026-12-20T00:00:00', 0],
  ])('as of %s: %i', (local, days) => {
    expect(daysToPeriodEnd(november, bj(local))).toBe(days)
  })
})

describe('a custom semester calendar', () => {
  const custom = createPeriodCalendar({
    timeZone: 'Asia/Shanghai',
    semesters: { spring: { month: 2, day: 20 }, autumn: { month: 9, day: 1 } },
  })
  it.each([
    ['2026-02-19T23:59:59', '2025-autumn'],
    ['2026-02-20T00:00:00', '2026-spring'],
    ['2026-08-31T23:59:59', '2026-spring'],
    ['2026-09-01T00:00:00', '2026-autumn'],
  ])('%s → %s', (local, key) => {
    expect(custom.periodOf('semester', bj(local)).key).toBe(key)
  })
})

describe('local dates', () => {
  it.each([
    ['2024-02-29T09:00:00', 3, '2027-02-28T00:00:00'],
    ['2023-06-30T23:30:00', 3, '2026-06-30T00:00:00'],
    ['2024-01-01T00:00:00', 3, '2027-01-01T00:00:00'],
  ])('addLocalYears(%s, %i) is local midnight of %s', (start, years, expected) => {
    expect(addLocalYears(bj(start), years, 'Asia/Shanghai').toISOString()).toBe(bj(expected).toISOString())
  })

  it('formats a local date in Chinese', () => {
    expect(formatLocalDate(new Date('2026-11-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2026年12月1日')
  })

  it('cuts a range at local midnights', () => {
    const pieces = splitByLocalDay(bj('2026-11-14T22:00:00'), bj('2026-11-15T02:00:00'), 'Asia/Shanghai')
    expect(pieces.map((piece) => [piece.start.toISOString(), piece.end.toISOString()])).toEqual([
      [bj('2026-11-14T22:00:00').toISOString(), bj('2026-11-15T00:00:00').toISOString()],
      [bj('2026-11-15T00:00:00').toISOString(), bj('2026-11-15T02:00:00').toISOString()],
    ])
  })
})

describe('independence from the process time zone', () => {
  const expected: ZoneProbeResult = {
    processOffsetsMinutes: [],
    periods: ZONE_EDGES.map(([iso, , key, start]) => [iso, key, start]),
    wallClock: '2026-03-08 02:30',
    termEnd: '2027-02-27T16:00:00.000Z',
  }

  it('gives the fixed results in this process', () => {
    expect({ ...probe(), processOffsetsMinutes: [] }).toEqual(expected)
  })

  // Jest cannot change the zone of its own process (globalSetup pins TZ=UTC), so
  // the same probe runs in child processes started with other zones.
  it.each([
    ['America/Los_Angeles', [480, 420]],
    ['America/Santiago', [180, 240]],
    ['Asia/Kolkata', [-330, -330]],
    ['Australia/Lord_Howe', [-660, -630]],
    ['Pacific/Kiritimati', [-840, -840]],
  ])('gives the same results when the process runs in %s', (zone, offsets) => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'zone-probe.ts'), '--print'], {
      cwd: join(__dirname, '../../..'),
      env: { ...process.env, TZ: zone },
      encoding: 'utf8',
    })
    expect(JSON.parse(output)).toEqual({ ...expected, processOffsetsMinutes: offsets })
  })
})
