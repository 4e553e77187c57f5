import { randomBytes } from 'node:crypto'
import { expectedAudience, participatingBranchIds } from '../../src/domain/attendance'
import type { ActivityView } from '../../src/domain/contracts/activities'
import { AppError } from '../../src/domain/errors'
import type { Activity, ActivityLog, Attendance, Member, Org } from '../../src/domain/model'
import { DEFAULT_RULESET, activityTypeLabel } from '../../src/domain/ruleset'
import type { CloudContext } from './context'
import { collectionOf, findAll, findOne } from './db'

/** Until rulesets are stored per organization, every function uses the default one. */
export const RULESET = DEFAULT_RULESET

/** 12 characters, so a check-in token fits a wxacode scene (see src/domain/checkin.ts). */
export function newActivityId(): string {
  return `a${randomBytes(8).toString('base64url')}`
}

export const attendanceIdOf = (activityId: string, memberId: string) => `${activityId}_${memberId}`

export async function loadActivity(context: CloudContext, activityId: string): Promise<Activity> {
  const activity = await findOne<Activity>(collectionOf(context.db, 'activities').where({ _id: activityId }))
  if (!activity) throw new AppError('NOT_FOUND', '该活动不存在或已被删除')
  return activity
}

export async function loadOrgs(context: CloudContext, ids: string[]): Promise<Map<string, Org>> {
  if (ids.length === 0) return new Map()
  const orgs = await findAll<Org>(collectionOf(context.db, 'orgs').where({ _id: context.db.command.in([...new Set(ids)]) }))
  return new Map(orgs.map((org) => [org._id, org]))
}

/** Active members of every branch taking part, expected or not. */
export async function membersOfActivity(context: CloudContext, activity: Activity): Promise<Member[]> {
  return findAll<Member>(
    collectionOf(context.db, 'members')
      .where({ branchId: context.db.command.in(participatingBranchIds(activity)), active: true })
      .orderBy('_id', 'asc'),
  )
}

export async function expectedMembers(context: CloudContext, activity: Activity): Promise<Member[]> {
  return expectedAudience(activity, await membersOfActivity(context, activity))
}

export async function attendanceOf(context: CloudContext, activityId: string): Promise<Attendance[]> {
  return findAll<Attendance>(collectionOf(context.db, 'attendance').where({ activityId }).orderBy('_id', 'asc'))
}

export function audienceLabel(activity: Pick<Activity, 'audience'>, orgs: ReadonlyMap<string, Org>): string {
  const { audience } = activity
  switch (audience.kind) {
    case 'branch':
      return '全体党员'
    case 'committee':
      return '支部委员会'
    case 'group':
      return orgs.get(audience.groupId)?.name ?? '党小组'
    case 'branches':
      return `联合：${audience.branchIds.map((id) => orgs.get(id)?.name ?? id).join('、')}`
  }
}

export function orgIdsToName(activity: Pick<Activity, 'branchId' | 'audience'>): string[] {
  const { audience } = activity
  return [
    activity.branchId,
    ...(audience.kind === 'group' ? [audience.groupId] : []),
    ...(audience.kind === 'branches' ? audience.branchIds : []),
  ]
}

const iso = (date: Date | null) => (date ? date.toISOString() : null)

export function toActivityView(activity: Activity, orgs: ReadonlyMap<string, Org>): ActivityView {
  return {
    id: activity._id,
    branchId: activity.branchId,
    branchName: orgs.get(activity.branchId)?.name ?? '',
    types: activity.types,
    typeLabels: activity.types.map((type) => activityTypeLabel(type, RULESET)),
    topic: activity.topic,
    startAt: activity.startAt.toISOString(),
    endAt: activity.endAt.toISOString(),
    place: activity.place,
    speakerMemberId: activity.speakerMemberId,
    speakerName: activity.speakerName,
    audience: activity.audience,
    audienceLabel: audienceLabel(activity, orgs),
    creditHours: activity.creditHours,
    checkinOpensAt: activity.checkinOpensAt.toISOString(),
    checkinClosesAt: activity.checkinClosesAt.toISOString(),
    geofence: activity.geofence,
    status: activity.status,
    closedAt: iso(activity.closedAt),
    cancelReason: activity.cancelReason,
  }
}

export async function activityView(context: CloudContext, activity: Activity): Promise<ActivityView> {
  return toActivityView(activity, await loadOrgs(context, orgIdsToName(activity)))
}

export async function writeLog(
  context: CloudContext,
  entry: Omit<ActivityLog, '_id' | 'at' | 'actorName' | 'actorId' | 'note' | 'changes'> & {
    actor: Pick<Member, '_id' | 'name'>
    changes?: ActivityLog['changes']
    note?: string | null
  },
): Promise<void> {
  const { actor, ...rest } = entry
  await collectionOf(context.db, 'activityLogs').add({
    activityId: rest.activityId,
    branchId: rest.branchId,
    action: rest.action,
    changes: rest.changes ?? [],
    note: rest.note ?? null,
    actorId: actor._id,
    actorName: actor.name,
    at: context.now(),
  })
}
