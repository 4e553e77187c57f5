import dayjs from 'dayjs'
import { formatLocalDateTime, formatLocalTime } from '../domain/checkin'
import { DEFAULT_CALENDAR } from '../domain/ruleset/default-calendar'
import { instantOfWallClock, wallClockOf } from '../domain/time'

const ZONE = DEFAULT_CALENDAR.timeZone

/** '11月24日 14:30–16:00' (Beijing time, whatever the phone's zone). */
export function formatSpan(startIso: string, endIso: string): string {
  return `${formatLocalDateTime(new Date(startIso), ZONE)}–${formatLocalTime(new Date(endIso), ZONE)}`
}

export const formatInstant = (iso: string) => formatLocalDateTime(new Date(iso), ZONE)

/** Picker values (Beijing wall clock) ↔ ISO instants. */
export function toInstantIso(date: string, time: string): string {
  return instantOfWallClock(dayjs(`${date}T${time}:00`), ZONE).toISOString()
}

export function wallDate(iso: string): string {
  return wallClockOf(new Date(iso), ZONE).format('YYYY-MM-DD')
}

export function wallTime(iso: string): string {
  return wallClockOf(new Date(iso), ZONE).format('HH:mm')
}

export const STATUS_LABELS = { scheduled: '未结束', cancelled: '已取消', closed: '已结束' } as const

export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)
