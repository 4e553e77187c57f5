import type { ActionInput } from '../domain/contracts'
import { callAction, registerContract } from './cloud'
import { openExportedFile } from './files'
import { membersContract } from '../domain/contracts/members'

registerContract('members', membersContract)

export const fetchMe = () => callAction('members', 'me', {})
export const listMembers = (input: ActionInput<'members', 'list'>) => callAction('members', 'list', input)
/** The empty 花名册 template with its 填写说明, opened (weapp: in WeChat's viewer, to forward to a computer). */
export async function openRosterTemplate(branchId: string): Promise<void> {
  const { url, fileName } = await callAction('members', 'importTemplate', { branchId })
  await openExportedFile({ url, fileName, fileType: 'xlsx' })
}
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
