import type { Whoami } from '../domain/contracts'
import { DEFAULT_CALENDAR } from '../domain/ruleset/default-calendar'
import { periodCalendar, type CalendarConfig, type PeriodCalendar } from '../domain/time'

/**
 * The one way pages reach the rules. The phone keeps only what it shows dates and periods by:
 * the calendar of the member's rules, which "who am I" (the first call of a start) brings along.
 * Until it has answered (a page opened straight from a message), the default ruleset's calendar
 * stands in; rulesets never change the time zone, and semester dates only from a new year.
 * Pages that need more (the activity form's types and defaults, the ruleset editor) get it with
 * their own data from the server.
 */
let calendar: CalendarConfig = DEFAULT_CALENDAR

export function learnCalendar(whoami: Pick<Whoami, 'calendar'>): void {
  calendar = whoami.calendar
}

/** The zone dates and times are shown in. */
export function displayTimeZone(): string {
  return calendar.timeZone
}

/** Months, quarters, semesters and years as the member's rules cut them. */
export function phoneCalendar(): PeriodCalendar {
  return periodCalendar(calendar)
}
