import { isInAudience, participatingBranchIds, type AudienceMember } from './attendance'
import { COMMITTEE_ROLES, type Activity, type Member, type Org } from './model'

/**
 * Who may act where. Scopes (DOMAIN.md, ARCHITECTURE.md):
 * - member: their own records and their branch's activities;
 * - secretary and committee: their own branch;
 * - general-branch admin: every branch under that general branch;
 * - party-committee admin: everything under the committee.
 * A member who administers orgs is managed (unbound, re-bound, transferred, given offices)
 * only by an admin whose scope covers theirs.
 */
export type Caller = Pick<Member, '_id' | 'branchId' | 'groupId' | 'roles' | 'adminOrgIds'>
export type ScopedOrg = Pick<Org, '_id' | 'ancestorIds'>

export function isBranchOfficer(caller: Caller): boolean {
  return caller.roles.some((role) => COMMITTEE_ROLES.includes(role))
}

/** Administers the org itself or one of its ancestors (general branch, party committee). */
export function administers(caller: Caller, org: ScopedOrg): boolean {
  return caller.adminOrgIds.some((id) => id === org._id || org.ancestorIds.includes(id))
}

/** Secretary/committee of this branch, or an admin above it. */
export function canManageBranch(caller: Caller, branch: ScopedOrg): boolean {
  return (caller.branchId === branch._id && isBranchOfficer(caller)) || administers(caller, branch)
}

/** Members see their own branch; managers see what they manage. */
export function canViewBranch(caller: Caller, branch: ScopedOrg): boolean {
  return caller.branchId === branch._id || administers(caller, branch)
}

export function isPartyCommitteeAdmin(caller: Caller, orgsById: ReadonlyMap<string, Pick<Org, 'kind'>>): boolean {
  return caller.adminOrgIds.some((id) => orgsById.get(id)?.kind === 'party_committee')
}

/** The 书记 of this branch. */
export function isSecretaryOf(caller: Caller, branchId: string): boolean {
  return caller.branchId === branchId && caller.roles.includes('secretary')
}

/**
 * Roster work (import, invite codes, approving bindings, unbinding, groups of members):
 * the branch's own 书记, or an admin above the branch.
 */
export function canManageRoster(caller: Caller, branch: ScopedOrg): boolean {
  return isSecretaryOf(caller, branch._id) || administers(caller, branch)
}

/**
 * The member's admin scope lies within the caller's: every org the member administers is
 * administered by the caller too. Always true for a member who administers nothing.
 */
export function coversAdminScope(caller: Caller, memberAdminOrgs: readonly ScopedOrg[]): boolean {
  return memberAdminOrgs.every((org) => administers(caller, org))
}

/** Full phone numbers: the member themself, their own secretary, admins above the branch. */
export function canSeeFullPhone(caller: Caller, member: Pick<Member, '_id'>, branch: ScopedOrg): boolean {
  return caller._id === member._id || canManageRoster(caller, branch)
}

/**
 * Personal data in rosters (学号/工号, 入党时间, 正式/预备, WeChat binding, flags): the member
 * themself and the branch's managers. Fellow members see names, groups and offices only.
 */
export function canSeeMemberDetails(caller: Caller, member: Pick<Member, '_id'>, branch: ScopedOrg): boolean {
  return caller._id === member._id || canManageBranch(caller, branch)
}

/**
 * The org tree: the party-committee admin manages every org (create, rename, move, delete);
 * a general-branch admin may manage the 党小组 of the branches under it.
 * The root of every org's ancestry is the 党委 (the tree has a single kind of root).
 */
export function canManageOrgStructure(caller: Caller, org: Pick<Org, '_id' | 'kind' | 'ancestorIds'>): boolean {
  if (org.kind === 'group') return administers(caller, org)
  return caller.adminOrgIds.includes(org.ancestorIds[0] ?? org._id)
}

/** 组织关系转接: an admin whose scope covers both branches (a common general branch or the committee). */
export function canTransferMember(caller: Caller, from: ScopedOrg, to: ScopedOrg): boolean {
  return administers(caller, from) && administers(caller, to)
}

