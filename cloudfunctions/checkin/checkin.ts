import { isAttended, isInAudience, signInState } from '../../src/domain/attendance'
import { RULES } from '../../src/domain/authorization'
import {
  CHECKIN_PAGE,
  CHECKIN_ROTATE_SECONDS,
  checkinLink,
  checkinPhase,
  encodeCheckinScene,
  formatLocalDateTime,
  tokenExpiresAt,
  withinGeofence,
} from '../../src/domain/checkin'
import { manualSignInProblem } from '../../src/domain/activity-lifecycle'
import { checkinContract } from '../../src/domain/contracts/checkin'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { AppError } from '../../src/domain/errors'
import { ATTENDANCE_STATE_LABELS, type Activity, type Attendance, type AttendanceState, type Member } from '../../src/domain/model'
import { attendanceIdOf, attendanceOf, expectedMembers, writeLog } from '../_shared/activities'
import type { Ruleset } from '../../src/domain/ruleset'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findById, findOne } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { action, noSummaryEffect, scoped } from '../_shared/policy'
import { activityOrFail, activityTargetOf, onActivity } from '../_shared/scopes'
import { issueToken, verifyToken } from './token'

const ROTATE_MS = CHECKIN_ROTATE_SECONDS * 1000

/** Loaded when a code is first shown, so a sign-in (the hot path) does not pay for it. */
const qrCodes = async () => (await import('qrcode')).default

/**
 * The rules the activity is held under (its host branch's at its start). Only refusals and the
 * sign-ins of activities posted before the late grace was kept on the activity read them: a
 * sign-in itself stays at three database operations.
 */
async function rulesOfActivity(context: CloudContext, activity: Activity): Promise<Ruleset> {
  const host = await findById(context.db, 'orgs', activity.branchId)
  if (!host) throw new AppError('NOT_FOUND', '活动所属的党支部不存在')
  return context.rulesetFor(host, activity.startAt)
}

async function requireOpen(context: CloudContext, activity: Activity, now: Date): Promise<void> {
  if (activity.status === 'cancelled') throw new AppError('CHECKIN_CLOSED', '活动已取消，无法签到')
  if (activity.status === 'closed') throw new AppError('CHECKIN_CLOSED', '活动已结束，签到已关闭')
  const phase = checkinPhase(activity, now)
  if (phase === 'open') return
  const { timeZone } = await rulesOfActivity(context, activity)
  if (phase === 'not_open') {
    throw new AppError('CHECKIN_CLOSED', `签到尚未开始，将于${formatLocalDateTime(activity.checkinOpensAt, timeZone)}开始`)
  }
  throw new AppError('CHECKIN_CLOSED', `签到已于${formatLocalDateTime(activity.checkinClosesAt, timeZone)}截止`)
}

function readRecord(context: CloudContext, id: string): Promise<Attendance | null> {
  return findOne<Attendance>(collectionOf(context.db, 'attendance').where({ _id: id }))
}

interface Recorded {
  state: AttendanceState
  signedInAt: Date | null
  alreadySignedIn: boolean
}

/**
 * One record per member per activity, safe under a burst of scans: the deterministic _id
 * plus the unique index let exactly one add through; the others read what won (so the
 * common first scan costs one write and no read). An approved leave turns into a sign-in
 * when the member comes after all.
 */
async function recordSignIn(
  context: CloudContext,
  activity: Activity,
  member: Member,
  /** When the scan (or 代签到) was accepted, before the activity was read: never after a close. */
  now: Date,
  details: Pick<Attendance, 'method' | 'recordedBy'> & Partial<Pick<Attendance, 'distanceMeters' | 'withinGeofence'>>,
): Promise<Recorded> {
  const id = attendanceIdOf(activity._id, member._id)
  const state = signInState(activity, now, activity.lateGraceMinutes === undefined ? await rulesOfActivity(context, activity) : null)
  const fields = { state, signedInAt: now, ...details }
  const record: Attendance = {
    _id: id,
    activityId: activity._id,
    memberId: member._id,
    branchId: member.branchId,
    makeupConfirmedAt: null,
    ...fields,
  }
  try {
    await collectionOf(context.db, 'attendance').add(record)
    return { state, signedInAt: now, alreadySignedIn: false }
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
  }
  const existing = await readRecord(context, id)
  if (!existing) throw new AppError('CONFLICT', '签到状态有变化，请重试')
  if (existing.state === 'leave') {
    const { updated } = await collectionOf(context.db, 'attendance').where({ _id: id, state: 'leave' }).update(fields)
    if (updated === 1) return { state, signedInAt: now, alreadySignedIn: false }
    const winner = await readRecord(context, id)
    if (winner) return { state: winner.state, signedInAt: winner.signedInAt, alreadySignedIn: true }
  }
  return { state: existing.state, signedInAt: existing.signedInAt, alreadySignedIn: true }
}

function signInMessage(recorded: Recorded): string {
  if (recorded.alreadySignedIn) {
    return recorded.state === 'present' || recorded.state === 'late' ? '您已签到，无需重复扫码' : `您的记录为“${ATTENDANCE_STATE_LABELS[recorded.state]}”`
  }
  return recorded.state === 'late' ? '签到成功（迟到）' : '签到成功'
}

/**
 * The activity a scanned token names, once its signature and window are verified: only a
 * member of its audience may sign in. The host branch is not read (a sign-in costs three
 * database operations: the caller, the activity, the record).
 */
