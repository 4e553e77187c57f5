import { COMMITTEE_ROLES, type Member, type Org } from './model'

/**
 * Who may act where. Scopes (DOMAIN.md, ARCHITECTURE.md):
 * - member: their own records and their branch's activities;
 * - secretary and committee: their own branch;
 * - general-branch admin: every branch under that general branch;
 * - party-committee admin: everything under the committee.
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

/** Full phone numbers: the member themself, their own secretary, admins above the branch. */
export function canSeeFullPhone(caller: Caller, member: Pick<Member, '_id'>, branch: ScopedOrg): boolean {
  return caller._id === member._id || canManageRoster(caller, branch)
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
