import dayjs from 'dayjs'
import { formatLocalDateTime, formatLocalTime } from '../domain/checkin'
import { instantOfWallClock, wallClockOf } from '../domain/time'
import { displayTimeZone } from '../services/rules'

/** '11月24日 14:30–16:00' (in the rules' zone, Beijing time, whatever the phone's zone). */
export function formatSpan(startIso: string, endIso: string): string {
  return `${formatLocalDateTime(new Date(startIso), displayTimeZone())}–${formatLocalTime(new Date(endIso), displayTimeZone())}`
}

export const formatInstant = (iso: string) => formatLocalDateTime(new Date(iso), displayTimeZone())

/** '2025年11月24日 14:30' (in the rules' zone): for lists that reach back over years. */
export const formatInstantWithYear = (iso: string) => `${wallClockOf(new Date(iso), displayTimeZone()).year()}年${formatInstant(iso)}`

/** Picker values (wall clock in the rules' zone) ↔ ISO instants. */
export function toInstantIso(date: string, time: string): string {
  return instantOfWallClock(dayjs(`${date}T${time}:00`), displayTimeZone()).toISOString()
}

export function wallDate(iso: string): string {
  return wallClockOf(new Date(iso), displayTimeZone()).format('YYYY-MM-DD')
}

export function wallTime(iso: string): string {
  return wallClockOf(new Date(iso), displayTimeZone()).format('HH:mm')
}

export const STATUS_LABELS = { scheduled: '未结束', cancelled: '已取消', closed: '已结束' } as const

export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)
