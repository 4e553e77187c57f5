import type { ActionInput } from '../domain/contracts'
import { callAction, registerContract } from './cloud'
import { orgContract } from '../domain/contracts/org'

registerContract('org', orgContract)

export const fetchOrgTree = () => callAction('org', 'tree', {})
export const createOrg = (input: ActionInput<'org', 'createOrg'>) => callAction('org', 'createOrg', input)
export const renameOrg = (orgId: string, name: string) => callAction('org', 'renameOrg', { orgId, name })
export const moveOrg = (orgId: string, parentId: string) => callAction('org', 'moveOrg', { orgId, parentId })
export const deleteOrg = (orgId: string) => callAction('org', 'deleteOrg', { orgId })
export const setMemberRoles = (input: ActionInput<'org', 'setMemberRoles'>) => callAction('org', 'setMemberRoles', input)
export const setMemberFlags = (input: ActionInput<'org', 'setMemberFlags'>) => callAction('org', 'setMemberFlags', input)
export const setCommitteeTerm = (branchId: string, termStart: string | null) =>
  callAction('org', 'setCommitteeTerm', { branchId, termStart })
