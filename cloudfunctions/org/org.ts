import { administers, canManageOrgStructure, rule, RULES, type Caller, type OrgTarget } from '../../src/domain/authorization'
import type { OrgNode } from '../../src/domain/contracts/org'
import { orgContract } from '../../src/domain/contracts/org'
import { AppError } from '../../src/domain/errors'
import { ORG_KIND_LABELS, type BranchRole, type Member, type Org, type OrgKind } from '../../src/domain/model'
import { localDateToInstant, parseLocalDate } from '../../src/domain/roster-import'
import { writeAudit } from '../_shared/audit'
import type { CloudContext } from '../_shared/context'
import { defineCloudFunction } from '../_shared/define-function'
import { collectionOf, findAll, findOne } from '../_shared/db'
import { branchEffect, orgEffect } from '../_shared/effects'
import { action, member as boundMember, noSummaryEffect, scoped } from '../_shared/policy'
import { onBranch, onMember, orgOrFail } from '../_shared/scopes'

const CHILD_KIND: Record<OrgKind, OrgKind | null> = {
  party_committee: 'general_branch',
  general_branch: 'branch',
  branch: 'group',
  group: null,
}

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

async function refuseSiblingName(context: CloudContext, parentId: string | null, name: string, exceptId?: string) {
  const sibling = await findOne<Org>(collectionOf(context.db, 'orgs').where({ parentId, name }))
  if (sibling && sibling._id !== exceptId) throw new AppError('CONFLICT', `同一上级组织下已有「${name}」`)
}

const roleSummary = (member: Member) => ({
  id: member._id,
  name: member.name,
  branchId: member.branchId,
  roles: member.roles,
  isLeadingCadre: member.isLeadingCadre,
  isDualLeader: member.isDualLeader,
})

/** The org named by the input; the caller must be allowed to change the org tree there. */
const onOrgStructure = <Input extends { orgId: string }>() =>
  scoped({
    target: '请求中的组织',
    resolve: async (input: Input, _caller, context) => ({ org: await orgOrFail(context, input.orgId) }),
    rules: [RULES.managesStructure],
  })

/** The new org as it would be placed under its parent: its kind follows the parent's. */
const onNewChild = <Input extends { parentId: string }>() =>
  scoped({
    target: '将要新建在上级组织下的组织',
    async resolve(input: Input, _caller, context) {
      const parent = await orgOrFail(context, input.parentId)
      const kind = CHILD_KIND[parent.kind]
      if (!kind) throw new AppError('INVALID_INPUT', '党小组下不能再设下级组织')
      const org: OrgTarget['org'] = { _id: '', kind, ancestorIds: [...parent.ancestorIds, parent._id] }
      return { parent, org }
    },
    rules: [RULES.managesStructure],
  })

/** A branch and the general branch it moves to: the caller must manage the tree at both. */
const onMove = <Input extends { orgId: string; parentId: string }>() =>
  scoped({
    target: '请求中的党支部及其新的上级组织',
    async resolve(input: Input, _caller, context) {
      return { org: await orgOrFail(context, input.orgId), parent: await orgOrFail(context, input.parentId) }
    },
    rules: [
      RULES.managesStructure,
      rule<{ parent: Org }>('新的上级组织也在其管理范围内', '只有党委管理员可以调整组织架构', (caller, { parent }) =>
        canManageOrgStructure(caller, parent),
      ),
    ],
  })

/** Offices, flags and the committee term: what the setup checks and the 党课/支委会 rules of the branch read. */
const ofTheBranch = branchEffect<unknown, { branch: Org }, unknown>(({ access }) => [access.branch._id])

/** Offices and flags: an admin above the member's branch whose scope covers the member's own. */
const onMemberByAdmin = <Input extends { memberId: string }>() =>
  onMember((input: Input) => input.memberId, RULES.administersBranch, RULES.coversAdminScope)

export const org = defineCloudFunction(orgContract, {
  tree: action(boundMember('整个组织架构（只读，不含个人信息）'), noSummaryEffect, async (_input, { caller }, context) => {
    const orgs = await findAll<Org>(collectionOf(context.db, 'orgs').where({}).orderBy('sortOrder', 'asc').orderBy('_id', 'asc'))
    return { orgs: orgs.map((item) => toNode(item, caller)) }
  }),

  createOrg: action(onNewChild(), orgEffect(({ access, output }) => output ? { _id: output.org.id, kind: access.org.kind, parentId: access.parent._id } : null), async (input, { caller, parent, org: { kind, ancestorIds } }, context) => {
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
  }),

  renameOrg: action(onOrgStructure(), orgEffect(({ access }) => access.org), async (input, { caller, org: target }, context) => {
    if (target.name === input.name) return { org: toNode(target, caller) }
    await refuseSiblingName(context, target.parentId, input.name, target._id)
    await collectionOf(context.db, 'orgs').doc(target._id).update({ name: input.name })
    await writeAudit(
      context.db,
      { action: 'org.rename', actorMemberId: caller._id, targetOrgId: target._id, detail: { before: target.name, after: input.name } },
      context.now(),
    )
    return { org: toNode({ ...target, name: input.name }, caller) }
  }),

  moveOrg: action(onMove(), orgEffect(({ access }) => access.org), async (_input, { caller, org: target, parent }, context) => {
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
  }),

  deleteOrg: action(onOrgStructure(), orgEffect(({ access }) => access.org), async (_input, { caller, org: target }, context) => {
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
  }),

  setMemberRoles: action(onMemberByAdmin(), ofTheBranch, async (input, { caller, member, branch }, context) => {
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
  }),

  setMemberFlags: action(onMemberByAdmin(), ofTheBranch, async (input, { caller, member, branch }, context) => {
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
  }),

  setCommitteeTerm: action(onBranch((input) => input.branchId, RULES.administersBranch), ofTheBranch, async (input, { caller, branch }, context) => {
    let termStart: Date | null = null
    if (input.termStart) {
      if (!parseLocalDate(input.termStart)) throw new AppError('INVALID_INPUT', '任期开始日期无效')
      termStart = localDateToInstant(input.termStart, (await context.rulesetFor(branch, context.now())).timeZone)
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
  }),
})
