import type { Transaction } from '@cloudbase/database/dist/commonjs/transaction/index'
import { isAttended, isInAudience, participatingBranchIds, summarizeAttendance } from '../../src/domain/attendance'
import { canManageBranch, RULES } from '../../src/domain/authorization'
import { cancelProblem, editProblem, leaveWithdrawalProblem, schedulingProblem } from '../../src/domain/activity-lifecycle'
import { defaultCheckinWindow, formatLocalDateTime, quorumOf } from '../../src/domain/checkin'
import { COLLECTIONS } from '../../src/domain/collections'
import { activitiesContract, type EditActivityInput, type MyRecordItem } from '../../src/domain/contracts/activities'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { AppError } from '../../src/domain/errors'
import type { Activity, ActivityLog, Attendance, Audience, Geofence, LeaveRequest, Makeup, Member, Org } from '../../src/domain/model'
import { jointFields, planInvitations } from '../../src/domain/joint-activity'
import type { Ruleset } from '../../src/domain/ruleset'
import { defaultCreditHours } from '../../src/domain/study-hours'
import {
  activityRules,
  activityView,
  attendanceIdOf,
  attendanceOf,
  audienceLabel,
  expectedMembers,
  loadOrgs,
  membersOfActivity,
  newActivityId,
  orgIdsToName,
  requestedAudience,
  toActivityView,
  writeLog,
} from '../_shared/activities'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll, findOne } from '../_shared/db'
import { notifyResult, recipientOf } from '../messages/deliver'
import { defineCloudFunction } from '../_shared/define-function'
import { activityEffect } from '../_shared/effects'
import { action, member, noSummaryEffect, scoped } from '../_shared/policy'
import { activityTargetOf, onActivity, onBranch } from '../_shared/scopes'

const invalid = (message: string) => new AppError('INVALID_INPUT', message)
const iso = (date: Date | null) => (date ? date.toISOString() : null)
const sameTime = (a: Date, b: Date) => a.getTime() === b.getTime()

/** The types exist in the ruleset; the audience's group exists; the speaker is a member of a branch taking part or invited. */
async function checkReferences(
  context: CloudContext,
  branchId: string,
  fields: { types: string[]; audience: Audience; speakerMemberId: string | null },
  ruleset: Pick<Ruleset, 'activityTypes'>,
): Promise<Member | null> {
  const unknown = fields.types.filter((type) => !Object.hasOwn(ruleset.activityTypes, type))
  if (unknown.length > 0) throw invalid(`未知的活动类型：${unknown.join('、')}`)
  if (new Set(fields.types).size !== fields.types.length) throw invalid('活动类型重复')
  const { audience } = fields
  if (audience.kind === 'group') {
    const orgs = await loadOrgs(context, [audience.groupId])
    const group = orgs.get(audience.groupId)
    if (!group || group.kind !== 'group' || group.parentId !== branchId) throw invalid('所选党小组不属于本支部')
  }
  if (!fields.speakerMemberId) return null
  const speaker = await findOne<Member>(
    collectionOf(context.db, 'members').where({ _id: fields.speakerMemberId, active: true }),
  )
  const branches = participatingBranchIds({ branchId, audience })
  if (!speaker || !branches.includes(speaker.branchId)) throw invalid('主讲人须为参加支部的党员')
  return speaker
}

/**
 * The audience to store for the one asked for. A joint activity invites its guest branches:
 * a branch the caller manages takes part at once, any other only once its own manager accepts
 * (`respondToInvitation`); earlier answers are kept when an activity is edited.
 */
async function audienceToStore(
  context: CloudContext,
  caller: Member,
  hostBranchId: string,
  requested: Audience,
  previous: Pick<Activity, 'audience' | 'jointInvitations'> | null,
): Promise<Pick<Activity, 'audience' | 'jointInvitations' | 'invitedBranchIds'>> {
  if (requested.kind !== 'branches') return { audience: requested, jointInvitations: undefined, invitedBranchIds: undefined }
  const orgs = await loadOrgs(context, requested.branchIds)
  if (requested.branchIds.some((id) => orgs.get(id)?.kind !== 'branch')) throw invalid('联合活动中有不存在的党支部')
  if (requested.branchIds.includes(hostBranchId)) throw invalid('联合参加的支部不能是主办支部本身')
  const earlier =
    previous?.audience.kind === 'branches'
      ? (previous.jointInvitations ??
        previous.audience.branchIds.map((branchId) => ({ branchId, status: 'accepted' as const, respondedBy: null, respondedAt: null })))
      : []
  const invitations = planInvitations(requested.branchIds, earlier, (id) => canManageBranch(caller, orgs.get(id)!), {
    memberId: caller._id,
    at: context.now(),
  })
  return jointFields(invitations)
}

function checkSpan(activity: Pick<Activity, 'startAt' | 'endAt' | 'checkinOpensAt' | 'checkinClosesAt'>): void {
  if (activity.endAt <= activity.startAt) throw invalid('结束时间必须晚于开始时间')
  if (activity.checkinClosesAt <= activity.checkinOpensAt) throw invalid('签到截止时间必须晚于签到开始时间')
  if (activity.checkinOpensAt >= activity.endAt) throw invalid('签到须在活动结束前开始')
  if (activity.checkinClosesAt <= activity.startAt) throw invalid('签到截止时间须晚于活动开始时间')
}

