import { administers, canManageOrgStructure, type Caller } from '../../src/domain/authorization'
import type { OrgNode } from '../../src/domain/contracts/org'
import { orgContract } from '../../src/domain/contracts/org'
import { AppError } from '../../src/domain/errors'
import { ORG_KIND_LABELS, type BranchRole, type Member, type Org, type OrgKind } from '../../src/domain/model'
import { localDateToInstant, parseLocalDate } from '../../src/domain/roster-import'
import { DEFAULT_RULESET } from '../../src/domain/ruleset'
import { writeAudit } from '../_shared/audit'
import { requireMember } from '../_shared/caller'
import type { CloudContext } from '../_shared/context'
import { defineCloudFunction } from '../_shared/define-function'
import { collectionOf, findAll, findById, findOne } from '../_shared/db'

const CHILD_KIND: Record<OrgKind, OrgKind | null> = {
  party_committee: 'general_branch',
  general_branch: 'branch',
  branch: 'group',
  group: null,
}
const TIME_ZONE = DEFAULT_RULESET.timeZone

function toNode(org: Org, caller: Caller): OrgNode {
  return {
    id: org._id,
    name: org.name,
    kind: org.kind,
    parentId: org.parentId,
    ancestorIds: org.ancestorIds,
    category: org.category ?? null,
    isCombined: org.isCombined ?? false,
    committeeTermStart: org.committeeTermStart ? org.committeeTermStart.toISOString() : null,
    sortOrder: org.sortOrder ?? 0,
    canManageStructure: canManageOrgStructure(caller, org),
    canManageCommittee: org.kind === 'branch' && administers(caller, org),
  }
}

async function orgOrFail(context: CloudContext, orgId: string): Promise<Org> {
  const org = await findById(context.db, 'orgs', orgId)
  if (!org) throw new AppError('NOT_FOUND', '该组织不存在或已被删除')
  return org
}

function requireStructureManager(caller: Caller, org: Pick<Org, '_id' | 'kind' | 'ancestorIds'>): void {
  if (!canManageOrgStructure(caller, org)) {
    throw new AppError(
      'FORBIDDEN',
      org.kind === 'group' ? '只有上级党总支或党委管理员可以调整党小组' : '只有党委管理员可以调整组织架构',
    )
  }
}

async function refuseSiblingName(context: CloudContext, parentId: string | null, name: string, exceptId?: string) {
  const sibling = await findOne<Org>(collectionOf(context.db, 'orgs').where({ parentId, name }))
  if (sibling && sibling._id !== exceptId) throw new AppError('CONFLICT', `同一上级组织下已有「${name}」`)
}

/** The member and their branch, when the caller administers the branch (general branch or committee). */
async function memberUnderAdmin(context: CloudContext, caller: Caller, memberId: string): Promise<{ member: Member; branch: Org }> {
  const member = await findById(context.db, 'members', memberId)
  if (!member || !member.active) throw new AppError('NOT_FOUND', '该党员不存在')
  const branch = await orgOrFail(context, member.branchId)
  if (!administers(caller, branch)) throw new AppError('FORBIDDEN', '支委职务和党员标记由上级党总支或党委管理员调整')
  return { member, branch }
}

const roleSummary = (member: Member) => ({
  id: member._id,
  name: member.name,
  branchId: member.branchId,
  roles: member.roles,
  isLeadingCadre: member.isLeadingCadre,
  isDualLeader: member.isDualLeader,
})

