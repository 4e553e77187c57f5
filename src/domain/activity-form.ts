import { wallClockOf } from './time'
import { GEOFENCE_MESSAGES, geofenceSchema, type Geofence } from './model'

/**
 * The pure part of the 发布活动 / 编辑活动 form: the check-in window as minutes around the
 * meeting (↔ the instants the contract takes), and the geofence typed in as text.
 */

const MINUTE_MS = 60 * 1000

/**
 * The check-in window as offsets: opens this many minutes before the start, closes this many after
 * the end. The defaults are the ruleset's `checkin` rule (the form receives them with its options).
 */
export interface CheckinOffsets {
  opensBeforeStartMinutes: number
  closesAfterEndMinutes: number
}

/** What the pickers offer (a form choice, not a rule); the default and the current value are always added. */
export const CHECKIN_OFFSET_CHOICES_MINUTES: readonly number[] = [0, 10, 15, 30, 60, 120]

/** Centre radius proposed when the secretary turns the geofence on (a form choice). */
export const DEFAULT_GEOFENCE_RADIUS_METERS = 300

interface Span {
  startAt: Date
  endAt: Date
}

/** Offsets → instants. Rounded to the millisecond so a stored window survives the round trip exactly. */
export function checkinWindowFromOffsets(span: Span, offsets: CheckinOffsets): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(Math.round(span.startAt.getTime() - offsets.opensBeforeStartMinutes * MINUTE_MS)),
    closesAt: new Date(Math.round(span.endAt.getTime() + offsets.closesAfterEndMinutes * MINUTE_MS)),
  }
}

/** Instants → offsets (negative when the window opens after the start or closes before the end). */
export function checkinOffsetsOf(window: Span & { checkinOpensAt: Date; checkinClosesAt: Date }): CheckinOffsets {
  return {
    opensBeforeStartMinutes: (window.startAt.getTime() - window.checkinOpensAt.getTime()) / MINUTE_MS,
    closesAfterEndMinutes: (window.checkinClosesAt.getTime() - window.endAt.getTime()) / MINUTE_MS,
  }
}

/** The picker's entries, ascending: the standard list, the default and the current value (whatever it is). */
export function checkinOffsetChoices(current: number, defaultMinutes: number): number[] {
  return [...new Set([...CHECKIN_OFFSET_CHOICES_MINUTES, defaultMinutes, current])].sort((a, b) => a - b)
}

/** '30 分钟', '1 小时', '1 小时 30 分钟', '2.5 分钟' (a stored window need not fall on whole minutes). */
export function formatMinutes(minutes: number): string {
  const rounded = Math.round(Math.abs(minutes) * 10) / 10
  if (!Number.isInteger(rounded) || rounded < 60) return `${rounded} 分钟`
  const hours = Math.floor(rounded / 60)
  const rest = rounded % 60
  return rest === 0 ? `${hours} 小时` : `${hours} 小时 ${rest} 分钟`
}

/** '活动开始前 30 分钟', '活动开始时', '活动开始后 10 分钟'; '（默认）' after the default. */
export function opensOffsetLabel(minutes: number, defaultMinutes: number): string {
  const text = minutes === 0 ? '活动开始时' : `活动开始${minutes > 0 ? '前' : '后'} ${formatMinutes(minutes)}`
  return minutes === defaultMinutes ? `${text}（默认）` : text
}

/** '活动结束后 30 分钟', '活动结束时', '活动结束前 10 分钟'; '（默认）' after the default. */
export function closesOffsetLabel(minutes: number, defaultMinutes: number): string {
  const text = minutes === 0 ? '活动结束时' : `活动结束${minutes > 0 ? '后' : '前'} ${formatMinutes(minutes)}`
  return minutes === defaultMinutes ? `${text}（默认）` : text
}

/**
 * What is wrong with a check-in window around this meeting, in the words of the activities
 * contract (null when it is fine). Shown on the form before anything is sent.
 */
export function checkinWindowProblem(span: Span, window: { opensAt: Date; closesAt: Date }): string | null {
  if (window.closesAt.getTime() <= window.opensAt.getTime()) return '签到截止时间必须晚于签到开始时间'
  if (window.opensAt.getTime() >= span.endAt.getTime()) return '签到须在活动结束前开始'
  if (window.closesAt.getTime() <= span.startAt.getTime()) return '签到截止时间须晚于活动开始时间'
  return null
}

