import dayjs from 'dayjs'
import type { Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

/**
 * A wall-clock reading in some time zone, held as a UTC-mode Dayjs whose fields
 * (year, month, date, hour …) are the local ones. Arithmetic on it (add, startOf)
 * never touches the process time zone.
 */
export type WallClock = Dayjs

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

/**
 * The wall clock of `instant` in `timeZone`. Read with Intl rather than
 * `dayjs(instant).tz(zone)`: the latter re-parses the local string in the
 * process zone and shifts by an hour when that string falls into a DST gap of
 * the process zone (e.g. a server running in America/Los_Angeles).
 */
export function wallClockOf(instant: Date, timeZone: string): WallClock {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {}
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value)
  }
  return dayjs.utc(
    Date.UTC(
      fields.year ?? 0,
      (fields.month ?? 1) - 1,
      fields.day ?? 1,
      fields.hour ?? 0,
      fields.minute ?? 0,
      fields.second ?? 0,
      instant.getUTCMilliseconds(),
    ),
  )
}

/** The instant at which the wall clock of `timeZone` shows `wall`. */
export function instantOfWallClock(wall: WallClock, timeZone: string): Date {
  return dayjs.tz(wall.format('YYYY-MM-DDTHH:mm:ss.SSS'), timeZone).toDate()
}

/** The same local date `years` later (29 Feb → 28 Feb in a common year), at local midnight. */
export function addLocalYears(instant: Date, years: number, timeZone: string): Date {
  const day = wallClockOf(instant, timeZone).startOf('day')
  return instantOfWallClock(day.add(years, 'year'), timeZone)
}

/** '2026年11月15日' */
export function formatLocalDate(instant: Date, timeZone: string): string {
  const wall = wallClockOf(instant, timeZone)
  return `${wall.year()}年${wall.month() + 1}月${wall.date()}日`
}

/** [start, end) cut at every local midnight: one piece per local calendar day it touches. */
export function splitByLocalDay(start: Date, end: Date, timeZone: string): { start: Date; end: Date }[] {
  const pieces: { start: Date; end: Date }[] = []
  let cursor = start
  while (cursor < end) {
    const nextMidnight = instantOfWallClock(wallClockOf(cursor, timeZone).startOf('day').add(1, 'day'), timeZone)
    const pieceEnd = nextMidnight < end ? nextMidnight : end
    pieces.push({ start: cursor, end: pieceEnd })
    cursor = pieceEnd
  }
  return pieces
}
