import { CLAIM_LIMITS } from '../../src/domain/binding'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { AppError } from '../../src/domain/errors'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findOne } from '../_shared/db'

const WINDOW_MS = CLAIM_LIMITS.windowMinutes * 60 * 1000

interface ClaimAttempts {
  _id: string
  windowStart: Date
  count: number
}

/**
 * Counts one claim attempt of this WeChat identity and refuses (RATE_LIMITED) beyond the
 * limit. The count is raised before the attempt is answered, atomically, so a burst of
 * simultaneous claims cannot slip past it.
 */
export async function countClaimAttempt(context: CloudContext, openid: string): Promise<void> {
  const attempts = collectionOf(context.db, 'claimAttempts')
  const _ = context.db.command
  const now = context.now()
  const windowFloor = new Date(now.getTime() - WINDOW_MS)
  for (let round = 0; round < 3; round++) {
    const raised = await attempts.where({ _id: openid, windowStart: _.gt(windowFloor) }).update({ count: _.inc(1) })
    if (raised.updated === 1) {
      const current = await findOne<ClaimAttempts>(attempts.where({ _id: openid }))
      if (current && current.count > CLAIM_LIMITS.attemptsPerWindow) {
        // Told in minutes: an unbound caller belongs to no organization whose rules (and time zone) would apply.
        const minutes = Math.max(1, Math.ceil((current.windowStart.getTime() + WINDOW_MS - now.getTime()) / 60_000))
        throw new AppError('RATE_LIMITED', `尝试次数过多，请于 ${minutes} 分钟后再试`)
      }
      return
    }
    const restarted = await attempts.where({ _id: openid, windowStart: _.lte(windowFloor) }).update({ windowStart: now, count: 1 })
    if (restarted.updated === 1) return
    try {
      await attempts.add({ _id: openid, windowStart: now, count: 1 })
      return
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error
    }
  }
  throw new AppError('RATE_LIMITED')
}
