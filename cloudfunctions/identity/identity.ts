import { identityContract, type OrgRef } from '../../src/domain/contracts/identity'
import { AppError } from '../../src/domain/errors'
import type { Org } from '../../src/domain/model'
import { maskPhone } from '../../src/domain/personal-data'
import { defineCloudFunction } from '../_shared/define-function'
import { collectionOf, findAll, findById } from '../_shared/db'
import { action, member as boundMember, noSummaryEffect } from '../_shared/policy'
import { unreadCount } from '../messages/unread'

const toOrgRef = (org: Org): OrgRef => ({ id: org._id, name: org.name, kind: org.kind })

export const identity = defineCloudFunction(identityContract, {
  whoami: action(boundMember(), noSummaryEffect, async (_input, { caller: member }, context) => {
    const orgs = collectionOf(context.db, 'orgs')
    const branch = await findById(context.db, 'orgs', member.branchId)
    if (!branch) throw new AppError('NOT_FOUND', '您所在的党支部不存在，请联系管理员')
    const relatedIds = [...branch.ancestorIds, ...member.adminOrgIds, ...(member.groupId ? [member.groupId] : [])]
    const related = new Map(
      (await findAll<Org>(orgs.where({ _id: context.db.command.in(relatedIds) }))).map((org) => [org._id, org]),
    )
    const refsOf = (ids: string[]) => ids.flatMap((id) => (related.has(id) ? [toOrgRef(related.get(id)!)] : []))
    const [{ total }, { timeZone, semesters }, unreadMessages] = await Promise.all([
      collectionOf(context.db, 'members').where({ branchId: branch._id, active: true }).count(),
      context.rulesetFor(branch, context.now()),
      unreadCount(context, member._id),
    ])
    return {
      member: {
        id: member._id,
        name: member.name,
        number: member.number,
        category: member.category,
        partyStatus: member.partyStatus,
        roles: member.roles,
        isLeadingCadre: member.isLeadingCadre,
        isDualLeader: member.isDualLeader,
        phoneMasked: maskPhone(member.phone),
      },
      branch: { ...toOrgRef(branch), isCombined: branch.isCombined ?? false, memberCount: total },
      group: member.groupId ? (refsOf([member.groupId])[0] ?? null) : null,
      ancestors: refsOf(branch.ancestorIds),
      adminOrgs: refsOf(member.adminOrgIds),
      calendar: { timeZone, semesters },
      unreadMessages,
    }
  }),
})
