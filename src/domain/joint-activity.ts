import type { Activity, Audience, JointInvitation } from './model'

/**
 * Joint activities (联合党课 …): the host branch invites other branches; a guest branch takes
 * part, and its members are expected, only once one of its own managers accepts. So a secretary
 * cannot list, sign in or mark absent the members of a branch that did not agree.
 */

/** Guest branches one activity may invite. */
export const JOINT_BRANCHES_MAX = 10

/**
 * The invitations after the poster asked for `requested` guest branches: earlier answers stay,
 * a branch the poster manages themself is accepted at once, every other new one waits.
 */
export function planInvitations(
  requested: readonly string[],
  previous: readonly JointInvitation[],
  posterManages: (branchId: string) => boolean,
  poster: { memberId: string; at: Date },
): JointInvitation[] {
  return [...new Set(requested)].map(
    (branchId) =>
      previous.find((invitation) => invitation.branchId === branchId) ??
      (posterManages(branchId)
        ? { branchId, status: 'accepted', respondedBy: poster.memberId, respondedAt: poster.at }
        : { branchId, status: 'pending', respondedBy: null, respondedAt: null }),
  )
}

export function acceptedBranchIds(invitations: readonly JointInvitation[]): string[] {
  return invitations.filter((invitation) => invitation.status === 'accepted').map((invitation) => invitation.branchId)
}

export function waitingBranchIds(invitations: readonly JointInvitation[]): string[] {
  return invitations.filter((invitation) => invitation.status === 'pending').map((invitation) => invitation.branchId)
}

/** The stored audience of a joint activity: the guests that accepted. */
export function jointAudience(invitations: readonly JointInvitation[]): Extract<Audience, { kind: 'branches' }> {
  return { kind: 'branches', branchIds: acceptedBranchIds(invitations) }
}

/**
 * The fields a joint activity stores for its invitations: who takes part (the audience), every
 * answer, and the branches still to answer.
 */
export function jointFields(invitations: readonly JointInvitation[]): Pick<Activity, 'audience' | 'jointInvitations' | 'invitedBranchIds'> {
  return { audience: jointAudience(invitations), jointInvitations: [...invitations], invitedBranchIds: waitingBranchIds(invitations) }
}
