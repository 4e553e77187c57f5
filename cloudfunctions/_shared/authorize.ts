import { canManageBranch, canViewBranch, type Caller } from '../../src/domain/authorization'
import { AppError } from '../../src/domain/errors'
import type { Org } from '../../src/domain/model'
import type { CloudContext } from './context'
import { findById } from './db'

/** The 党支部 with this id, or NOT_FOUND (also for an id of another kind of org). */
export async function branchOrFail(context: CloudContext, branchId: string): Promise<Org> {
  const branch = await findById(context.db, 'orgs', branchId)
  if (!branch || branch.kind !== 'branch') throw new AppError('NOT_FOUND', '该党支部不存在')
  return branch
}

/** The branch, when the caller is its secretary/committee or an admin above it; FORBIDDEN otherwise. */
export async function requireBranchManager(context: CloudContext, caller: Caller, branchId: string): Promise<Org> {
  const branch = await branchOrFail(context, branchId)
  if (!canManageBranch(caller, branch)) throw new AppError('FORBIDDEN', '只有本支部书记、支委或上级党组织管理员可以进行此操作')
  return branch
}

/** The branch, when the caller belongs to it or administers it; FORBIDDEN otherwise. */
export async function requireBranchViewer(context: CloudContext, caller: Caller, branchId: string): Promise<Org> {
  const branch = await branchOrFail(context, branchId)
  if (!canViewBranch(caller, branch)) throw new AppError('FORBIDDEN', '您无权查看其他支部的信息')
  return branch
}
