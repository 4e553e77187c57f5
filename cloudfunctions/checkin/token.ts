import { createHmac, timingSafeEqual } from 'node:crypto'
import {
  CHECKIN_SIGNATURE_LENGTH,
  checkinWindowOf,
  formatToken,
  parseToken,
  tokenAge,
  tokenPayload,
  type ParsedToken,
} from '../../src/domain/checkin'
import { AppError } from '../../src/domain/errors'

/** HMAC-SHA256 over `<activityId>.<window>`, base64url, truncated (see src/domain/checkin.ts). */
export function signatureOf(key: string, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url').slice(0, CHECKIN_SIGNATURE_LENGTH)
}

export function issueToken(key: string, activityId: string, now: Date): { token: string; window: number } {
  const window = checkinWindowOf(now)
  return { token: formatToken(activityId, window, signatureOf(key, tokenPayload(activityId, window))), window }
}

/**
 * The activity and window of a genuine token, and whether it has expired (older than the previous
 * window); TOKEN_INVALID when it is malformed, forged or from a window not yet issued.
 */
export function verifyToken(key: string, token: string, now: Date): ParsedToken & { expired: boolean } {
  const parsed = parseToken(token)
  if (!parsed) throw new AppError('TOKEN_INVALID', '签到码无效，请扫描活动现场出示的二维码')
  const expected = Buffer.from(signatureOf(key, parsed.payload))
  const given = Buffer.from(parsed.signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('TOKEN_INVALID', '签到码无效，请扫描活动现场出示的二维码')
  }
  const age = tokenAge(parsed.window, now)
  if (age === 'future') throw new AppError('TOKEN_INVALID', '签到码无效，请扫描活动现场出示的二维码')
  return { ...parsed, expired: age === 'expired' }
}
