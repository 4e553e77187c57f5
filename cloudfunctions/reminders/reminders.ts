import { formatLocalDateTime } from '../../src/domain/checkin'
import { RULES } from '../../src/domain/authorization'
import { remindersPlatformContract } from '../../src/domain/contracts/platform'
import { remindersContract } from '../../src/domain/contracts/reminders'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { AppError } from '../../src/domain/errors'
import type { Activity, Reminder } from '../../src/domain/model'
import { attendanceIdOf, loadActivity } from '../_shared/activities'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll, findById } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { action, member, noSummaryEffect, platform } from '../_shared/policy'
import { onActivity } from '../_shared/scopes'

/** How long before the start a reminder goes out (the timer runs every 10 minutes). */
export const REMINDER_LEAD_MINUTES = 60
const MINUTE_MS = 60 * 1000

/** The subscribe message of a reminder; field names must match the template configured in the console. */
function messageFor(reminder: Reminder, activity: Activity, timeZone: string) {
  return {
    touser: reminder.openid,
    templateId: reminder.templateId,
    page: `pages/activity/index?id=${activity._id}`,
    data: {
      thing1: { value: activity.topic.slice(0, 20) },
      time2: { value: formatLocalDateTime(activity.startAt, timeZone) },
      thing3: { value: (activity.place || '见活动详情').slice(0, 20) },
    },
  }
}

/**
 * Timer trigger (config.json, every 10 minutes): sends each pending reminder whose activity
 * starts within REMINDER_LEAD_MINUTES, once. The function's timer action (the local runtime runs it
 * from POST /dev/timers/reminders and every minute under `npm start`).
 */
async function sendDueReminders(context: CloudContext): Promise<{ sent: number; skipped: number; failed: number }> {
  const now = context.now()
  const _ = context.db.command
  const due = await findAll<Reminder>(
    collectionOf(context.db, 'reminders')
      .where({ status: 'pending', startAt: _.lte(new Date(now.getTime() + REMINDER_LEAD_MINUTES * MINUTE_MS)) })
      .orderBy('_id', 'asc'),
  )
  const tally = { sent: 0, skipped: 0, failed: 0 }
  for (const reminder of due) {
    // Claim it first, so two overlapping timer runs never send twice.
    const { updated } = await collectionOf(context.db, 'reminders')
      .where({ _id: reminder._id, status: 'pending' })
      .update({ status: 'sent', sentAt: now })
    if (updated !== 1) continue
    const activity = await loadActivity(context, reminder.activityId).catch(() => null)
    if (!activity || activity.status !== 'scheduled' || activity.startAt <= now) {
      await collectionOf(context.db, 'reminders').doc(reminder._id).update({ status: 'skipped' })
      tally.skipped += 1
      continue
    }
    try {
      const host = await findById(context.db, 'orgs', activity.branchId)
      if (!host) throw new Error(`the host branch ${activity.branchId} of ${activity._id} is gone`)
      const { timeZone } = await context.rulesetFor(host, activity.startAt)
      await context.openapi.sendSubscribeMessage(messageFor(reminder, activity, timeZone))
      tally.sent += 1
    } catch (error) {
      context.log('subscribeMessage.send failed', error)
      await collectionOf(context.db, 'reminders')
        .doc(reminder._id)
        .update({ status: 'failed', error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' })
      tally.failed += 1
    }
  }
  return tally
}

export const reminders = defineCloudFunction(
  { ...remindersContract, ...remindersPlatformContract },
  {
    settings: action(member('提醒模板设置（只读）'), noSummaryEffect, async (_input, _access, context) => ({
      templateId: context.settings.reminderTemplateId,
      leadMinutes: REMINDER_LEAD_MINUTES,
    })),

    subscribe: action(onActivity((input) => input.activityId, RULES.inAudience), noSummaryEffect, async (_input, { caller, activity }, context) => {
      const templateId = context.settings.reminderTemplateId
      if (!templateId || !context.openid) throw new AppError('CONFLICT', '活动提醒暂未开通')
      if (activity.status !== 'scheduled' || context.now() >= activity.startAt) {
        throw new AppError('CONFLICT', '活动已开始或已结束，无需提醒')
      }
      const reminder: Reminder = {
        _id: attendanceIdOf(activity._id, caller._id),
        activityId: activity._id,
        memberId: caller._id,
        openid: context.openid,
        templateId,
        startAt: activity.startAt,
        status: 'pending',
        createdAt: context.now(),
        sentAt: null,
        error: null,
      }
      try {
        await collectionOf(context.db, 'reminders').add(reminder)
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error
      }
      return { subscribed: true }
    }),

    sendDue: action(platform('timer'), noSummaryEffect, async (_input, _access, context) => sendDueReminders(context)),
  },
  { timer: 'sendDue' },
)