const onScannedActivity = <Input extends { token: string }>() =>
  scoped({
    target: '签到码（签名有效、未过期）所指的活动',
    async resolve(input: Input, _caller, context) {
      const scannedAt = context.now()
      const { activityId, expired } = verifyToken(context.secrets.checkinKey, input.token, scannedAt)
      const activity = await activityOrFail(context, activityId).catch((error: unknown) => {
        throw error instanceof AppError && error.code === 'NOT_FOUND' ? new AppError('TOKEN_INVALID', '签到码对应的活动不存在') : error
      })
      // An old code of a meeting that is over says so (活动已结束), not that the code expired.
      if (expired) {
        await requireOpen(context, activity, scannedAt)
        throw new AppError('TOKEN_EXPIRED', '签到码已过期，请扫描现场正在显示的二维码')
      }
      return { activity, scannedAt }
    },
    rules: [RULES.inAudience],
  })

/** 代签到: a manager of the host branch, for a member other than themself. */
const onManualSignIn = <Input extends { activityId: string; memberId: string }>() =>
  scoped({
    target: '请求中的活动（主办支部）及其中的一名党员',
    resolve: async (input: Input, _caller, context) => ({ ...(await activityTargetOf(context, input.activityId)), member: { _id: input.memberId } }),
    rules: [RULES.managesBranch, RULES.notSelf],
  })

export const checkin = defineCloudFunction(checkinContract, {
  code: action(onActivity((input) => input.activityId, RULES.managesBranch), noSummaryEffect, async ({ origin, format }, { activity }, context) => {
    const now = context.now()
    await requireOpen(context, activity, now)
    const { token, window } = issueToken(context.secrets.checkinKey, activity._id, now)
    const link = checkinLink(token, origin ?? '')
    const qrDataUrl =
      format === 'svg'
        ? `data:image/svg+xml;base64,${Buffer.from(await (await qrCodes()).toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })).toString('base64')}`
        : await (await qrCodes()).toDataURL(link, { errorCorrectionLevel: 'M', margin: 1, width: 360 })
    let wxacodeDataUrl: string | null = null
    const scene = encodeCheckinScene(token)
    if (scene) {
      try {
        const png = await context.openapi.getUnlimitedWxacode({ scene, page: CHECKIN_PAGE })
        if (png) wxacodeDataUrl = `data:image/png;base64,${Buffer.from(png).toString('base64')}`
      } catch (error) {
        context.log('wxacode.getUnlimited failed; the QR code still works', error)
      }
    }
    const [expected, records] = await Promise.all([expectedMembers(context, activity), attendanceOf(context, activity._id)])
    const expectedIds = new Set(expected.map((member) => member._id))
    return {
      token,
      link,
      qrDataUrl,
      wxacodeDataUrl,
      signedIn: records.filter((record) => expectedIds.has(record.memberId) && isAttended(record.state)).length,
      expected: expected.length,
      issuedAt: now.toISOString(),
      refreshAt: new Date((window + 1) * ROTATE_MS).toISOString(),
      expiresAt: tokenExpiresAt(window).toISOString(),
      rotateSeconds: CHECKIN_ROTATE_SECONDS,
    }
  }),

  // A sign-in lands only on a scheduled activity, which counts for nothing until it is closed (and closing refreshes).
  signIn: action(onScannedActivity(), noSummaryEffect, async ({ location }, { caller: member, activity, scannedAt }, context) => {
    await requireOpen(context, activity, scannedAt)
    let geofence: Pick<Attendance, 'distanceMeters' | 'withinGeofence'> = {}
    if (activity.geofence) {
      if (!location) throw new AppError('OUT_OF_RANGE', '本次活动需要在现场签到，请允许获取位置后重试')
      const { distance, inside } = withinGeofence(activity.geofence, location)
      // The distance is not told: answers that tell it would lead a phone to the centre.
      if (!inside) throw new AppError('OUT_OF_RANGE', `您不在活动地点 ${activity.geofence.radiusMeters} 米范围内，请到现场后重新扫码`)
      geofence = { distanceMeters: distance, withinGeofence: true }
    }
    const recorded = await recordSignIn(context, activity, member, scannedAt, { method: 'qr', recordedBy: null, ...geofence })
    return {
      activityId: activity._id,
      topic: activity.topic,
      state: recorded.state,
      signedInAt: recorded.signedInAt?.toISOString() ?? null,
      alreadySignedIn: recorded.alreadySignedIn,
      message: signInMessage(recorded),
    }
  }),

  manual: action(onManualSignIn(), noSummaryEffect, async ({ memberId }, { caller, activity, branch }, context) => {
    const now = context.now()
    const problem = manualSignInProblem(activity, now, (await context.rulesetFor(branch, activity.startAt)).timeZone)
    if (problem) throw new AppError('CHECKIN_CLOSED', problem)
    const member = await findOne<Member>(collectionOf(context.db, 'members').where({ _id: memberId, active: true }))
    if (!member || !isInAudience(member, activity)) throw new AppError('NOT_FOUND', '该党员不在本次活动的参加范围内')
    const recorded = await recordSignIn(context, activity, member, now, { method: 'manual', recordedBy: caller._id })
    if (!recorded.alreadySignedIn) {
      await writeLog(context, {
        activityId: activity._id,
        branchId: activity.branchId,
        action: 'manual_signin',
        actor: caller,
        note: `为${member.name}代签到（${ATTENDANCE_STATE_LABELS[recorded.state]}）`,
      })
    }
    return { state: recorded.state, alreadySignedIn: recorded.alreadySignedIn }
  }),
})