const FIELD_LABELS: Record<string, string> = {
  types: '类型',
  topic: '主题',
  startAt: '开始时间',
  endAt: '结束时间',
  place: '地点',
  speakerName: '主讲人',
  audience: '参加对象',
  creditHours: '学时',
  checkinOpensAt: '签到开始',
  checkinClosesAt: '签到截止',
  geofence: '签到范围',
}

function display(activity: Activity, field: string, orgs: ReadonlyMap<string, Org>, ruleset: Ruleset): string | null {
  switch (field) {
    case 'types':
      return toActivityView(activity, orgs, 'manager', ruleset).typeLabels.join('、')
    case 'startAt':
    case 'endAt':
    case 'checkinOpensAt':
    case 'checkinClosesAt':
      return formatLocalDateTime(activity[field], ruleset.timeZone)
    case 'audience':
      return audienceLabel(activity, orgs)
    case 'geofence':
      return activity.geofence ? `${activity.geofence.radiusMeters} 米内` : '不限'
    case 'creditHours':
      return `${activity.creditHours} 学时`
    default: {
      const value = activity[field as keyof Activity]
      return value === null || value === undefined ? null : String(value)
    }
  }
}

function changesBetween(
  before: Activity,
  after: Activity,
  orgs: ReadonlyMap<string, Org>,
  rules: { before: Ruleset; after: Ruleset },
): ActivityLog['changes'] {
  return Object.keys(FIELD_LABELS).flatMap((field) => {
    const from = display(before, field, orgs, rules.before)
    const to = display(after, field, orgs, rules.after)
    return from === to ? [] : [{ field: FIELD_LABELS[field], before: from, after: to }]
  })
}

/** Reviewing a member's request on an activity: a manager of the host branch, never for themself. */
const onMemberOfActivity = <Input extends { activityId: string; memberId: string }>() =>
  scoped({
    target: '请求中的活动（主办支部）及其中的一名党员',
    resolve: async (input: Input, _caller, context) => ({ ...(await activityTargetOf(context, input.activityId)), member: { _id: input.memberId } }),
    rules: [RULES.managesBranch, RULES.notSelf],
  })

const byActivity = <Input extends { activityId: string }>(input: Input) => input.activityId

/** A transaction whose unique-index clash (a sign-in landing at the same moment) is told as a conflict. */
async function runTransactionOrConflict(context: CloudContext, conflict: string, work: (transaction: Transaction) => Promise<void>): Promise<void> {
  try {
    await context.db.runTransaction(work)
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', conflict)
    throw error
  }
}

function refuseStart(startAt: Date, now: Date, ruleset: Ruleset): void {
  const problem = schedulingProblem(startAt, now, ruleset)
  if (problem) throw new AppError('INVALID_INPUT', problem, { startAt: problem })
}

/** Members who signed in (present or late) to an activity. */
async function signedInCount(context: CloudContext, activityId: string): Promise<number> {
  const { total } = await collectionOf(context.db, 'attendance')
    .where({ activityId, state: context.db.command.in(['present', 'late']) })
    .count()
  return total
}

function requestView(request: LeaveRequest | Makeup | null) {
  if (!request) return null
  const isLeave = 'reason' in request
  return {
    status: request.status,
    text: isLeave ? request.reason : request.reflection,
    at: (isLeave ? request.requestedAt : request.submittedAt).toISOString(),
    reviewNote: request.reviewNote,
  }
}

const attendanceOfMember = (context: CloudContext, activityId: string, memberId: string) =>
  findOne<Attendance>(collectionOf(context.db, 'attendance').where({ _id: attendanceIdOf(activityId, memberId) }))
const leaveOfMember = (context: CloudContext, activityId: string, memberId: string) =>
  findOne<LeaveRequest>(collectionOf(context.db, 'leaveRequests').where({ _id: attendanceIdOf(activityId, memberId) }))
const makeupOfMember = (context: CloudContext, activityId: string, memberId: string) =>
  findOne<Makeup>(collectionOf(context.db, 'makeups').where({ _id: attendanceIdOf(activityId, memberId) }))

function canFileMakeup(activity: Activity, record: Attendance | null, makeup: Makeup | null): boolean {
  return (
    activity.status === 'closed' &&
    record !== null &&
    (record.state === 'absent' || record.state === 'leave') &&
    record.makeupConfirmedAt === null &&
    (makeup === null || makeup.status === 'rejected')
  )
}

async function activitiesByIds(context: CloudContext, ids: string[]): Promise<Map<string, Activity>> {
  const unique = [...new Set(ids)]
  const found: Activity[] = []
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100)
    found.push(...(await findAll<Activity>(collectionOf(context.db, 'activities').where({ _id: context.db.command.in(chunk) }))))
  }
  return new Map(found.map((activity) => [activity._id, activity]))
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

