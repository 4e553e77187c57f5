import { periodCalendar, wallClockOf } from '../time'
import type { InstantRange, Period, PeriodCalendar, SemesterChange } from '../time'
import type { Ruleset } from './schema'

/** One ruleset and the instants between which it is in force ([from, until), null: unbounded). */
export interface RulesetSegment {
  readonly from: Date | null
  readonly until: Date | null
  readonly ruleset: Ruleset
}

/**
 * The rules of one organization over time. A period is judged by the ruleset in force on its
 * first day (`forPeriod`), so a change that takes effect from a month, semester or year leaves
 * every period that began earlier as it was. The calendar cuts semesters by the dates in force
 * on 1 January of their year.
 */
export interface RulesetTimeline {
  readonly timeZone: string
  readonly calendar: PeriodCalendar
  /** In order; the first starts at null (always), the last ends at null. */
  readonly segments: readonly RulesetSegment[]
  at(instant: Date): Ruleset
  forPeriod(period: Pick<Period, 'start'>): Ruleset
  /** The segments in force at some instant of `range`. */
  during(range: InstantRange): RulesetSegment[]
}

const before = (a: Date, b: Date) => a.getTime() < b.getTime()

/**
 * A timeline from versions ordered by their start: the first is in force from the beginning (its
 * `from` is ignored), each later one from its `from` on. The time zone is the first version's
 * (rulesets never change it; see `versionProblems`).
 */
export function timelineOf(versions: readonly { from: Date | null; ruleset: Ruleset }[]): RulesetTimeline {
  if (versions.length === 0) throw new Error('a ruleset timeline needs at least one version')
  const sorted = [...versions].sort((a, b) => (a.from?.getTime() ?? -Infinity) - (b.from?.getTime() ?? -Infinity))
  const segments: RulesetSegment[] = sorted.map((version, index) => ({
    from: index === 0 ? null : version.from,
    until: sorted[index + 1]?.from ?? null,
    ruleset: version.ruleset,
  }))
  const timeZone = segments[0].ruleset.timeZone
  const semesterChanges: SemesterChange[] = segments.slice(1).map((segment) => {
    const wall = wallClockOf(segment.from!, timeZone)
    const startsTheYear = wall.month() === 0 && wall.date() === 1 && wall.hour() === 0 && wall.minute() === 0
    return { fromYear: startsTheYear ? wall.year() : wall.year() + 1, semesters: segment.ruleset.semesters }
  })
  const calendar = periodCalendar({ timeZone, semesters: segments[0].ruleset.semesters, semesterChanges })

  const at = (instant: Date): Ruleset => {
    let found = segments[0]
    for (const segment of segments) if (segment.from === null || !before(instant, segment.from)) found = segment
    return found.ruleset
  }
  return {
    timeZone,
    calendar,
    segments,
    at,
    forPeriod: (period) => at(period.start),
    during: (range) =>
      segments.filter(
        (segment) => (segment.until === null || before(range.start, segment.until)) && (segment.from === null || before(segment.from, range.end)),
      ),
  }
}

/** One ruleset for all time (the default, or a test's). */
export function singleRuleset(ruleset: Ruleset): RulesetTimeline {
  return timelineOf([{ from: null, ruleset }])
}

/** Whether an instant falls in a segment. */
export function inSegment(segment: Pick<RulesetSegment, 'from' | 'until'>, instant: Date): boolean {
  return (segment.from === null || !before(instant, segment.from)) && (segment.until === null || before(instant, segment.until))
}
