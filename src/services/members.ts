import type { ActionInput } from '../domain/contracts'
import { callAction, registerContract } from './cloud'
import { membersContract } from '../domain/contracts/members'

registerContract('members', membersContract)

export const fetchMe = () => callAction('members', 'me', {})
export const listMembers = (input: ActionInput<'members', 'list'>) => callAction('members', 'list', input)
export const previewImport = (branchId: string, fileId: string) => callAction('members', 'importPreview', { branchId, fileId })
export const confirmImport = (branchId: string, fileId: string) => callAction('members', 'importConfirm', { branchId, fileId })
export const createInvite = (memberId: string) => callAction('members', 'createInvite', { memberId })
export const claimMembership = (input: ActionInput<'members', 'claim'>) => callAction('members', 'claim', input)
export const cancelClaim = () => callAction('members', 'cancelClaim', {})
export const decideClaim = (requestId: string, approve: boolean, reason?: string) =>
  callAction('members', 'decide', { requestId, approve, ...(reason ? { reason } : {}) })
export const unbindMember = (memberId: string) => callAction('members', 'unbind', { memberId })
export const transferMember = (memberId: string, toBranchId: string) => callAction('members', 'transfer', { memberId, toBranchId })
export const assignGroup = (memberId: string, groupId: string | null) => callAction('members', 'assignGroup', { memberId, groupId })
