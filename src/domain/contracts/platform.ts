import { z } from 'zod'
import { defineAction } from './define'

/**
 * Actions only the platform starts (timer triggers, WeChat's pushed events). They are not part
 * of the client contract (`CONTRACTS`): the app cannot name them, and their policy refuses any
 * client call that tries.
 */
export const remindersPlatformContract = {
  /** Timer (every 10 minutes): sends the reminders of activities starting soon, once each. */
  sendDue: defineAction(
    z.object({}).strict(),
    z.object({ sent: z.number().int().nonnegative(), skipped: z.number().int().nonnegative(), failed: z.number().int().nonnegative() }),
  ),
}

export const evidencePlatformContract = {
  /** WeChat's `wxa_media_check` push: the asynchronous result of an image check. */
  mediaCheckResult: defineAction(
    z.object({ traceId: z.string().trim().min(1, '缺少编号').max(128, '编号过长'), suggest: z.enum(['pass', 'review', 'risky']) }).strict(),
    z.object({ updated: z.number().int().nonnegative() }),
  ),
}

export const complianceTimerContract = {
  /** Nightly timer: recomputes every branch's summary in resumable chunks. */
  rebuild: defineAction(z.object({}).strict(), z.object({ processed: z.number().int().nonnegative(), done: z.boolean() })),
  /** Every 10 minutes: continues the refresh of the branches a ruleset change governs. */
  continueRulesRefreshes: defineAction(
    z.object({}).strict(),
    z.object({ jobs: z.number().int().nonnegative(), processed: z.number().int().nonnegative() }),
  ),
}

const count = z.number().int().nonnegative()

export const messagesPlatformContract = {
  /** Timer (every 5 minutes): pushes the messages waiting, each once, where a subscription is left. */
  dispatch: defineAction(
    z.object({}).strict(),
    z.object({ sent: count, noQuota: count, unbound: count, off: count, refused: count, failed: count }),
  ),
}

export const alertsPlatformContract = {
  /** Timer (daily): the 预警 of every branch, read from the summaries; also settles 督办 that turned met. */
  scan: defineAction(z.object({}).strict(), z.object({ branches: count, alerts: count, messages: count, resolved: count })),
}

export const reportsPlatformContract = {
  /** Timer (mornings): the previous month's reports, once the summaries were computed after the month ended. */
  generate: defineAction(z.object({}).strict(), z.object({ refreshed: count, reports: count, done: z.boolean() })),
}
