import { DAY_MS, toBeijingDay, type CalendarDay, type CalendarMonth } from './beijing-time'

/** The demo's sense of time: everything is generated relative to `now`, never to the wall clock. */
export interface DemoClock {
  now: Date
  today: CalendarDay
  /**
   * First month with generated history: the start of the autumn semester before this year, so every
   * period a dashboard evaluates for this year (the year and the semesters and quarters overlapping
   * it) has its meetings, as in a branch that has used the system all along.
   */
  historyStart: CalendarMonth
  /** Upcoming activities are generated up to here. */
  horizon: Date
}

const UPCOMING_DAYS = 14
/** Default semesters: spring Feb 1 – Jul 31, autumn Aug 1 – Jan 31. */
const AUTUMN_SEMESTER_START_MONTH = 8

export function createDemoClock(now: Date): DemoClock {
  const today = toBeijingDay(now)
  return {
    now,
    today,
    historyStart: { year: today.year - 1, month: AUTUMN_SEMESTER_START_MONTH },
    horizon: new Date(now.getTime() + UPCOMING_DAYS * DAY_MS),
  }
}


