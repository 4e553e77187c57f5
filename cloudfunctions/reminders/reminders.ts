import { isInAudience } from '../../src/domain/attendance'
import { formatLocalDateTime } from '../../src/domain/checkin'
import { remindersContract } from '../../src/domain/contracts/reminders'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { AppError } from '../../src/domain/errors'
import type { Activity, Reminder } from '../../src/domain/model'
import { RULESET, attendanceIdOf, loadActivity } from '../_shared/activities'
import { requireMember } from '../_shared/caller'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'

/** How long before the start a reminder goes out (the timer runs every 10 minutes). */
export const REMINDER_LEAD_MINUTES = 60
const MINUTE_MS = 60 * 1000

export const reminders = defineCloudFunction(remindersContract, {
  async settings(_input, context) {
    await requireMember(context)
    return { templateId: context.settings.reminderTemplateId, leadMinutes: REMINDER_LEAD_MINUTES }
  },

  async subscribe({ activityId }, context) {
    const member = await requireMember(context)
    const templateId = context.settings.reminderTemplateId
    if (!templateId || !context.openid) throw new AppError('CONFLICT', '活动提醒暂未开通')
    const activity = await loadActivity(context, activityId)
    if (!isInAudience(member, activity)) throw new AppError('FORBIDDEN', '您不在本次活动的参加范围内')
    if (activity.status !== 'scheduled' || context.now() >= activity.startAt) {
      throw new AppError('CONFLICT', '活动已开始或已结束，无需提醒')
    }
    const reminder: Reminder = {
      _id: attendanceIdOf(activity._id, member._id),
      activityId: activity._id,
      memberId: member._id,
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
  },
})

/** The subscribe message of a reminder; field names must match the template configured in the console. */
function messageFor(reminder: Reminder, activity: Activity) {
  return {
    touser: reminder.openid,
    templateId: reminder.templateId,
    page: `pages/activity/index?id=${activity._id}`,
    data: {
      thing1: { value: activity.topic.slice(0, 20) },
      time2: { value: formatLocalDateTime(activity.startAt, RULESET.timeZone) },
      thing3: { value: (activity.place || '见活动详情').slice(0, 20) },
    },
  }
}

/**
 * Timer trigger (config.json, every 10 minutes): sends each pending reminder whose activity
 * starts within REMINDER_LEAD_MINUTES, once. Not a client action: production calls it from
 * index.ts for timer events, the local runtime from POST /dev/timers/reminders, tests directly.
 */
export async function sendDueReminders(context: CloudContext): Promise<{ sent: number; skipped: number; failed: number }> {
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
      await context.openapi.sendSubscribeMessage(messageFor(reminder, activity))
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