/** The geofence as the secretary types it. */
export interface GeofenceDraft {
  latitude: string
  longitude: string
  radiusMeters: string
}

export type GeofenceField = keyof GeofenceDraft

export type GeofenceParse = { ok: true; geofence: Geofence } | { ok: false; field: GeofenceField; message: string }

const FIELD_NAMES: Record<GeofenceField, string> = { latitude: '纬度', longitude: '经度', radiusMeters: '签到半径' }
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

/**
 * A decimal number typed on a phone: full-width digits, '．', '－' and '−' are accepted;
 * exponents, hex, 'Infinity' and empty text are not (null).
 */
export function parseDecimal(text: string): number | null {
  const normalized = text
    .trim()
    .replace(/[０-９．＋－]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[−–]/g, '-')
  if (!DECIMAL.test(normalized)) return null
  const value = Number(normalized)
  return Number.isFinite(value) ? value : null
}

/** Text → geofence, or the first problem in Chinese with the field it is about (latitude, longitude, radius). */
export function parseGeofenceDraft(draft: GeofenceDraft): GeofenceParse {
  const values: Partial<Record<GeofenceField, number>> = {}
  for (const field of ['latitude', 'longitude', 'radiusMeters'] as const) {
    const text = draft[field].trim()
    if (!text) return { ok: false, field, message: field === 'radiusMeters' ? '请填写签到半径（米）' : `请填写${FIELD_NAMES[field]}` }
    const value = parseDecimal(text)
    if (value === null) return { ok: false, field, message: `${FIELD_NAMES[field]}须为数字` }
    values[field] = value
  }
  const parsed = geofenceSchema.safeParse(values)
  if (parsed.success) return { ok: true, geofence: parsed.data }
  const field = parsed.error.issues[0].path[0] as GeofenceField
  return { ok: false, field, message: GEOFENCE_MESSAGES[field] }
}

/** A coordinate or radius as text, without exponents (39.999 → '39.999'; 1e-7 → '0.0000001'). */
export function decimalText(value: number): string {
  const text = String(value)
  return text.includes('e') ? value.toFixed(10).replace(/\.?0+$/, '') : text
}

export function geofenceDraftOf(fence: Geofence): GeofenceDraft {
  return { latitude: decimalText(fence.latitude), longitude: decimalText(fence.longitude), radiusMeters: decimalText(fence.radiusMeters) }
}

/** 快捷设置 of the meeting time: starts this many minutes from now. */
export const QUICK_START_CHOICES: readonly { label: string; minutesFromNow: number }[] = [
  { label: '现在开始', minutesFromNow: 0 },
  { label: '10 分钟后开始', minutesFromNow: 10 },
  { label: '1 小时后开始', minutesFromNow: 60 },
]

const LAST_MINUTE_OF_DAY = '23:59'

/**
 * The picker values (wall date and 'HH:mm' in `timeZone`) of a meeting starting `minutesFromNow`
 * after `now` and lasting `durationMinutes`, cut at the end of its day since the form has one date.
 * 现在开始 (0) is the minute now falls in, so the meeting is under way at once (and can be closed);
 * later starts are on the next whole minute, never before the time chosen.
 */
export function quickStartTimes(now: Date, minutesFromNow: number, durationMinutes: number, timeZone: string): { date: string; start: string; end: string } {
  const round = minutesFromNow === 0 ? Math.floor : Math.ceil
  const startAt = new Date(round((now.getTime() + minutesFromNow * MINUTE_MS) / MINUTE_MS) * MINUTE_MS)
  const start = wallClockOf(startAt, timeZone)
  const end = wallClockOf(new Date(startAt.getTime() + durationMinutes * MINUTE_MS), timeZone)
  const sameDay = end.format('YYYY-MM-DD') === start.format('YYYY-MM-DD')
  return { date: start.format('YYYY-MM-DD'), start: start.format('HH:mm'), end: sameDay ? end.format('HH:mm') : LAST_MINUTE_OF_DAY }
}