export const activities = defineCloudFunction(activitiesContract, {
  formOptions: action(onBranch((input) => input.branchId, RULES.managesBranch), noSummaryEffect, async (_input, { branch }, context) => {
    const orgs = collectionOf(context.db, 'orgs')
    const groups = await findAll<Org>(orgs.where({ parentId: branch._id, kind: 'group' }).orderBy('sortOrder', 'asc'))
    const siblings = branch.parentId
      ? await findAll<Org>(orgs.where({ parentId: branch.parentId, kind: 'branch' }).orderBy('sortOrder', 'asc'))
      : []
    const members = await findAll<Member>(
      collectionOf(context.db, 'members').where({ branchId: branch._id, active: true }).orderBy('_id', 'asc'),
    )
    const ruleset = await context.rulesetFor(branch, context.now())
    return {
      branchId: branch._id,
      branchName: branch.name,
      groups: groups.map((group) => ({ id: group._id, name: group.name })),
      branches: siblings.filter((org) => org._id !== branch._id).map((org) => ({ id: org._id, name: org.name })),
      members: members.map((member) => ({ id: member._id, name: member.name })),
      rules: {
        timeZone: ruleset.timeZone,
        activityTypes: Object.entries(ruleset.activityTypes).map(([id, type]) => ({ id, label: type.label })),
        studyHours: ruleset.studyHours,
        checkin: ruleset.checkin,
      },
    }
  }),

  post: action(onBranch((input) => input.branchId, RULES.managesBranch), activityEffect(({ output }) => (output ? { activityId: output.id } : null)), async (input, { caller, branch }, context) => {
    const startAt = new Date(input.startAt)
    const endAt = new Date(input.endAt)
    const ruleset = await context.rulesetFor(branch, startAt)
    const speakerMemberId = input.speakerMemberId ?? null
    const speaker = await checkReferences(context, branch._id, { types: input.types, audience: input.audience, speakerMemberId }, ruleset)
    const stored = await audienceToStore(context, caller, branch._id, input.audience, null)
    refuseStart(startAt, context.now(), ruleset)
    const window = defaultCheckinWindow({ startAt, endAt }, ruleset)
    const activity: Activity = {
      _id: newActivityId(),
      branchId: branch._id,
      types: input.types,
      topic: input.topic,
      startAt,
      endAt,
      place: input.place,
      speakerMemberId,
      speakerName: speaker?.name ?? input.speakerName ?? null,
      audience: stored.audience,
      ...(stored.jointInvitations ? { jointInvitations: stored.jointInvitations, invitedBranchIds: stored.invitedBranchIds } : {}),
      participantBranchIds: participatingBranchIds({ branchId: branch._id, audience: stored.audience }),
      creditHours: input.creditHours ?? defaultCreditHours({ startAt, endAt }, ruleset),
      lateGraceMinutes: ruleset.attendance.lateGraceMinutes,
      checkinOpensAt: input.checkinOpensAt ? new Date(input.checkinOpensAt) : window.opensAt,
      checkinClosesAt: input.checkinClosesAt ? new Date(input.checkinClosesAt) : window.closesAt,
      geofence: input.geofence ?? null,
      status: 'scheduled',
      closedAt: null,
      cancelReason: null,
      createdBy: caller._id,
      createdAt: context.now(),
    }
    checkSpan(activity)
    await collectionOf(context.db, 'activities').add(activity)
    await writeLog(context, { activityId: activity._id, branchId: branch._id, action: 'post', actor: caller })
    return activityView(context, activity)
  }),

  edit: action(
    onActivity(byActivity, RULES.managesBranch),
    activityEffect(({ access }) => ({ activityId: access.activity._id, before: access.activity })),
    async (input: EditActivityInput, { caller, activity, branch }, context) => {
    const now = context.now()
    const problem = editProblem(activity, now)
    if (problem) throw new AppError('CONFLICT', problem)
    const startAt = input.startAt ? new Date(input.startAt) : activity.startAt
    const moved = !sameTime(startAt, activity.startAt)
    const rulesOverTime = await context.rulesOverTime(branch)
    const oldRules = rulesOverTime.at(activity.startAt)
    const ruleset = rulesOverTime.at(startAt)
    if (moved) refuseStart(startAt, now, ruleset)
    const endAt = input.endAt ? new Date(input.endAt) : activity.endAt
    // Values the secretary left at their defaults follow the new times.
    const oldDefaultCredit = defaultCreditHours(activity, oldRules)
    const oldWindow = defaultCheckinWindow(activity, oldRules)
    const newWindow = defaultCheckinWindow({ startAt, endAt }, ruleset)
    const speakerMemberId = input.speakerMemberId === undefined ? activity.speakerMemberId : input.speakerMemberId
    const audienceAsked = input.audience ?? requestedAudience(activity)
    const stored = input.audience ? await audienceToStore(context, caller, activity.branchId, input.audience, activity) : activity
    const types = input.types ?? activity.types
    const speaker = await checkReferences(context, activity.branchId, { types, audience: audienceAsked, speakerMemberId }, ruleset)
    const next: Activity = {
      ...activity,
      types,
      topic: input.topic ?? activity.topic,
      startAt,
      endAt,
      place: input.place ?? activity.place,
      speakerMemberId,
      speakerName: speaker?.name ?? (input.speakerName === undefined ? activity.speakerName : input.speakerName),
      audience: stored.audience,
      jointInvitations: stored.jointInvitations,
      invitedBranchIds: stored.invitedBranchIds,
      participantBranchIds: participatingBranchIds({ branchId: activity.branchId, audience: stored.audience }),
      creditHours:
        input.creditHours ??
        (activity.creditHours === oldDefaultCredit ? defaultCreditHours({ startAt, endAt }, ruleset) : activity.creditHours),
      lateGraceMinutes: moved || activity.lateGraceMinutes === undefined ? ruleset.attendance.lateGraceMinutes : activity.lateGraceMinutes,
      checkinOpensAt: input.checkinOpensAt
        ? new Date(input.checkinOpensAt)
        : sameTime(activity.checkinOpensAt, oldWindow.opensAt)
          ? newWindow.opensAt
          : activity.checkinOpensAt,
      checkinClosesAt: input.checkinClosesAt
        ? new Date(input.checkinClosesAt)
        : sameTime(activity.checkinClosesAt, oldWindow.closesAt)
          ? newWindow.closesAt
          : activity.checkinClosesAt,
      geofence: input.geofence === undefined ? activity.geofence : input.geofence,
    }
    if (input.speakerMemberId === null && input.speakerName === undefined) next.speakerName = null
    checkSpan(next)
    const orgs = await loadOrgs(context, [...orgIdsToName(activity), ...orgIdsToName(next)])
    const changes = changesBetween(activity, next, orgs, { before: oldRules, after: ruleset })
    if (changes.length === 0) return toActivityView(activity, orgs, 'manager', oldRules)
    const _ = context.db.command
    const { updated } = await collectionOf(context.db, 'activities')
      .where({ _id: activity._id, status: 'scheduled' })
      .update({
        types: _.set(next.types),
        topic: next.topic,
        startAt: next.startAt,
        endAt: next.endAt,
        place: next.place,
        speakerMemberId: next.speakerMemberId,
        speakerName: next.speakerName,
        audience: _.set(next.audience),
        jointInvitations: next.jointInvitations ? _.set(next.jointInvitations) : _.remove(),
        invitedBranchIds: next.invitedBranchIds ? _.set(next.invitedBranchIds) : _.remove(),
        participantBranchIds: _.set(next.participantBranchIds),
        creditHours: next.creditHours,
        lateGraceMinutes: next.lateGraceMinutes,
        checkinOpensAt: next.checkinOpensAt,
        checkinClosesAt: next.checkinClosesAt,
        geofence: next.geofence === null ? null : _.set(next.geofence as Geofence),
      })
    if (updated !== 1) throw new AppError('CONFLICT', '活动状态已变化，请刷新后重试')
    await writeLog(context, { activityId: activity._id, branchId: activity.branchId, action: 'edit', actor: caller, changes })
    return toActivityView(next, orgs, 'manager', ruleset)
    },
  ),

  cancel: action(onActivity(byActivity, RULES.managesBranch), activityEffect(({ access }) => ({ activityId: access.activity._id })), async ({ reason }, { caller, activity }, context) => {
    const refuse = (signedIn: number) => {
      const problem = cancelProblem(activity, signedIn)
      if (problem) throw new AppError('CONFLICT', problem)
    }
    refuse(await signedInCount(context, activity._id))
    const activities = collectionOf(context.db, 'activities')
    const { updated } = await activities.where({ _id: activity._id, status: 'scheduled' }).update({ status: 'cancelled', cancelReason: reason })
    if (updated !== 1) throw new AppError('CONFLICT', '活动状态已变化，请刷新后重试')
    // A scan that read the activity before it was cancelled may have landed meanwhile: then it was held after all.
    const signedInMeanwhile = await signedInCount(context, activity._id)
    if (signedInMeanwhile > 0) {
      await activities.where({ _id: activity._id, status: 'cancelled' }).update({ status: 'scheduled', cancelReason: null })
      refuse(signedInMeanwhile)
    }
    await writeLog(context, {
      activityId: activity._id,
      branchId: activity.branchId,
      action: 'cancel',
      actor: caller,
      changes: [{ field: '状态', before: '未开始', after: '已取消' }],
      note: reason,
    })
    return activityView(context, { ...activity, status: 'cancelled', cancelReason: reason })
  }),

  list: action(onBranch((input, caller) => input.branchId ?? caller.branchId, RULES.viewsBranch), noSummaryEffect, async ({ when, offset, limit }, { caller, branch }, context) => {
    const _ = context.db.command
    const now = context.now()
    const query =
      when === 'upcoming'
        ? collectionOf(context.db, 'activities')
            .where({ participantBranchIds: branch._id, status: 'scheduled', checkinClosesAt: _.gte(now) })
            .orderBy('startAt', 'asc')
        : collectionOf(context.db, 'activities')
            .where({ participantBranchIds: branch._id, startAt: _.lte(now) })
            .orderBy('startAt', 'desc')
    const { data } = await query.skip(offset).limit(limit).get()
    const found = data as Activity[]
    const canManage = canManageBranch(caller, branch)
    const visible = found.filter((activity) => canManage || isInAudience(caller, activity))
    const mine = visible.length
      ? await findAll<Attendance>(
          collectionOf(context.db, 'attendance').where({
            _id: _.in(visible.map((activity) => attendanceIdOf(activity._id, caller._id))),
          }),
        )
      : []
    const stateOf = new Map(mine.map((record) => [record.activityId, record.state]))
    const orgs = await loadOrgs(context, visible.flatMap(orgIdsToName))
    const rulesOf = activityRules(context, orgs)
    return {
      canManage,
      hasMore: found.length === limit,
      activities: await Promise.all(
        visible.map(async (activity) => ({
          ...toActivityView(activity, orgs, canManage ? 'manager' : 'member', await rulesOf(activity)),
          inAudience: isInAudience(caller, activity),
          myState: stateOf.get(activity._id) ?? null,
        })),
      ),
    }
  }),

  detail: action(onActivity(byActivity, RULES.viewsActivity), noSummaryEffect, async (_input, { caller, activity, branch: host }, context) => {
    const orgs = await loadOrgs(context, orgIdsToName(activity))
    const inAudience = isInAudience(caller, activity)
    const canManage = canManageBranch(caller, host)
    const [record, leave, makeup] = await Promise.all([
      attendanceOfMember(context, activity._id, caller._id),
      leaveOfMember(context, activity._id, caller._id),
      makeupOfMember(context, activity._id, caller._id),
    ])
    const now = context.now()
    const log = canManage
      ? await findAll<ActivityLog>(collectionOf(context.db, 'activityLogs').where({ activityId: activity._id }).orderBy('at', 'desc'))
      : []
    return {
      activity: toActivityView(activity, orgs, canManage ? 'manager' : 'member', await context.rulesetFor(host, activity.startAt)),
      canManage,
      inAudience,
      editable: canManage && activity.status === 'scheduled' && now < activity.startAt,
      myAttendance: record
        ? { state: record.state, signedInAt: iso(record.signedInAt), makeupConfirmed: record.makeupConfirmedAt !== null }
        : null,
      myLeave: requestView(leave),
      myMakeup: requestView(makeup),
      canRequestLeave:
        inAudience &&
        activity.status === 'scheduled' &&
        now < activity.startAt &&
        !record &&
        (!leave || leave.status === 'rejected' || leave.status === 'withdrawn'),
      canWithdrawLeave: leaveWithdrawalProblem(activity, leave, now) === null,
      canFileMakeup: canFileMakeup(activity, record, makeup),
      log: log.map((entry) => ({
        at: entry.at.toISOString(),
        actorName: entry.actorName,
        action: entry.action,
        changes: entry.changes,
        note: entry.note,
      })),
    }
  }),

  requestLeave: action(onActivity(byActivity, RULES.inAudience), noSummaryEffect, async ({ reason }, { caller, activity }, context) => {
    if (activity.status !== 'scheduled') throw new AppError('CONFLICT', '活动已结束或已取消，无需请假')
    if (context.now() >= activity.startAt) throw new AppError('CONFLICT', '活动已开始，请假须在开始前提出')
    if (await attendanceOfMember(context, activity._id, caller._id)) throw new AppError('CONFLICT', '您已有本次活动的出勤记录')
    const existing = await leaveOfMember(context, activity._id, caller._id)
    const renewable = (request: LeaveRequest) => request.status === 'rejected' || request.status === 'withdrawn'
    if (existing && !renewable(existing)) throw new AppError('CONFLICT', '您已提交过请假申请')
    const request: LeaveRequest = {
      _id: attendanceIdOf(activity._id, caller._id),
      activityId: activity._id,
      memberId: caller._id,
      branchId: activity.branchId,
      reason,
      status: 'pending',
      requestedAt: context.now(),
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
    }
    const leaves = collectionOf(context.db, 'leaveRequests')
    if (existing) {
      const { _id, ...fields } = request
      const { updated } = await leaves.where({ _id, status: existing.status }).update(fields)
      if (updated !== 1) throw new AppError('CONFLICT', '您已提交过请假申请')
    } else {
      try {
        await leaves.add(request)
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', '您已提交过请假申请')
        throw error
      }
    }
    return { status: 'pending' as const }
  }),

  // Leave is decided only on a scheduled activity, which counts for nothing until it is closed (and closing refreshes).
  reviewLeave: action(onMemberOfActivity(), noSummaryEffect, async ({ activityId, memberId, approve, reason }, { caller, activity }, context) => {
    const leave = await leaveOfMember(context, activityId, memberId)
    if (!leave) throw new AppError('NOT_FOUND', '没有找到该请假申请')
    if (leave.status !== 'pending') throw new AppError('CONFLICT', '该请假申请已处理')
    if (activity.status !== 'scheduled') throw new AppError('CONFLICT', '活动已结束或已取消，不能再审批请假')
    const status = approve ? ('approved' as const) : ('rejected' as const)
    const member = await findOne<Member>(collectionOf(context.db, 'members').where({ _id: memberId }))
    const recordId = attendanceIdOf(activityId, memberId)
    // The decision and the attendance it implies are one change: two reviewers at once cannot leave
    // a rejected request beside a 请假 record.
    await runTransactionOrConflict(context, '该党员已签到，无需批准请假', async (transaction) => {
      const leaveDoc = transaction.collection(COLLECTIONS.leaveRequests.name).doc(leave._id)
      const current = (await leaveDoc.get()).data as LeaveRequest | null
      if (!current || current.status !== 'pending') throw new AppError('CONFLICT', '该请假申请已处理')
      if (approve) {
        const recordDoc = transaction.collection(COLLECTIONS.attendance.name).doc(recordId)
        if ((await recordDoc.get()).data) throw new AppError('CONFLICT', '该党员已签到，无需批准请假')
        const record: Omit<Attendance, '_id'> = {
          activityId,
          memberId,
          branchId: member?.branchId ?? activity.branchId,
          state: 'leave',
          signedInAt: null,
          method: 'leave',
          recordedBy: caller._id,
          makeupConfirmedAt: null,
        }
        await recordDoc.set(record)
      }
      await leaveDoc.update({ status, reviewedBy: caller._id, reviewedAt: context.now(), reviewNote: reason ?? null })
    })
    await writeLog(context, {
      activityId,
      branchId: activity.branchId,
      action: 'leave_review',
      actor: caller,
      note: `${approve ? '同意' : '未同意'}${member?.name ?? memberId}请假${reason ? `：${reason}` : ''}`,
    })
    if (member) {
      const subject = { kind: 'leave' as const, requestId: leave._id, activityId, topic: activity.topic }
      await notifyResult(context, { recipient: recipientOf(member), subject, approved: approve, note: reason ?? null, branchId: activity.branchId })
    }
    return { status }
  }),

  fileMakeup: action(onActivity(byActivity, RULES.viewsActivity), noSummaryEffect, async ({ activityId, reflection }, { caller, activity }, context) => {
    const [record, existing] = await Promise.all([
      attendanceOfMember(context, activityId, caller._id),
      makeupOfMember(context, activityId, caller._id),
    ])
    if (!record) throw new AppError('FORBIDDEN', '只有缺席或请假的党员可以提交补学')
    if (!canFileMakeup(activity, record, existing)) {
      if (activity.status !== 'closed') throw new AppError('CONFLICT', '活动结束后才能提交补学')
      if (existing && existing.status !== 'rejected') throw new AppError('CONFLICT', '您已提交过补学')
      throw new AppError('FORBIDDEN', '只有缺席或请假的党员可以提交补学')
    }
    const makeup: Makeup = {
      _id: attendanceIdOf(activityId, caller._id),
      activityId,
      memberId: caller._id,
      branchId: activity.branchId,
      reflection,
      status: 'pending',
      submittedAt: context.now(),
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
    }
    const makeups = collectionOf(context.db, 'makeups')
    if (existing) {
      const { _id, ...fields } = makeup
      const { updated } = await makeups.where({ _id, status: 'rejected' }).update(fields)
      if (updated !== 1) throw new AppError('CONFLICT', '您已提交过补学')
    } else {
      try {
        await makeups.add(makeup)
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', '您已提交过补学')
        throw error
      }
    }
    return { status: 'pending' as const }
  }),

  reviewMakeup: action(onMemberOfActivity(), activityEffect(({ input }) => ({ activityId: input.activityId })), async ({ activityId, memberId, approve, reason }, { caller, activity }, context) => {
    const makeup = await makeupOfMember(context, activityId, memberId)
    if (!makeup) throw new AppError('NOT_FOUND', '没有找到该补学记录')
    const now = context.now()
    const status = approve ? ('approved' as const) : ('rejected' as const)
    const { updated } = await collectionOf(context.db, 'makeups')
      .where({ _id: makeup._id, status: 'pending' })
      .update({ status, reviewedBy: caller._id, reviewedAt: now, reviewNote: reason ?? null })
    if (updated !== 1) throw new AppError('CONFLICT', '该补学已处理')
    if (approve) {
      await collectionOf(context.db, 'attendance').doc(attendanceIdOf(activityId, memberId)).update({ makeupConfirmedAt: now })
    }
    const member = await findOne<Member>(collectionOf(context.db, 'members').where({ _id: memberId }))
    await writeLog(context, {
      activityId,
      branchId: activity.branchId,
      action: 'makeup_review',
      actor: caller,
      note: `${approve ? '确认' : '退回'}${member?.name ?? memberId}的补学${reason ? `：${reason}` : ''}`,
    })
    if (member) {
      const subject = { kind: 'makeup' as const, requestId: makeup._id, activityId, topic: activity.topic }
      await notifyResult(context, { recipient: recipientOf(member), subject, approved: approve, note: reason ?? null, branchId: activity.branchId })
    }
    return { status }
  }),

  respondToInvitation: action(onBranch((input) => input.branchId, RULES.managesBranch), activityEffect(({ input }) => ({ activityId: input.activityId })), async ({ activityId, accept, reason }, { caller, branch }, context) => {
    const now = context.now()
    const answered = await context.db.runTransaction(async (transaction: Transaction) => {
      const activityDoc = transaction.collection(COLLECTIONS.activities.name).doc(activityId)
      const activity = (await activityDoc.get()).data as Activity | null
      const invitations = activity?.jointInvitations ?? []
      const invitation = invitations.find((item) => item.branchId === branch._id)
      if (!activity || !invitation) throw new AppError('NOT_FOUND', '本支部没有收到该联合活动的邀请')
      if (invitation.status !== 'pending') throw new AppError('CONFLICT', '本支部已答复过该邀请')
      if (activity.status !== 'scheduled' || now >= activity.startAt) throw new AppError('CONFLICT', '活动已开始、已结束或已取消，不能再答复邀请')
      const status = accept ? ('accepted' as const) : ('declined' as const)
      const fields = jointFields(
        invitations.map((item) =>
          item.branchId === branch._id ? { ...item, status, respondedBy: caller._id, respondedAt: now, reason: reason ?? null } : item,
        ),
      )
      const participantBranchIds = participatingBranchIds({ branchId: activity.branchId, audience: fields.audience })
      const _ = context.db.command
      await activityDoc.update({
        audience: _.set(fields.audience),
        jointInvitations: _.set(fields.jointInvitations),
        invitedBranchIds: _.set(fields.invitedBranchIds),
        participantBranchIds: _.set(participantBranchIds),
      })
      return { ...activity, ...fields, participantBranchIds }
    })
    await writeLog(context, {
      activityId,
      branchId: answered.branchId,
      action: 'joint_response',
      actor: caller,
      note: `${branch.name}${accept ? '接受' : '谢绝'}联合参加${reason ? `：${reason}` : ''}`,
    })
    const orgs = await loadOrgs(context, orgIdsToName(answered))
    const viewer = canManageBranch(caller, orgs.get(answered.branchId)!) ? 'manager' : 'member'
    return toActivityView(answered, orgs, viewer, await activityRules(context, orgs)(answered))
  }),

  // Withdrawing touches only a scheduled activity, which counts for nothing until it is closed.
  withdrawLeave: action(onActivity(byActivity, RULES.inAudience), noSummaryEffect, async (_input, { caller, activity }, context) => {
    const leave = await leaveOfMember(context, activity._id, caller._id)
    const problem = leaveWithdrawalProblem(activity, leave, context.now())
    if (problem) throw new AppError(leave ? 'CONFLICT' : 'NOT_FOUND', problem)
    // The request and the 请假 record it granted go together: a secretary deciding at the same moment finds it withdrawn.
    await runTransactionOrConflict(context, '请假状态已变化，请刷新后重试', async (transaction) => {
      const leaveDoc = transaction.collection(COLLECTIONS.leaveRequests.name).doc(leave!._id)
      const current = (await leaveDoc.get()).data as LeaveRequest | null
      if (!current || leaveWithdrawalProblem(activity, current, context.now())) throw new AppError('CONFLICT', '请假状态已变化，请刷新后重试')
      if (current.status === 'approved') {
        const recordDoc = transaction.collection(COLLECTIONS.attendance.name).doc(attendanceIdOf(activity._id, caller._id))
        const record = (await recordDoc.get()).data as Attendance | null
        if (record?.state === 'leave') await recordDoc.remove()
      }
      await leaveDoc.update({ status: 'withdrawn' })
    })
    return { status: 'withdrawn' as const }
  }),

  mine: action(member(), noSummaryEffect, async (_input, { caller }, context) => {
    const _ = context.db.command
    const [leaves, makeups, records] = await Promise.all([
      findAll<LeaveRequest>(collectionOf(context.db, 'leaveRequests').where({ memberId: caller._id }).orderBy('_id', 'asc')),
      findAll<Makeup>(collectionOf(context.db, 'makeups').where({ memberId: caller._id }).orderBy('_id', 'asc')),
      findAll<Attendance>(
        collectionOf(context.db, 'attendance')
          .where({ memberId: caller._id, state: _.in(['absent', 'leave']) })
          .orderBy('_id', 'asc'),
      ),
    ])
    const activityMap = await activitiesByIds(context, [...leaves, ...makeups, ...records].map((entry) => entry.activityId))
    const leaveOf = new Map(leaves.map((leave) => [leave.activityId, leave]))
    const makeupOf = new Map(makeups.map((makeup) => [makeup.activityId, makeup]))
    const recordOf = new Map(records.map((record) => [record.activityId, record]))
    const items: MyRecordItem[] = [...activityMap.values()]
      .sort((a, b) => b.startAt.getTime() - a.startAt.getTime())
      .map((activity) => {
        const record = recordOf.get(activity._id) ?? null
        const makeup = makeupOf.get(activity._id) ?? null
        return {
          activityId: activity._id,
          activityTopic: activity.topic,
          activityStartAt: activity.startAt.toISOString(),
          attendanceState: record?.state ?? null,
          leave: requestView(leaveOf.get(activity._id) ?? null),
          makeup: requestView(makeup),
          canWithdrawLeave: leaveWithdrawalProblem(activity, leaveOf.get(activity._id) ?? null, context.now()) === null,
          canFileMakeup: canFileMakeup(activity, record, makeup),
        }
      })
    return { items }
  }),

  live: action(onActivity(byActivity, RULES.managesBranch), noSummaryEffect, async (_input, { activity, branch }, context) => {
    const [members, records] = await Promise.all([membersOfActivity(context, activity), attendanceOf(context, activity._id)])
    const summary = summarizeAttendance(activity, members, records)
    const expected = members.filter((member) => isInAudience(member, activity))
    const names = new Map(members.map((member) => [member._id, member.name]))
    const recordOf = new Map(records.map((record) => [record.memberId, record]))
    const inAudience = records.filter((record) => names.has(record.memberId) && expected.some((m) => m._id === record.memberId))
    const person = (record: Attendance) => ({ memberId: record.memberId, name: names.get(record.memberId) ?? record.memberId })
    const signed = (state: 'present' | 'late') =>
      inAudience
        .filter((record) => record.state === state)
        .sort((a, b) => (a.signedInAt?.getTime() ?? 0) - (b.signedInAt?.getTime() ?? 0))
        .map((record) => ({ ...person(record), signedInAt: iso(record.signedInAt), method: record.method }))
    return {
      activity: await activityView(context, activity),
      counts: {
        expected: summary.expected,
        present: summary.present,
        late: summary.late,
        leave: summary.leave,
        absent: summary.absent,
        madeUp: summary.madeUp,
        unrecorded: summary.unrecorded,
      },
      rate: summary.rate,
      quorum: quorumOf(
        activity.types,
        summary.present + summary.late,
        summary.expected,
        (await context.rulesetFor(branch, activity.startAt)).activityTypes,
      ),
      present: signed('present'),
      late: signed('late'),
      leave: inAudience.filter((record) => record.state === 'leave').map(person),
      absent: inAudience
        .filter((record) => record.state === 'absent')
        .map((record) => ({ ...person(record), madeUp: record.makeupConfirmedAt !== null })),
      notYet: expected.filter((member) => !recordOf.has(member._id)).map((member) => ({ memberId: member._id, name: member.name })),
    }
  }),

  close: action(onActivity(byActivity, RULES.managesBranch), activityEffect(({ access }) => ({ activityId: access.activity._id })), async (_input, { caller, activity }, context) => {
    const now = context.now()
    if (activity.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消，不能结束')
    if (activity.status === 'scheduled' && now < activity.startAt) throw new AppError('CONFLICT', '活动尚未开始，不能结束')
    let closed = activity
    if (activity.status === 'scheduled') {
      // Closed first, so no sign-in lands after the absences are written.
      const activities = collectionOf(context.db, 'activities')
      const { updated } = await activities.where({ _id: activity._id, status: 'scheduled' }).update({ status: 'closed', closedAt: now })
      if (updated !== 1) throw new AppError('CONFLICT', '活动状态已变化，请刷新后重试')
      // Stamped once the status is stored: every sign-in accepted read the activity before that,
      // and records the moment it scanned, so none is later than closedAt.
      const closedAt = context.now()
      if (closedAt > now) await activities.doc(activity._id).update({ closedAt })
      closed = { ...activity, status: 'closed', closedAt }
    }
    // Idempotent: closing again fills in absences a failed first attempt left out.
    const [expected, records] = await Promise.all([expectedMembers(context, closed), attendanceOf(context, closed._id)])
    const recorded = new Set(records.map((record) => record.memberId))
    const missing = expected.filter((member) => !recorded.has(member._id))
    let absentAdded = 0
    await forEachConcurrently(missing, 20, async (member) => {
      const record: Attendance = {
        _id: attendanceIdOf(closed._id, member._id),
        activityId: closed._id,
        memberId: member._id,
        branchId: member.branchId,
        state: 'absent',
        signedInAt: null,
        method: 'close',
        recordedBy: caller._id,
        makeupConfirmedAt: null,
      }
      try {
        await collectionOf(context.db, 'attendance').add(record)
        absentAdded += 1
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error
      }
    })
    // Counted once every expected member has a record: a scan landing during the close is in it.
    const expectedIds = new Set(expected.map((member) => member._id))
    const final = await attendanceOf(context, closed._id)
    const creditedMembers = final.filter((record) => expectedIds.has(record.memberId) && isAttended(record.state)).length
    if (activity.status === 'scheduled') {
      await writeLog(context, {
        activityId: closed._id,
        branchId: closed.branchId,
        action: 'close',
        actor: caller,
        changes: [{ field: '状态', before: '进行中', after: '已结束' }],
        note: `缺席 ${absentAdded} 人，计入学时 ${creditedMembers} 人 × ${closed.creditHours} 学时`,
      })
    }
    return { activity: await activityView(context, closed), absentAdded, creditedMembers, creditHours: closed.creditHours }
  }),
})
