/**
 * Run by time.test.ts in a child process with another TZ (jest cannot switch
 * the zone of its own process): prints the periods of ZONE_EDGES as JSON.
 */
import { DEFAULT_RULESET } from '../../../src/domain/ruleset'
import { addLocalYears, createPeriodCalendar, wallClockOf } from '../../../src/domain/time'
import type { PeriodKind } from '../../../src/domain/time'

export const ZONE_EDGES: [string, PeriodKind, string, string][] = [
  // instant (UTC)               kind        key            start of the period (UTC)
  ['2026-11-30T15:30:00.000Z', 'month', '2026-11', '2026-10-31T16:00:00.000Z'],
  ['2026-11-30T16:30:00.000Z', 'month', '2026-12', '2026-11-30T16:00:00.000Z'],
  ['2027-01-31T15:59:59.999Z', 'semester', '2026-autumn', '2026-07-31T16:00:00.000Z'],
  ['2027-01-31T16:00:00.000Z', 'semester', '2027-spring', '2027-01-31T16:00:00.000Z'],
  ['2026-07-31T16:00:00.000Z', 'semester', '2026-autumn', '2026-07-31T16:00:00.000Z'],
  ['2024-02-29T15:59:59.999Z', 'month', '2024-02', '2024-01-31T16:00:00.000Z'],
  ['2026-12-31T16:00:00.000Z', 'year', '2027', '2026-12-31T16:00:00.000Z'],
  // Beijing 02:30 on 8 March 2026: a wall time that does not exist in Los Angeles that day.
  ['2026-03-07T18:30:00.000Z', 'month', '2026-03', '2026-02-28T16:00:00.000Z'],
]

export interface ZoneProbeResult {
  processOffsetsMinutes: number[]
  periods: [string, string, string][]
  wallClock: string
  termEnd: string
}

export function probe(): ZoneProbeResult {
  const calendar = createPeriodCalendar({ timeZone: 'Asia/Shanghai', semesters: DEFAULT_RULESET.semesters })
  return {
    processOffsetsMinutes: ['2026-01-15T00:00:00Z', '2026-07-15T00:00:00Z'].map((iso) => new Date(iso).getTimezoneOffset()),
    periods: ZONE_EDGES.map(([iso, kind]) => {
      const period = calendar.periodOf(kind, new Date(iso))
      return [iso, period.key, period.start.toISOString()]
    }),
    wallClock: wallClockOf(new Date('2026-03-07T18:30:00.000Z'), 'Asia/Shanghai').format('YYYY-MM-DD HH:mm'),
    termEnd: addLocalYears(new Date('2024-02-29T01:00:00.000Z'), 3, 'Asia/Shanghai').toISOString(),
  }
}

if (process.argv.includes('--print')) process.stdout.write(JSON.stringify(probe()))
