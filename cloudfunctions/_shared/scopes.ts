import { administers, rule, type ActivityTarget, type BranchTarget, type MemberTarget, type Rule } from '../../src/domain/authorization'
import { AppError } from '../../src/domain/errors'
import type { Activity, Member, Org } from '../../src/domain/model'
import type { CloudContext } from './context'
import { collectionOf, findAll, findById, findOne } from './db'
import { scoped, type Policy } from './policy'

/** The 党支部 with this id, or NOT_FOUND (also for an id of another kind of org). */
export async function branchOrFail(context: CloudContext, branchId: string): Promise<Org> {
  const branch = await findById(context.db, 'orgs', branchId)
  if (!branch || branch.kind !== 'branch') throw new AppError('NOT_FOUND', '该党支部不存在')
  return branch
}

export async function orgOrFail(context: CloudContext, orgId: string): Promise<Org> {
  const org = await findById(context.db, 'orgs', orgId)
  if (!org) throw new AppError('NOT_FOUND', '该组织不存在或已被删除')
  return org
}

export async function activityOrFail(context: CloudContext, activityId: string): Promise<Activity> {
  const activity = await findOne<Activity>(collectionOf(context.db, 'activities').where({ _id: activityId }))
  if (!activity) throw new AppError('NOT_FOUND', '该活动不存在或已被删除')
  return activity
}

/** An active roster member with their branch and the orgs they administer. */
export async function memberTargetOf(context: CloudContext, memberId: string): Promise<MemberTarget> {
  const member = await findById(context.db, 'members', memberId)
  if (!member || !member.active) throw new AppError('NOT_FOUND', '该党员不存在')
  return memberTarget(context, member)
}

export async function memberTarget(context: CloudContext, member: Member): Promise<MemberTarget> {
  const branch = await branchOrFail(context, member.branchId)
  const adminOrgs =
    member.adminOrgIds.length === 0
      ? []
      : await findAll<Org>(collectionOf(context.db, 'orgs').where({ _id: context.db.command.in(member.adminOrgIds) }))
  return { member, branch, adminOrgs }
}

export async function activityTargetOf(context: CloudContext, activityId: string): Promise<ActivityTarget> {
  const activity = await activityOrFail(context, activityId)
  const branch = await findById(context.db, 'orgs', activity.branchId)
  if (!branch) throw new AppError('NOT_FOUND', '活动所属的党支部不存在')
  return { activity, branch }
}

/** The branch named by the input (or chosen from the caller, e.g. their own branch). */
export function onBranch<Input>(
  select: (input: Input, caller: Member) => string,
  ...rules: Rule<BranchTarget, Member>[]
): Policy<Input, { caller: Member } & BranchTarget> {
  return scoped({
    target: '请求中的党支部',
    resolve: async (input, caller, context) => ({ branch: await branchOrFail(context, select(input, caller)) }),
    rules,
  })
}

/** The activity named by the input, with its host branch. */
export function onActivity<Input>(
  select: (input: Input) => string,
  ...rules: Rule<ActivityTarget, Member>[]
): Policy<Input, { caller: Member } & ActivityTarget> {
  return scoped({
    target: '请求中的活动及其主办支部',
    resolve: async (input, _caller, context) => activityTargetOf(context, select(input)),
    rules,
  })
}

/** The roster member named by the input, with their branch and admin scope. */
export function onMember<Input>(
  select: (input: Input) => string,
  ...rules: Rule<MemberTarget, Member>[]
): Policy<Input, { caller: Member } & MemberTarget> {
  return scoped({
    target: '请求中的党员及其所在支部、其管理的党组织',
    resolve: async (input, _caller, context) => memberTargetOf(context, select(input)),
    rules,
  })
}

/**
 * The general branch or party committee named by the input (by default the first the caller
 * administers), for what an admin does over the branches under it (`purpose`: '查看各支部达标情况').
 */
export function onAdministeredOrg<Input extends { orgId?: string }>(purpose: string) {
  return scoped({
    target: '请求中的党总支或党委（未指定时为本人管理的第一个党组织）',
    async resolve(input: Input, caller, context) {
      const orgId = input.orgId ?? caller.adminOrgIds[0]
      if (!orgId) throw new AppError('FORBIDDEN', `只有党总支或党委管理员可以${purpose}`)
      return { org: await orgOrFail(context, orgId) }
    },
    rules: [rule<{ org: Org }>('该党组织的管理员', '您无权查看该党组织下的支部', (caller, { org }) => administers(caller, org))],
  })
}
