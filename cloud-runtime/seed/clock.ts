import { DAY_MS, shiftMonths, toBeijingDay, monthIndex, type CalendarDay, type CalendarMonth } from './beijing-time'

/** The demo's sense of time: everything is generated relative to `now`, never to the wall clock. */
export interface DemoClock {
  now: Date
  today: CalendarDay
  /** First month with generated history: the current semester's start, at least three months back. */
  historyStart: CalendarMonth
  /** Upcoming activities are generated up to here. */
  horizon: Date
}

const UPCOMING_DAYS = 14

export function createDemoClock(now: Date): DemoClock {
  const today = toBeijingDay(now)
  const threeMonthsBack = shiftMonths(today, -3)
  const semesterStart = currentSemesterStart(today)
  return {
    now,
    today,
    historyStart: monthIndex(semesterStart) < monthIndex(threeMonthsBack) ? semesterStart : threeMonthsBack,
    horizon: new Date(now.getTime() + UPCOMING_DAYS * DAY_MS),
  }
}

/** Default semesters: spring Feb 1 – Jul 31, autumn Aug 1 – Jan 31. */
function currentSemesterStart({ year, month }: CalendarDay): CalendarMonth {
  if (month >= 8) return { year, month: 8 }
  if (month >= 2) return { year, month: 2 }
  return { year: year - 1, month: 8 }
}
