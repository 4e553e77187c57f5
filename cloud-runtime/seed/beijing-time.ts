import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Calendar arithmetic on the Beijing calendar; instants are converted only at the edges. */
const BEIJING = 'Asia/Shanghai'

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

export interface CalendarMonth {
  year: number
  /** 1–12 */
  month: number
}

export interface CalendarDay extends CalendarMonth {
  day: number
}

export function toBeijingDay(instant: Date): CalendarDay {
  const local = dayjs(instant).tz(BEIJING)
  return { year: local.year(), month: local.month() + 1, day: local.date() }
}

/** The instant of a Beijing wall-clock time, e.g. 14:30 on a day → 06:30Z. */
export function atBeijingTime(day: CalendarDay, time = '00:00'): Date {
  return dayjs.tz(`${formatDay(day)} ${time}`, BEIJING).toDate()
}

function formatDay({ year, month, day }: CalendarDay): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function formatChineseDay({ year, month, day }: CalendarDay): string {
  return `${year}年${month}月${day}日`
}

/** Months since year 0: makes months comparable and easy to step through. */
export function monthIndex({ year, month }: CalendarMonth): number {
  return year * 12 + month - 1
}

export function shiftMonths(from: CalendarMonth, months: number): CalendarMonth {
  const index = monthIndex(from) + months
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}

/** Normalizes overflow, so day 0 or day 32 land in the neighbouring month. */
export function shiftDays({ year, month, day }: CalendarDay, days: number): CalendarDay {
  const shifted = new Date(Date.UTC(year, month - 1, day + days))
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }
}

/** A meeting planned on a weekend moves to the Monday after (it stays in its month for days up to the 26th). */
export function onWorkday(day: CalendarDay): CalendarDay {
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()
  if (weekday === 6) return shiftDays(day, 2)
  if (weekday === 0) return shiftDays(day, 1)
  return day
}
