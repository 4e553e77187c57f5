import { createHash, randomInt } from 'node:crypto'
import type { Transaction } from '@cloudbase/database/dist/commonjs/transaction/index'
import { administers, canManageBranch, canManageRoster, canTransferMember, coversAdminScope, rule, RULES, type Caller } from '../../src/domain/authorization'
import { CLAIM_NO_MATCH } from '../../src/domain/binding'
import { COLLECTIONS } from '../../src/domain/collections'
import { membersContract, type PendingClaim } from '../../src/domain/contracts/members'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { AppError } from '../../src/domain/errors'
import type { BindRequest, InviteCode, Member, Org } from '../../src/domain/model'
import { isFileInFolder } from '../../src/domain/evidence'
import { importFolderOf, instantToLocalDate, listedProblems, parseRoster, planRosterImport, type RosterPlan } from '../../src/domain/roster-import'
import { auditDocument, writeAudit } from '../_shared/audit'
import type { CloudContext } from '../_shared/context'
import { defineCloudFunction } from '../_shared/define-function'
import { chunk, collectionOf, findAll, findById, findOne, IN_QUERY_LIMIT } from '../_shared/db'
import { branchEffect } from '../_shared/effects'
import { action, noSummaryEffect, scoped, wechatUser } from '../_shared/policy'
import { branchOrFail, memberTarget, memberTargetOf, onBranch, onMember } from '../_shared/scopes'
import { adminOrgsOf } from './approvals'
import { countClaimAttempt } from './claim-limit'
import { notifyResult } from '../messages/deliver'
import { readRosterTable } from './roster-file'
import { ROSTER_SHEET, rosterTemplateWorkbook } from './roster-template'
import { tempUrlsOf } from '../_shared/files'
import { ownMemberRow, toMemberRow } from './rows'

const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const INVITE_LENGTH = 8
const DAY_MS = 24 * 60 * 60 * 1000
const PREVIEW_CHANGES = 20
const NO_MATCH_BY_NUMBER = ['NOT_FOUND', CLAIM_NO_MATCH] as const

const bindRequests = (context: CloudContext) => context.db.collection(COLLECTIONS.bindRequests.name)
const inviteCodes = (context: CloudContext) => context.db.collection(COLLECTIONS.inviteCodes.name)

const hashCode = (code: string) => createHash('sha256').update(normalizeCode(code)).digest('hex')
const normalizeCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase()

async function boundMember(context: CloudContext, openid: string): Promise<Member | null> {
  return findOne<Member>(collectionOf(context.db, 'members').where({ openid, active: true }))
}