export const org = defineCloudFunction(orgContract, {
  async tree(_input, context) {
    const caller = await requireMember(context)
    const orgs = await findAll<Org>(collectionOf(context.db, 'orgs').where({}).orderBy('sortOrder', 'asc').orderBy('_id', 'asc'))
    return { orgs: orgs.map((item) => toNode(item, caller)) }
  },

  async createOrg(input, context) {
    const caller = await requireMember(context)
    const parent = await orgOrFail(context, input.parentId)
    const kind = CHILD_KIND[parent.kind]
    if (!kind) throw new AppError('INVALID_INPUT', '党小组下不能再设下级组织')
    const ancestorIds = [...parent.ancestorIds, parent._id]
    requireStructureManager(caller, { _id: '', kind, ancestorIds })
    if (kind === 'branch' && !input.category) throw new AppError('INVALID_INPUT', '请选择党支部类别（教工、学生或离退休）')
    if (kind !== 'branch' && (input.category || input.isCombined !== undefined)) {
      throw new AppError('INVALID_INPUT', `${ORG_KIND_LABELS[kind]}不需要填写类别`)
    }
    await refuseSiblingName(context, parent._id, input.name)
    const { total } = await collectionOf(context.db, 'orgs').where({ parentId: parent._id }).count()
    const document: Omit<Org, '_id'> = {
      kind,
      name: input.name,
      parentId: parent._id,
      ancestorIds,
      sortOrder: total,
      ...(kind === 'branch' ? { category: input.category, isCombined: input.isCombined ?? false, committeeTermStart: null } : {}),
    }
    const { id } = (await collectionOf(context.db, 'orgs').add(document)) as { id: string }
    await writeAudit(
      context.db,
      { action: 'org.create', actorMemberId: caller._id, targetOrgId: id, detail: { name: input.name, kind, parentId: parent._id } },
      context.now(),
    )
    return { org: toNode({ _id: id, ...document }, caller) }
  },

  async renameOrg(input, context) {
    const caller = await requireMember(context)
    const target = await orgOrFail(context, input.orgId)
    requireStructureManager(caller, target)
    if (target.name === input.name) return { org: toNode(target, caller) }
    await refuseSiblingName(context, target.parentId, input.name, target._id)
    await collectionOf(context.db, 'orgs').doc(target._id).update({ name: input.name })
    await writeAudit(
      context.db,
      { action: 'org.rename', actorMemberId: caller._id, targetOrgId: target._id, detail: { before: target.name, after: input.name } },
      context.now(),
    )
    return { org: toNode({ ...target, name: input.name }, caller) }
  },

  async moveOrg(input, context) {
    const caller = await requireMember(context)
    const target = await orgOrFail(context, input.orgId)
    const parent = await orgOrFail(context, input.parentId)
    requireStructureManager(caller, target)
    requireStructureManager(caller, parent)
    if (target.kind !== 'branch') throw new AppError('INVALID_INPUT', '只能把党支部移到另一个党总支下')
    if (parent.kind !== 'general_branch') throw new AppError('INVALID_INPUT', '党支部只能移到党总支（二级党委）下')
    if (target.parentId === parent._id) return { org: toNode(target, caller) }
    await refuseSiblingName(context, parent._id, target.name)
    const ancestorIds = [...parent.ancestorIds, parent._id]
    const orgs = collectionOf(context.db, 'orgs')
    await orgs.doc(target._id).update({ parentId: parent._id, ancestorIds })
    const groups = await findAll<Org>(orgs.where({ parentId: target._id }).orderBy('_id', 'asc'))
    for (const group of groups) await orgs.doc(group._id).update({ ancestorIds: [...ancestorIds, target._id] })
    await writeAudit(
      context.db,
      {
        action: 'org.move',
        actorMemberId: caller._id,
        branchId: target._id,
        targetOrgId: target._id,
        detail: { fromParentId: target.parentId, toParentId: parent._id },
      },
      context.now(),
    )
    return { org: toNode({ ...target, parentId: parent._id, ancestorIds }, caller) }
  },

  async deleteOrg(input, context) {
    const caller = await requireMember(context)
    const target = await orgOrFail(context, input.orgId)
    requireStructureManager(caller, target)
    if (target.parentId === null) throw new AppError('CONFLICT', '党委是组织树的根，不能删除')
    const _ = context.db.command
    const children = await collectionOf(context.db, 'orgs').where({ parentId: target._id }).count()
    if (children.total > 0) throw new AppError('CONFLICT', '请先删除或移走其下级组织')
    const members = await collectionOf(context.db, 'members')
      .where(_.or([{ branchId: target._id }, { groupId: target._id }]))
      .count()
    if (members.total > 0) throw new AppError('CONFLICT', `该组织仍有 ${members.total} 名党员，请先转出或调整`)
    if (target.kind === 'branch') {
      const activities = await collectionOf(context.db, 'activities').where({ branchId: target._id }).count()
      if (activities.total > 0) throw new AppError('CONFLICT', '该党支部已有活动记录，不能删除')
    }
    await collectionOf(context.db, 'orgs').doc(target._id).remove()
    await writeAudit(
      context.db,
      { action: 'org.delete', actorMemberId: caller._id, targetOrgId: target._id, detail: { name: target.name, kind: target.kind } },
      context.now(),
    )
    return { deletedId: target._id }
  },

  async setMemberRoles(input, context) {
    const caller = await requireMember(context)
    const { member, branch } = await memberUnderAdmin(context, caller, input.memberId)
    const roles = [...new Set(input.roles)] as BranchRole[]
    if (roles.includes('group_leader') && !member.groupId) throw new AppError('INVALID_INPUT', '该党员不在任何党小组，不能担任党小组长')
    if (roles.includes('secretary') && !member.roles.includes('secretary')) {
      const current = await findOne<Member>(
        collectionOf(context.db, 'members').where({ branchId: branch._id, roles: 'secretary', active: true }),
      )
      if (current && current._id !== member._id) throw new AppError('CONFLICT', `本支部已有书记（${current.name}），请先调整其职务`)
    }
    await collectionOf(context.db, 'members').doc(member._id).update({ roles })
    await writeAudit(
      context.db,
      {
        action: 'member.roles',
        actorMemberId: caller._id,
        branchId: branch._id,
        targetMemberId: member._id,
        detail: { before: member.roles, after: roles },
      },
      context.now(),
    )
    return { member: roleSummary({ ...member, roles }) }
  },

  async setMemberFlags(input, context) {
    const caller = await requireMember(context)
    const { member, branch } = await memberUnderAdmin(context, caller, input.memberId)
    const patch = {
      isLeadingCadre: input.isLeadingCadre ?? member.isLeadingCadre,
      isDualLeader: input.isDualLeader ?? member.isDualLeader,
    }
    await collectionOf(context.db, 'members').doc(member._id).update(patch)
    await writeAudit(
      context.db,
      {
        action: 'member.flags',
        actorMemberId: caller._id,
        branchId: branch._id,
        targetMemberId: member._id,
        detail: { before: { isLeadingCadre: member.isLeadingCadre, isDualLeader: member.isDualLeader }, after: patch },
      },
      context.now(),
    )
    return { member: roleSummary({ ...member, ...patch }) }
  },

  async setCommitteeTerm(input, context) {
    const caller = await requireMember(context)
    const branch = await orgOrFail(context, input.branchId)
    if (branch.kind !== 'branch') throw new AppError('NOT_FOUND', '该党支部不存在')
    if (!administers(caller, branch)) throw new AppError('FORBIDDEN', '支委会换届由上级党总支或党委管理员登记')
    let termStart: Date | null = null
    if (input.termStart) {
      if (!parseLocalDate(input.termStart)) throw new AppError('INVALID_INPUT', '任期开始日期无效')
      termStart = localDateToInstant(input.termStart, TIME_ZONE)
      if (termStart > context.now()) throw new AppError('INVALID_INPUT', '任期开始日期不能晚于今天')
    }
    await collectionOf(context.db, 'orgs').doc(branch._id).update({ committeeTermStart: termStart })
    await writeAudit(
      context.db,
      {
        action: 'org.committeeTerm',
        actorMemberId: caller._id,
        branchId: branch._id,
        targetOrgId: branch._id,
        detail: { before: branch.committeeTermStart?.toISOString() ?? null, after: termStart?.toISOString() ?? null },
      },
      context.now(),
    )
    return { org: toNode({ ...branch, committeeTermStart: termStart }, caller) }
  },
})