/** Members of the host branch or of a branch taking part, admins above the host, and the officers of an invited branch. */
export function canViewActivity(
  caller: Caller & AudienceMember,
  activity: Pick<Activity, 'branchId' | 'audience' | 'startAt' | 'jointInvitations'>,
  host: ScopedOrg,
): boolean {
  const invited = activity.jointInvitations?.some((invitation) => invitation.branchId === caller.branchId) ?? false
  return (
    canViewBranch(caller, host) ||
    participatingBranchIds(activity).includes(caller.branchId) ||
    isInAudience(caller, activity) ||
    (invited && isBranchOfficer(caller))
  )
}

/**
 * One authorization rule over a resolved target: who passes, in Chinese (listed in
 * docs/SECURITY.md), and the refusal they get otherwise.
 */
export interface Rule<Target, Who extends Caller = Caller> {
  readonly who: string
  readonly refusal: string
  allows(caller: Who, target: Target): boolean
}

export function rule<Target, Who extends Caller = Caller>(
  who: string,
  refusal: string,
  allows: (caller: Who, target: Target) => boolean,
): Rule<Target, Who> {
  return { who, refusal, allows }
}

/** The first failing rule of `rules`, or null when all pass. */
export function firstRefusal<Target, Who extends Caller>(rules: Rule<Target, Who>[], caller: Who, target: Target): string | null {
  return rules.find((part) => !part.allows(caller, target))?.refusal ?? null
}

export interface BranchTarget {
  branch: Org
}
export interface ActivityTarget {
  activity: Activity
  /** The host branch. */
  branch: Org
}
export interface OrgTarget {
  org: Pick<Org, '_id' | 'kind' | 'ancestorIds'>
}
export interface MemberTarget {
  member: Member
  branch: Org
  /** The orgs the member administers (empty for most members). */
  adminOrgs: Org[]
}

const MANAGER_REFUSAL = '只有本支部书记、支委或上级党组织管理员可以进行此操作'
const ROSTER_REFUSAL = '只有本支部书记或上级党组织管理员可以办理'
const ADMIN_REFUSAL = '此项由上级党总支或党委管理员办理'

/** The named rules every policy is built from. */
export const RULES = {
  viewsBranch: rule<BranchTarget>('本支部党员或上级党组织管理员', '您无权查看其他支部的信息', (caller, { branch }) =>
    canViewBranch(caller, branch),
  ),
  managesBranch: rule<BranchTarget>('本支部书记、支委或上级党组织管理员', MANAGER_REFUSAL, (caller, { branch }) =>
    canManageBranch(caller, branch),
  ),
  administersBranch: rule<BranchTarget>('上级党总支或党委管理员', ADMIN_REFUSAL, (caller, { branch }) => administers(caller, branch)),
  managesRoster: rule<BranchTarget>('本支部书记或上级党组织管理员', ROSTER_REFUSAL, (caller, { branch }) =>
    canManageRoster(caller, branch),
  ),
  coversAdminScope: rule<MemberTarget>(
    '管理范围覆盖该党员所管理的党组织',
    '该党员是党总支或党委管理员，须由管理范围覆盖其管理范围的上级管理员办理',
    (caller, { adminOrgs }) => coversAdminScope(caller, adminOrgs),
  ),
  notSelf: rule<{ member: Pick<Member, '_id'> }>('不是本人', '不能审批或代办本人的事项，请由支部其他支委或上级党组织办理', (caller, { member }) =>
    caller._id !== member._id,
  ),
  managesStructure: rule<OrgTarget>(
    '党委管理员（党小组也可由上级党总支管理员调整）',
    '只有党委管理员可以调整组织架构；党小组也可由上级党总支管理员调整',
    (caller, { org }) => canManageOrgStructure(caller, org),
  ),
  viewsActivity: rule<ActivityTarget, Caller & AudienceMember>(
    '主办支部或参加支部的党员、参加对象、上级党组织管理员',
    '您无权查看其他支部的活动',
    (caller, { activity, branch }) => canViewActivity(caller, activity, branch),
  ),
  inAudience: rule<{ activity: Pick<Activity, 'branchId' | 'audience' | 'startAt'> }, Caller & AudienceMember>('本次活动的参加对象', '您不在本次活动的参加范围内', (caller, { activity }) =>
    isInAudience(caller, activity),
  ),
}
