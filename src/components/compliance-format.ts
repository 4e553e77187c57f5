import { formatLocalDate } from '../domain/time'
import { displayTimeZone } from '../services/rules'

/** '2026年11月21日' in the rules' zone (Beijing time), whatever the phone's zone. */
export const formatDate = (iso: string) => formatLocalDate(new Date(iso), displayTimeZone())

/** Width of a bar as a CSS percentage, capped at 100 %. */
export const share = (part: number, whole: number) => `${Math.min(100, whole > 0 ? (part / whole) * 100 : 0).toFixed(0)}%`

/** The status colour class of a branch's light (status--missed / --due_soon / --done). */
export const lightStatusClass = (light: 'green' | 'amber' | 'red') => `status--${light === 'red' ? 'missed' : light === 'amber' ? 'due_soon' : 'done'}`
