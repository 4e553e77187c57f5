import { checkinPhase, formatLocalDateTime } from './checkin'
import type { Activity, Evidence, LeaveRequest } from './model'
import type { Ruleset } from './ruleset'

/**
 * What may still happen to an activity, and why not: each answers null when the step is
 * allowed, or the Chinese reason it is refused (CONFLICT). The handlers, and the pages that
 * hide or explain a button, ask the same function.
 */

const MINUTE_MS = 60 * 1000
const DAY_MS = 24 * 60 * MINUTE_MS

/** A start time a secretary may post or move an activity to: records are kept as meetings happen. */
export function schedulingProblem(startAt: Date, now: Date, ruleset: Pick<Ruleset, 'scheduling' | 'timeZone'>): string | null {
  const { earliestStartMinutesAgo, latestStartDaysAhead } = ruleset.scheduling
  const earliest = new Date(now.getTime() - earliestStartMinutesAgo * MINUTE_MS)
  if (startAt < earliest) {
    return `开始时间不能早于${formatLocalDateTime(earliest, ruleset.timeZone)}：已经举行的活动不能补登，请在活动开始前发布`
  }
  if (startAt.getTime() > now.getTime() + latestStartDaysAhead * DAY_MS) {
    return `开始时间不能晚于 ${latestStartDaysAhead} 天之后`
  }
  return null
}

export function editProblem(activity: Pick<Activity, 'status' | 'startAt'>, now: Date): string | null {
  if (activity.status !== 'scheduled') return '活动已结束或已取消，不能再修改'
  if (now >= activity.startAt) return '活动已开始，不能再修改'
  return null
}

/** Cancelling erases a meeting from the record: not once anyone has signed in to it. */
export function cancelProblem(activity: Pick<Activity, 'status'>, signedIn: number): string | null {
  if (activity.status !== 'scheduled') return '活动已结束或已取消'
  if (signedIn > 0) return `已有 ${signedIn} 人签到，活动不能取消；如活动已举行，请在签到情况中结束活动`
  return null
}

/** A member may take back a leave request (waiting or granted) until the meeting starts. */
export function leaveWithdrawalProblem(
  activity: Pick<Activity, 'status' | 'startAt'>,
  leave: Pick<LeaveRequest, 'status'> | null,
  now: Date,
): string | null {
  if (!leave || (leave.status !== 'pending' && leave.status !== 'approved')) return '没有可以撤回的请假申请'
  if (activity.status !== 'scheduled') return '活动已结束或已取消，不能再撤回请假'
  if (now >= activity.startAt) return '活动已开始，不能再撤回请假'
  return null
}

/** 代签到 follows the same window as scanning: a secretary cannot sign people in before or after it. */
export function manualSignInProblem(activity: Pick<Activity, 'status' | 'checkinOpensAt' | 'checkinClosesAt'>, now: Date, timeZone: string): string | null {
  if (activity.status !== 'scheduled') return '活动已结束或已取消，无法代签到'
  const phase = checkinPhase(activity, now)
  if (phase === 'not_open') return `签到尚未开始，${formatLocalDateTime(activity.checkinOpensAt, timeZone)}起可以代签到`
  if (phase === 'closed') return `签到已于${formatLocalDateTime(activity.checkinClosesAt, timeZone)}截止，不能再代签到`
  return null
}

/**
 * Removing 痕迹: free while the activity is open; once it is held, the last passed photo or the
 * last passed minutes cannot go (upload the right one first), so the record stays complete.
 */
export function evidenceRemovalProblem(
  activity: Pick<Activity, 'status'>,
  target: Pick<Evidence, '_id' | 'kind' | 'review'>,
  all: readonly Pick<Evidence, '_id' | 'kind' | 'review'>[],
): string | null {
  if (activity.status !== 'closed' || target.review !== 'pass') return null
  const othersPassed = all.some((item) => item._id !== target._id && item.kind === target.kind && item.review === 'pass')
  if (othersPassed) return null
  return target.kind === 'photo'
    ? '活动已结束，这是唯一一张通过审核的照片，不能删除；如需更换，请先上传新照片'
    : '活动已结束，这是唯一一份会议记录，不能删除；如需更换，请先上传新的会议记录'
}
