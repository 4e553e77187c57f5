import type { HandledItem, InboxItem } from '../../src/domain/contracts/inbox'
import { INVITATION_STATUS_LABELS, type Activity, type LeaveRequest, type Makeup, type Org } from '../../src/domain/model'
import { loadOrgs } from '../_shared/activities'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll, findByIds, memberNames } from '../_shared/db'

/**
 * What a branch's managers decide about activities, for the inbox: members' leave requests and
 * 补学, and joint activities other branches invite the branch to.
 */

type Request = { kind: 'leave'; entry: LeaveRequest } | { kind: 'makeup'; entry: Makeup }

const textOf = (request: Request) => (request.kind === 'leave' ? request.entry.reason : request.entry.reflection)
const askedAt = (request: Request) => (request.kind === 'leave' ? request.entry.requestedAt : request.entry.submittedAt)

async function requestsOf(context: CloudContext, branch: Org, status: 'pending' | 'decided', limit?: number): Promise<Request[]> {
  const _ = context.db.command
  const read = async <T>(key: 'leaveRequests' | 'makeups') => {
    const query = collectionOf(context.db, key).where({ branchId: branch._id, status: status === 'pending' ? 'pending' : _.in(['approved', 'rejected']) })
    return status === 'pending'
      ? findAll<T>(query.orderBy('_id', 'asc'))
      : ((await query.orderBy('reviewedAt', 'desc').limit(limit ?? 0).get()).data as T[])
  }
  const [leaves, makeups] = await Promise.all([read<LeaveRequest>('leaveRequests'), read<Makeup>('makeups')])
  return [...leaves.map((entry) => ({ kind: 'leave' as const, entry })), ...makeups.map((entry) => ({ kind: 'makeup' as const, entry }))]
}

/** Leave requests and 补学 waiting for the branch's managers, oldest first. */
export async function pendingRequests(context: CloudContext, branch: Org): Promise<InboxItem[]> {
  const requests = await requestsOf(context, branch, 'pending')
  const activities = new Map((await findByIds<Activity>(context.db, 'activities', requests.map(({ entry }) => entry.activityId))).map((a) => [a._id, a]))
  const nameOf = await memberNames(context.db, requests.map(({ entry }) => entry.memberId))
  return requests
    .flatMap((request): InboxItem[] => {
      const activity = activities.get(request.entry.activityId)
      if (!activity) return []
      return [
        {
          kind: request.kind,
          key: `${request.kind}-${request.entry._id}`,
          activityId: activity._id,
          memberId: request.entry.memberId,
          activityStartAt: activity.startAt.toISOString(),
          from: nameOf(request.entry.memberId),
          subject: activity.topic,
          text: textOf(request),
          at: askedAt(request).toISOString(),
          branchName: branch.name,
        },
      ]
    })
    .sort((a, b) => a.at.localeCompare(b.at))
}

/** Joint activities the branch is invited to and has not answered, soonest first (an invitation closes at the start). */
export async function openInvitations(context: CloudContext, branch: Org): Promise<InboxItem[]> {
  const invited = await findAll<Activity>(
    collectionOf(context.db, 'activities')
      .where({ invitedBranchIds: branch._id, status: 'scheduled', startAt: context.db.command.gt(context.now()) })
      .orderBy('startAt', 'asc'),
  )
  const hosts = await loadOrgs(context, invited.map((activity) => activity.branchId))
  return invited.map((activity) => ({
    kind: 'invitation' as const,
    key: `invitation-${activity._id}-${branch._id}`,
    activityId: activity._id,
    branchId: branch._id,
    activityStartAt: activity.startAt.toISOString(),
    place: activity.place,
    from: hosts.get(activity.branchId)?.name ?? '',
    subject: activity.topic,
    text: '邀请本支部联合参加；接受后本支部全体党员都是参加对象，未到会的记为缺席。',
    at: activity.createdAt.toISOString(),
    branchName: branch.name,
  }))
}

/** The branch's decided leave requests and 补学, and its answers to invitations: the newest `limit` of each. */
export async function decidedRequests(context: CloudContext, branch: Org, limit: number): Promise<HandledItem[]> {
  const requests = await requestsOf(context, branch, 'decided', limit)
  const answered = (
    await findAll<Activity>(
      collectionOf(context.db, 'activities').where({ 'jointInvitations.branchId': branch._id }).orderBy('startAt', 'desc'),
    )
  ).flatMap((activity) => {
    const invitation = activity.jointInvitations?.find((item) => item.branchId === branch._id)
    return invitation && invitation.status !== 'pending' && invitation.respondedAt ? [{ activity, invitation }] : []
  })
  const activities = new Map(
    (await findByIds<Activity>(context.db, 'activities', requests.map(({ entry }) => entry.activityId))).map((activity) => [activity._id, activity]),
  )
  const hosts = await loadOrgs(context, answered.map(({ activity }) => activity.branchId))
  const nameOf = await memberNames(context.db, [
    ...requests.flatMap(({ entry }) => [entry.memberId, entry.reviewedBy ?? '']),
    ...answered.map(({ invitation }) => invitation.respondedBy ?? ''),
  ])
  const decided: HandledItem[] = requests.flatMap((request) => {
    const { entry } = request
    const approved = entry.status === 'approved'
    return [
      {
        kind: request.kind,
        key: `${request.kind}-${entry._id}`,
        from: nameOf(entry.memberId),
        subject: activities.get(entry.activityId)?.topic ?? '',
        branchName: branch.name,
        approved,
        decisionLabel: request.kind === 'leave' ? (approved ? '同意' : '不同意') : approved ? '确认补学' : '退回',
        reason: entry.reviewNote,
        decidedAt: (entry.reviewedAt ?? askedAt(request)).toISOString(),
        decidedByName: entry.reviewedBy ? nameOf(entry.reviewedBy) : '',
      },
    ]
  })
  const invitations: HandledItem[] = answered
    .sort((a, b) => b.invitation.respondedAt!.getTime() - a.invitation.respondedAt!.getTime())
    .slice(0, limit)
    .map(({ activity, invitation }) => ({
      kind: 'invitation',
      key: `invitation-${activity._id}-${branch._id}`,
      from: hosts.get(activity.branchId)?.name ?? '',
      subject: activity.topic,
      branchName: branch.name,
      approved: invitation.status === 'accepted',
      decisionLabel: INVITATION_STATUS_LABELS[invitation.status],
      reason: invitation.reason ?? null,
      decidedAt: invitation.respondedAt!.toISOString(),
      decidedByName: invitation.respondedBy ? nameOf(invitation.respondedBy) : '',
    }))
  return [...decided, ...invitations]
}
