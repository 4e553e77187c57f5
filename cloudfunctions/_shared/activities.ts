import { randomBytes } from 'node:crypto'
import { expectedAudience, participatingBranchIds } from '../../src/domain/attendance'
import type { ActivityView } from '../../src/domain/contracts/activities'
import { AppError } from '../../src/domain/errors'
import { INVITATION_STATUS_LABELS, type Activity, type ActivityLog, type Attendance, type Audience, type Member, type Org } from '../../src/domain/model'
import { activityTypeLabel, type Ruleset } from '../../src/domain/ruleset'
import type { CloudContext } from './context'
import { collectionOf, findAll, findOne } from './db'

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

/** The branches a joint activity asked for, whatever they answered (older activities: the audience's). */
export function invitedBranchIds(activity: Pick<Activity, 'audience' | 'jointInvitations'>): string[] {
  if (activity.audience.kind !== 'branches') return []
  return activity.jointInvitations?.map((invitation) => invitation.branchId) ?? activity.audience.branchIds
}

/** The audience as the secretary asked for it: a joint activity with every branch it invited. */
export function requestedAudience(activity: Pick<Activity, 'audience' | 'jointInvitations'>): Audience {
  return activity.audience.kind === 'branches' ? { kind: 'branches', branchIds: invitedBranchIds(activity) } : activity.audience
}

export function audienceLabel(activity: Pick<Activity, 'audience' | 'jointInvitations'>, orgs: ReadonlyMap<string, Org>): string {
  const { audience } = activity
  switch (audience.kind) {
    case 'branch':
      return '全体党员'
    case 'committee':
      return '支部委员会'
    case 'group':
      return orgs.get(audience.groupId)?.name ?? '党小组'
    case 'branches': {
      const nameOf = (id: string) => orgs.get(id)?.name ?? id
      const waiting = (activity.jointInvitations ?? []).filter((invitation) => invitation.status === 'pending')
      const joined = audience.branchIds.map(nameOf).join('、')
      return `联合：${joined || '仅本支部'}${waiting.length > 0 ? `（待确认：${waiting.map((invitation) => nameOf(invitation.branchId)).join('、')}）` : ''}`
    }
  }
}

export function orgIdsToName(activity: Pick<Activity, 'branchId' | 'audience' | 'jointInvitations'>): string[] {
  const { audience } = activity
  return [activity.branchId, ...(audience.kind === 'group' ? [audience.groupId] : []), ...invitedBranchIds(activity)]
}

const iso = (date: Date | null) => (date ? date.toISOString() : null)

/**
 * An activity as the caller may see it. The geofence centre goes to managers only: a member who
 * knew it could send it as their position and sign in from anywhere (members see the radius).
 */
export function toActivityView(
  activity: Activity,
  orgs: ReadonlyMap<string, Org>,
  viewer: 'manager' | 'member',
  ruleset: Pick<Ruleset, 'activityTypes'>,
): ActivityView {
  return {
    id: activity._id,
    branchId: activity.branchId,
    branchName: orgs.get(activity.branchId)?.name ?? '',
    types: activity.types,
    typeLabels: activity.types.map((type) => activityTypeLabel(type, ruleset)),
    topic: activity.topic,
    startAt: activity.startAt.toISOString(),
    endAt: activity.endAt.toISOString(),
    place: activity.place,
    speakerMemberId: activity.speakerMemberId,
    speakerName: activity.speakerName,
    audience: requestedAudience(activity),
    audienceLabel: audienceLabel(activity, orgs),
    invitations: (activity.jointInvitations ?? []).map((invitation) => ({
      branchId: invitation.branchId,
      branchName: orgs.get(invitation.branchId)?.name ?? '',
      status: invitation.status,
      statusLabel: INVITATION_STATUS_LABELS[invitation.status],
    })),
    creditHours: activity.creditHours,
    checkinOpensAt: activity.checkinOpensAt.toISOString(),
    checkinClosesAt: activity.checkinClosesAt.toISOString(),
    geofence: viewer === 'manager' ? activity.geofence : null,
    checkinRadiusMeters: activity.geofence?.radiusMeters ?? null,
    status: activity.status,
    closedAt: iso(activity.closedAt),
    cancelReason: activity.cancelReason,
  }
}

/**
 * The rules each activity is held under (those of its host branch in force at its start), read once
 * per host branch. `orgs` must hold the host branches (`orgIdsToName` names them).
 */
export function activityRules(context: CloudContext, orgs: ReadonlyMap<string, Org>): (activity: Pick<Activity, 'branchId' | 'startAt'>) => Promise<Ruleset> {
  const byHost = new Map<string, ReturnType<CloudContext['rulesOverTime']>>()
  return async (activity) => {
    const host = orgs.get(activity.branchId)
    if (!host) throw new AppError('NOT_FOUND', '活动所属的党支部不存在')
    let rules = byHost.get(host._id)
    if (!rules) byHost.set(host._id, (rules = context.rulesOverTime(host)))
    return (await rules).at(activity.startAt)
  }
}

/** The view a manager of the activity gets. */
export async function activityView(context: CloudContext, activity: Activity): Promise<ActivityView> {
  const orgs = await loadOrgs(context, orgIdsToName(activity))
  return toActivityView(activity, orgs, 'manager', await activityRules(context, orgs)(activity))
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
