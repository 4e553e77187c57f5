import type { Activity, Geofence } from './model'
import type { Ruleset } from './ruleset/schema'
import { wallClockOf } from './time'

/**
 * Check-in tokens (ARCHITECTURE.md, Check-in), the pure part: windows, the token's
 * text form, the mini-program-code scene, the scanned text, the geofence distance.
 * Signing (HMAC-SHA256 with a server-side secret) lives in cloudfunctions/checkin/token.ts.
 *
 * Token: `<activityId>.<window in base 36>.<signature>`, where window = floor(ms / ROTATE_MS)
 * and signature = the first SIGNATURE_LENGTH base64url characters of
 * HMAC-SHA256(secret, `<activityId>.<window in base 36>`). The server accepts the current
 * and the previous window only, so a forwarded screenshot dies within a minute.
 */
export const CHECKIN_ROTATE_SECONDS = 30
const ROTATE_MS = CHECKIN_ROTATE_SECONDS * 1000
export const CHECKIN_SIGNATURE_LENGTH = 12

/** WeChat's limit for the `scene` of wxacode.getUnlimited. */
export const WXACODE_SCENE_MAX_LENGTH = 32
/** The page both the rotating QR code (H5 link / in-app scan) and the wxacode open. */
export const CHECKIN_PAGE = 'pages/checkin-scan/index'

const ACTIVITY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
const SIGNATURE_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${CHECKIN_SIGNATURE_LENGTH}}$`)
const WINDOW_PATTERN = /^[0-9a-z]{1,9}$/

export function checkinWindowOf(instant: Date): number {
  return Math.floor(instant.getTime() / ROTATE_MS)
}

/** When a code of this window stops being accepted (the end of the next window). */
export function tokenExpiresAt(window: number): Date {
  return new Date((window + 2) * ROTATE_MS)
}

/** The signed text: what the HMAC covers. */
export function tokenPayload(activityId: string, window: number): string {
  return `${activityId}.${window.toString(36)}`
}

export function formatToken(activityId: string, window: number, signature: string): string {
  return `${tokenPayload(activityId, window)}.${signature}`
}

export interface ParsedToken {
  activityId: string
  window: number
  signature: string
  payload: string
}

/** The token's parts, or null when it is not shaped like one (TOKEN_INVALID). */
export function parseToken(token: string): ParsedToken | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [activityId, windowText, signature] = parts
  if (!ACTIVITY_ID_PATTERN.test(activityId) || !WINDOW_PATTERN.test(windowText) || !SIGNATURE_PATTERN.test(signature)) {
    return null
  }
  const window = parseInt(windowText, 36)
  if (!Number.isSafeInteger(window) || window.toString(36) !== windowText) return null
  return { activityId, window, signature, payload: `${activityId}.${windowText}` }
}

export type TokenAge = 'current' | 'previous' | 'expired' | 'future'

/** Current and previous windows are accepted; older ones have expired; later ones were never issued. */
export function tokenAge(window: number, now: Date): TokenAge {
  const current = checkinWindowOf(now)
  if (window === current) return 'current'
  if (window === current - 1) return 'previous'
  return window < current ? 'expired' : 'future'
}

/**
 * Scene of the mini program code (wxacode.getUnlimited): the token itself when it fits the
 * 32 characters WeChat allows (activity ids made by `activities.post` are 12 characters, so
 * their tokens are at most 32). Returns null for longer ids: the in-app QR code still works.
 * The page receives it as `options.scene`, URL-encoded: decode with `decodeCheckinScene`.
 */
export function encodeCheckinScene(token: string): string | null {
  return token.length <= WXACODE_SCENE_MAX_LENGTH && parseToken(token) ? token : null
}

export function decodeCheckinScene(scene: string): string | null {
  let text: string
  try {
    text = decodeURIComponent(scene)
  } catch {
    return null
  }
  return parseToken(text) ? text : null
}

/** The path the rotating QR code carries; H5 prefixes the origin so a phone camera opens it. */
export function checkinLink(token: string, origin = ''): string {
  return `${origin}/${CHECKIN_PAGE}?t=${encodeURIComponent(token)}`
}

/** What `Taro.scanCode` read (a link with `t=`, a wxacode path with `scene=`, or a bare token) → the token. */
export function tokenFromScan(text: string): string | null {
  const trimmed = text.trim()
  const query = /[?&](t|scene)=([^&#]+)/.exec(trimmed)
  const candidate = query ? query[2] : trimmed
  let decoded: string
  try {
    decoded = decodeURIComponent(candidate)
  } catch {
    return null
  }
  return parseToken(decoded) ? decoded : null
}

const EARTH_RADIUS_METERS = 6_371_008.8
const toRadians = (degrees: number) => (degrees * Math.PI) / 180

/** Great-circle distance (haversine), in metres. */
export function distanceMeters(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dLat = toRadians(b.latitude - a.latitude)
  const dLon = toRadians(b.longitude - a.longitude)
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)))
}

export function withinGeofence(fence: Geofence, at: { latitude: number; longitude: number }): { distance: number; inside: boolean } {
  const distance = Math.round(distanceMeters(fence, at))
  return { distance, inside: distance <= fence.radiusMeters }
}

const MINUTE_MS = 60 * 1000

/** Default check-in window of an activity, by the ruleset's `checkin` rule. */
export function defaultCheckinWindow(
  span: Pick<Activity, 'startAt' | 'endAt'>,
  ruleset: Pick<Ruleset, 'checkin'>,
): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(span.startAt.getTime() - ruleset.checkin.opensBeforeStartMinutes * MINUTE_MS),
    closesAt: new Date(span.endAt.getTime() + ruleset.checkin.closesAfterEndMinutes * MINUTE_MS),
  }
}

export type CheckinPhase = 'not_open' | 'open' | 'closed'

export function checkinPhase(activity: Pick<Activity, 'checkinOpensAt' | 'checkinClosesAt' | 'status'>, now: Date): CheckinPhase {
  if (activity.status !== 'scheduled') return 'closed'
  if (now.getTime() < activity.checkinOpensAt.getTime()) return 'not_open'
  return now.getTime() <= activity.checkinClosesAt.getTime() ? 'open' : 'closed'
}

/** Quorum of an activity (党员大会: present + late strictly more than quorumShare of the expected). */
export function quorumOf(
  types: readonly string[],
  attended: number,
  expected: number,
  activityTypes: Record<string, { quorumShare: number | null }>,
): { required: boolean; share: number | null; reached: boolean | null } {
  const shares = types.map((type) => activityTypes[type]?.quorumShare).filter((share): share is number => typeof share === 'number')
  if (shares.length === 0) return { required: false, share: null, reached: null }
  const share = Math.max(...shares)
  return { required: true, share, reached: attended > share * expected }
}

/** '11月21日 14:30' in the given zone (the ruleset's, Asia/Shanghai). */
export function formatLocalDateTime(instant: Date, timeZone: string): string {
  return wallClockOf(instant, timeZone).format('M月D日 HH:mm')
}

export function formatLocalTime(instant: Date, timeZone: string): string {
  return wallClockOf(instant, timeZone).format('HH:mm')
}