async function groupNamesOf(context: CloudContext, branchId: string): Promise<Map<string, string>> {
  const groups = await findAll<Org>(
    collectionOf(context.db, 'orgs').where({ parentId: branchId, kind: 'group' }).orderBy('sortOrder', 'asc'),
  )
  return new Map(groups.map((group) => [group._id, group.name]))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Reads, parses and checks a roster file for one branch; nothing is written. */
async function planImport(context: CloudContext, caller: Caller, branch: Org, fileId: string) {
  // Only files uploaded for this branch (imports/<branchId>/…): no reading other stored files through the import.
  if (!isFileInFolder(fileId, importFolderOf(branch._id))) {
    throw new AppError('INVALID_INPUT', '该文件不是为本支部上传的花名册，请重新选择文件')
  }
  let bytes: Uint8Array
  try {
    bytes = await context.storage.downloadFile(fileId)
  } catch {
    throw new AppError('INVALID_INPUT', '读取上传的文件失败，请重新选择文件')
  }
  const table = await readRosterTable(bytes)
  const ruleset = await context.rulesetFor(branch, context.now())
  const parsed = parseRoster(table, { today: instantToLocalDate(context.now(), ruleset.timeZone) })
  const _ = context.db.command
  const members = collectionOf(context.db, 'members')
  const numbers = parsed.rows.map((row) => row.number)
  const existing: Member[] = []
  for (const part of chunk(numbers, IN_QUERY_LIMIT)) {
    existing.push(...(await findAll<Member>(members.where({ number: _.in(part) }).orderBy('_id', 'asc'))))
  }
  const otherBranchIds = [...new Set(existing.map((member) => member.branchId).filter((id) => id !== branch._id))]
  const branchNames = new Map<string, string>()
  for (const id of otherBranchIds) {
    const other = await findById(context.db, 'orgs', id)
    if (other) branchNames.set(id, other.name)
  }
  const adminOrgs = await adminOrgsOf(context, existing)
  const groupNames = await groupNamesOf(context, branch._id)
  const branchMembers = await findAll<Member>(members.where({ branchId: branch._id, active: true }).orderBy('_id', 'asc'))
  const inFile = new Set(numbers)
  const plan = planRosterImport(parsed, {
    branchId: branch._id,
    existingByNumber: new Map(existing.map((member) => [member.number, member])),
    protectedNumbers: new Set(
      existing
        .filter((member) => !coversAdminScope(caller, member.adminOrgIds.flatMap((id) => adminOrgs.get(id) ?? [])))
        .map((member) => member.number),
    ),
    branchNames,
    groupIdByName: new Map([...groupNames].map(([id, name]) => [name, id])),
    otherMembersRoles: branchMembers.filter((member) => !inFile.has(member.number)).map((member) => member.roles),
    mayAssignCommittee: administers(caller, branch),
    timeZone: ruleset.timeZone,
    maxMembers: ruleset.branchSetup.maxMembers,
    currentMemberCount: branchMembers.length,
  })
  return { branch, plan, rowCount: parsed.rowCount }
}

function rowErrorFields(plan: RosterPlan): Record<string, string> {
  return Object.fromEntries(listedProblems(plan).errors.map((error) => [`第 ${error.row} 行`, error.message]))
}

async function pendingClaimOf(context: CloudContext, request: BindRequest): Promise<PendingClaim> {
  const member = await findById(context.db, 'members', request.memberId)
  const branch = await findById(context.db, 'orgs', request.branchId)
  return {
    requestId: request._id,
    memberName: member?.name ?? '',
    branchName: branch?.name ?? '',
    method: request.method,
    createdAt: request.createdAt.toISOString(),
  }
}

/** Roster work on one member: the branch's 书记 or an admin above it, whose scope covers the member's own. */
const onRosterMember = <Input extends { memberId: string }>() =>
  onMember((input: Input) => input.memberId, RULES.managesRoster, RULES.coversAdminScope)

/** A bind request with the roster entry it claims: decided under the same rules as other roster work on that member. */
const onBindRequest = <Input extends { requestId: string }>() =>
  scoped({
    target: '请求中的绑定申请所认领的党员及其所在支部',
    async resolve(input: Input, _caller, context) {
      const request = await findOne<BindRequest>(bindRequests(context).where({ _id: input.requestId }))
      const member = request ? await findById(context.db, 'members', request.memberId) : null
      if (!request || !member) throw new AppError('NOT_FOUND', '该绑定申请不存在')
      return { request, ...(await memberTarget(context, member)) }
    },
    rules: [RULES.managesRoster, RULES.coversAdminScope],
  })

/** 组织关系转接: the member (and the branch they leave) and the branch they join. */
const onTransfer = <Input extends { memberId: string; toBranchId: string }>() =>
  scoped({
    target: '请求中的党员（及转出支部）与转入支部',
    async resolve(input: Input, _caller, context) {
      return { ...(await memberTargetOf(context, input.memberId)), to: await branchOrFail(context, input.toBranchId) }
    },
    rules: [
      rule<{ branch: Org; to: Org }>(
        '同时管理转出、转入支部的上级党组织管理员',
        '组织关系转接须由同时管理转出、转入支部的上级党组织办理',
        (caller, { branch, to }) => canTransferMember(caller, branch, to),
      ),
      RULES.coversAdminScope,
    ],
  })

export const members = defineCloudFunction(membersContract, {
  me: action(wechatUser(), noSummaryEffect, async (_input, { openid }, context) => {
    const member = await boundMember(context, openid)
    if (member) {
      const branch = await branchOrFail(context, member.branchId)
      const [groupNames, { timeZone }, adminOrgs] = await Promise.all([
        groupNamesOf(context, branch._id),
        context.rulesetFor(branch, context.now()),
        adminOrgsOf(context, [member]),
      ])
      return {
        state: 'bound' as const,
        member: ownMemberRow(member, branch, { groupNames, timeZone }),
        branch: { id: branch._id, name: branch.name },
        managesRoster: member.roles.includes('secretary') || member.adminOrgIds.length > 0,
        rulesOrgs: [...adminOrgs.values()]
          .filter((org) => org.kind === 'party_committee' || org.kind === 'general_branch')
          .map((org) => ({ id: org._id, name: org.name })),
      }
    }
    const pending = await findOne<BindRequest>(bindRequests(context).where({ pendingOpenid: openid }))
    return { state: 'unbound' as const, pending: pending ? await pendingClaimOf(context, pending) : null }
  }),

  list: action(onBranch((input) => input.branchId, RULES.viewsBranch), noSummaryEffect, async (input, { caller, branch }, context) => {
    const _ = context.db.command
    const [groupNames, { timeZone }] = await Promise.all([groupNamesOf(context, branch._id), context.rulesetFor(branch, context.now())])
    if (input.groupId && !groupNames.has(input.groupId)) throw new AppError('INVALID_INPUT', '该党小组不属于本支部')
    const conditions: object[] = [{ branchId: branch._id, active: true }]
    if (input.groupId) conditions.push({ groupId: input.groupId })
    if (input.search) {
      const pattern = escapeRegExp(input.search)
      const byName = { name: context.db.RegExp({ regexp: pattern, options: 'i' }) }
      // Fellow members do not see 学号/工号, so they cannot search by them either.
      conditions.push(
        canManageBranch(caller, branch) ? _.or([byName, { number: context.db.RegExp({ regexp: `^${pattern}`, options: 'i' }) }]) : byName,
      )
    }
    const query = collectionOf(context.db, 'members').where(_.and(conditions as never[]))
    const { total } = await query.count()
    const { data } = await query.orderBy('number', 'asc').skip(input.offset).limit(input.limit).get()
    return {
      items: (data as Member[]).map((member) => toMemberRow(member, caller, branch, { groupNames, timeZone })),
      total,
      offset: input.offset,
      limit: input.limit,
      groups: [...groupNames].map(([id, name]) => ({ id, name })),
      managesRoster: canManageRoster(caller, branch),
      administersBranch: administers(caller, branch),
    }
  }),

  importTemplate: action(onBranch((input) => input.branchId, RULES.managesRoster), noSummaryEffect, async ({ branchId }, _access, context) => {
    const { fileId } = await context.storage.uploadFile(`templates/${branchId}/roster.xlsx`, await rosterTemplateWorkbook())
    const url = (await tempUrlsOf(context.storage, [fileId])).get(fileId)
    if (!url) throw new AppError('INTERNAL', '模板暂时无法下载，请稍后重试')
    return { fileName: `${ROSTER_SHEET}模板.xlsx`, url }
  }),

  importPreview: action(onBranch((input) => input.branchId, RULES.managesRoster), noSummaryEffect, async (input, { caller, branch }, context) => {
    const { plan, rowCount } = await planImport(context, caller, branch, input.fileId)
    return {
      rowCount,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      ...listedProblems(plan),
      changes: [
        ...plan.creates.map((item) => ({ row: item.row, number: item.number, name: item.fields.name, kind: 'create' as const })),
        ...plan.updates.map((item) => ({ row: item.row, number: item.number, name: item.patch.name ?? item.before.name ?? '', kind: 'update' as const })),
      ]
        .sort((a, b) => a.row - b.row)
        .slice(0, PREVIEW_CHANGES),
    }
  }),

  importConfirm: action(onBranch((input) => input.branchId, RULES.managesRoster), branchEffect(({ access }) => [access.branch._id]), async (input, { caller, branch }, context) => {
    const { plan } = await planImport(context, caller, branch, input.fileId)
    if (plan.errors.length > 0) {
      const first = plan.errors[0]
      throw new AppError(
        'INVALID_INPUT',
        `花名册有 ${plan.errors.length} 行错误，未写入任何数据（第 ${first.row} 行：${first.message}）`,
        rowErrorFields(plan),
      )
    }
    const now = context.now()
    const membersName = COLLECTIONS.members.name
    if (plan.creates.length > 0 || plan.updates.length > 0) {
      try {
        await context.db.runTransaction(async (transaction: Transaction) => {
          for (const item of plan.creates) {
            const document: Omit<Member, '_id'> = {
              ...item.fields,
              number: item.number,
              branchId: branch._id,
              isLeadingCadre: false,
              isDualLeader: false,
              adminOrgIds: [],
            }
            await transaction.collection(membersName).add(document)
          }
          for (const item of plan.updates) await transaction.collection(membersName).doc(item.memberId).update(item.patch)
          await transaction.collection(COLLECTIONS.auditLog.name).add(
            auditDocument(
              {
                action: 'roster.import',
                actorMemberId: caller._id,
                branchId: branch._id,
                detail: {
                  fileId: input.fileId,
                  created: plan.creates.map((item) => item.number),
                  updated: plan.updates.map((item) => ({ number: item.number, fields: Object.keys(item.patch) })),
                  unchanged: plan.unchanged,
                },
              },
              now,
            ),
          )
        })
      } catch (error) {
        if (error instanceof AppError) throw error
        if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', '导入期间花名册已被他人修改，请重新预览后再确认')
        throw error
      }
    }
    return { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, warnings: plan.warnings }
  }),

  createInvite: action(onRosterMember(), noSummaryEffect, async (input, { caller, member, branch }, context) => {
    if (member.openid) throw new AppError('CONFLICT', `${member.name} 已绑定微信，无需邀请码`)
    const now = context.now()
    const expiresAt = new Date(now.getTime() + input.validDays * DAY_MS)
    for (let attempt = 0; ; attempt++) {
      const code = Array.from({ length: INVITE_LENGTH }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('')
      const document: Omit<InviteCode, '_id'> = {
        codeHash: hashCode(code),
        memberId: member._id,
        branchId: branch._id,
        createdBy: caller._id,
        createdAt: now,
        expiresAt,
        usedAt: null,
      }
      try {
        await inviteCodes(context).add(document)
      } catch (error) {
        if (isDuplicateKeyError(error) && attempt < 3) continue
        throw error
      }
      await writeAudit(
        context.db,
        { action: 'bind.invite', actorMemberId: caller._id, branchId: branch._id, targetMemberId: member._id, detail: { expiresAt: expiresAt.toISOString() } },
        now,
      )
      return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: expiresAt.toISOString(), memberName: member.name }
    }
  }),

  claim: action(wechatUser(), noSummaryEffect, async (input, { openid }, context) => {
    if (await boundMember(context, openid)) throw new AppError('CONFLICT', '您的微信已绑定党员身份，无需再次绑定')
    await countClaimAttempt(context, openid)
    const now = context.now()
    const requestFor = (member: Member): Omit<BindRequest, '_id'> => ({
      openid,
      memberId: member._id,
      branchId: member.branchId,
      method: input.method,
      status: 'pending',
      pendingOpenid: openid,
      pendingMemberId: member._id,
      createdAt: now,
      decidedAt: null,
      decidedBy: null,
      reason: null,
    })
    let member: Member
    let requestId: string
    try {
      if (input.method === 'number') {
        const found = await findOne<Member>(
          collectionOf(context.db, 'members').where({ number: input.number.toUpperCase(), active: true }),
        )
        if (!found || found.name !== input.name || found.openid) throw new AppError(...NO_MATCH_BY_NUMBER)
        member = found
        const added = (await bindRequests(context).add(requestFor(member))) as { id: string }
        requestId = added.id
      } else {
        const invite = await findOne<InviteCode>(inviteCodes(context).where({ codeHash: hashCode(input.code) }))
        if (!invite) throw new AppError('NOT_FOUND', '邀请码无效，请核对或向支部书记索取新的邀请码')
        if (invite.usedAt) throw new AppError('CONFLICT', '该邀请码已被使用，请向支部书记索取新的邀请码')
        if (invite.expiresAt <= now) throw new AppError('TOKEN_EXPIRED', '邀请码已过期，请向支部书记索取新的邀请码')
        const invited = await findById(context.db, 'members', invite.memberId)
        if (!invited || !invited.active) throw new AppError('NOT_FOUND', '该邀请码对应的党员已不在花名册中，请联系支部书记')
        if (invited.openid) throw new AppError('CONFLICT', '该党员身份已绑定微信；如非本人操作，请联系支部书记')
        member = invited
        requestId = await context.db.runTransaction(async (transaction: Transaction) => {
          const current = (await transaction.collection(COLLECTIONS.inviteCodes.name).doc(invite._id).get()).data as InviteCode | null
          if (!current || current.usedAt) throw new AppError('CONFLICT', '该邀请码已被使用，请向支部书记索取新的邀请码')
          await transaction.collection(COLLECTIONS.inviteCodes.name).doc(invite._id).update({ usedAt: now })
          const added = (await transaction.collection(COLLECTIONS.bindRequests.name).add(requestFor(member))) as { id: string }
          return added.id
        })
      }
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error
      const mine = await findOne<BindRequest>(bindRequests(context).where({ pendingOpenid: openid }))
      if (mine) throw new AppError('CONFLICT', '您已提交过绑定申请，请等待支部书记审批（或撤回后重新申请）')
      if (input.method === 'number') throw new AppError(...NO_MATCH_BY_NUMBER)
      throw new AppError('CONFLICT', '该党员身份已有他人提交的绑定申请，正在等待书记审批；如非本人操作，请联系支部书记')
    }
    const branch = await findById(context.db, 'orgs', member.branchId)
    return { requestId, memberName: member.name, branchName: branch?.name ?? '', method: input.method, createdAt: now.toISOString() }
  }),

  cancelClaim: action(wechatUser(), noSummaryEffect, async (_input, { openid }, context) => {
    const pending = await findOne<BindRequest>(bindRequests(context).where({ pendingOpenid: openid }))
    if (!pending) return { cancelled: false }
    const _ = context.db.command
    await bindRequests(context)
      .doc(pending._id)
      .update({ status: 'cancelled', decidedAt: context.now(), pendingOpenid: _.remove(), pendingMemberId: _.remove() })
    return { cancelled: true }
  }),

  decide: action(onBindRequest(), noSummaryEffect, async (input, { caller, request, branch }, context) => {
    if (request.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理，请刷新')
    const _ = context.db.command
    const now = context.now()
    const closed = { decidedAt: now, decidedBy: caller._id, reason: input.reason ?? null, pendingOpenid: _.remove(), pendingMemberId: _.remove() }
    try {
      await context.db.runTransaction(async (transaction: Transaction) => {
        const requestDoc = transaction.collection(COLLECTIONS.bindRequests.name).doc(request._id)
        const current = (await requestDoc.get()).data as BindRequest | null
        if (!current || current.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理，请刷新')
        if (input.approve) {
          const memberDoc = transaction.collection(COLLECTIONS.members.name).doc(request.memberId)
          const member = (await memberDoc.get()).data as Member | null
          if (!member || !member.active) throw new AppError('NOT_FOUND', '该党员已不在花名册中')
          if (member.openid) throw new AppError('CONFLICT', '该党员已绑定其他微信')
          await memberDoc.update({ openid: request.openid })
        }
        await requestDoc.update({ ...closed, status: input.approve ? 'approved' : 'rejected' })
        await transaction.collection(COLLECTIONS.auditLog.name).add(
          auditDocument(
            {
              action: input.approve ? 'bind.approve' : 'bind.reject',
              actorMemberId: caller._id,
              branchId: branch._id,
              targetMemberId: request.memberId,
              detail: { requestId: request._id, method: request.method, reason: input.reason ?? null },
            },
            now,
          ),
        )
      })
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', '该微信已绑定了其他党员，不能重复绑定')
      throw error
    }
    const claimed = await findById(context.db, 'members', request.memberId)
    // Turned down, the person is not that member: the result reaches only their WeChat.
    const recipient = { memberId: input.approve ? request.memberId : null, openid: request.openid, branchId: branch._id }
    await notifyResult(context, {
      recipient,
      subject: { kind: 'binding', requestId: request._id, memberName: claimed?.name ?? '' },
      approved: input.approve,
      note: input.reason ?? null,
      branchId: branch._id,
    })
    return { status: input.approve ? ('approved' as const) : ('rejected' as const) }
  }),

  unbind: action(onRosterMember(), noSummaryEffect, async (_input, { caller, member, branch }, context) => {
    if (!member.openid) throw new AppError('CONFLICT', `${member.name} 尚未绑定微信`)
    await collectionOf(context.db, 'members').doc(member._id).update({ openid: context.db.command.remove() })
    await writeAudit(
      context.db,
      { action: 'bind.unbind', actorMemberId: caller._id, branchId: branch._id, targetMemberId: member._id, detail: {} },
      context.now(),
    )
    return { memberId: member._id }
  }),

  transfer: action(onTransfer(), branchEffect(({ access }) => [access.branch._id, access.to._id]), async (_input, { caller, member, branch: from, to }, context) => {
    if (from._id === to._id) throw new AppError('INVALID_INPUT', '转入支部与当前所在支部相同')
    await collectionOf(context.db, 'members').doc(member._id).update({ branchId: to._id, groupId: null, roles: [] })
    const pending = await findOne<BindRequest>(bindRequests(context).where({ pendingMemberId: member._id }))
    if (pending) await bindRequests(context).doc(pending._id).update({ branchId: to._id })
    await writeAudit(
      context.db,
      {
        action: 'member.transfer',
        actorMemberId: caller._id,
        branchId: to._id,
        targetMemberId: member._id,
        detail: { fromBranchId: from._id, toBranchId: to._id, rolesCleared: member.roles, groupCleared: member.groupId },
      },
      context.now(),
    )
    return { memberId: member._id, fromBranchId: from._id, toBranchId: to._id }
  }),

  assignGroup: action(onMember((input) => input.memberId, RULES.managesRoster), branchEffect(({ access }) => [access.branch._id]), async (input, { member, branch }, context) => {
    if (input.groupId !== null) {
      const group = await findById(context.db, 'orgs', input.groupId)
      if (!group || group.kind !== 'group' || group.parentId !== branch._id) {
        throw new AppError('INVALID_INPUT', '该党小组不属于本支部')
      }
    }
    if (member.groupId === input.groupId) return { memberId: member._id, groupId: member.groupId }
    if (member.roles.includes('group_leader')) throw new AppError('CONFLICT', `${member.name} 是党小组长，请先由上级党组织调整其职务`)
    await collectionOf(context.db, 'members').doc(member._id).update({ groupId: input.groupId })
    return { memberId: member._id, groupId: input.groupId }
  }),
})
