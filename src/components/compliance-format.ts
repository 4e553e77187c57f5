import { DEFAULT_CALENDAR } from '../domain/ruleset/default-calendar'
import { formatLocalDate } from '../domain/time'

/** '2026年11月21日' in Beijing time, whatever the phone's zone. */
export const formatDate = (iso: string) => formatLocalDate(new Date(iso), DEFAULT_CALENDAR.timeZone)

/** Width of a bar as a CSS percentage, capped at 100 %. */
export const share = (part: number, whole: number) => `${Math.min(100, whole > 0 ? (part / whole) * 100 : 0).toFixed(0)}%`
