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
