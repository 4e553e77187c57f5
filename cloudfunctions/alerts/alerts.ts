import { alertTopics, canBeResponsible, isAlertTopic, type AlertAssignments, type AlertTopic, type BranchOfficer } from '../../src/domain/alerts'
import { canManageRoster, RULES } from '../../src/domain/authorization'
import { alertsContract, type AlertRouting } from '../../src/domain/contracts/alerts'
import { alertsPlatformContract } from '../../src/domain/contracts/platform'
import { AppError } from '../../src/domain/errors'
import { BRANCH_ROLE_LABELS, COMMITTEE_ROLES, type Member, type Org } from '../../src/domain/model'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll, findOne } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { action, noSummaryEffect, platform } from '../_shared/policy'
import { onBranch } from '../_shared/scopes'
import { scanAlerts } from './scan'

async function branchOfficers(context: CloudContext, branchId: string): Promise<BranchOfficer[]> {
  return findAll<BranchOfficer>(
    collectionOf(context.db, 'members')
      .where({ branchId, active: true, roles: context.db.command.in([...COMMITTEE_ROLES]) })
      .orderBy('_id', 'asc'),
  )
}

async function assignmentsOf(context: CloudContext, branchId: string): Promise<AlertAssignments> {
  const stored = await findOne<{ assignments: AlertAssignments }>(collectionOf(context.db, 'alertAssignments').where({ _id: branchId }))
  return stored?.assignments ?? {}
}

async function routingOf(context: CloudContext, branch: Org, caller: Member): Promise<AlertRouting> {
  const [officers, assignments] = await Promise.all([branchOfficers(context, branch._id), assignmentsOf(context, branch._id)])
  const candidates = officers.filter((officer) => canBeResponsible(officer, branch._id))
  const secretaries = officers.filter((officer) => officer.roles.includes('secretary'))
  const leads = secretaries.length > 0 ? secretaries : officers.filter((officer) => officer.roles.includes('deputy_secretary'))
  const nameOf = new Map(candidates.map((officer) => [officer._id, officer.name]))
  return {
    branchId: branch._id,
    branchName: branch.name,
    leads: leads.map((officer) => ({ memberId: officer._id, name: officer.name, bound: Boolean(officer.openid) })),
    topics: alertTopics(await context.rulesetFor(branch, context.now())).map((topic) => {
      const memberId = assignments[topic.id]
      const name = memberId ? nameOf.get(memberId) : undefined
      return { id: topic.id, label: topic.label, memberId: name ? memberId! : null, memberName: name ?? null }
    }),
    candidates: candidates.map((officer) => ({
      memberId: officer._id,
      name: officer.name,
      roleLabels: officer.roles.map((role) => BRANCH_ROLE_LABELS[role]).join('、'),
      bound: Boolean(officer.openid),
    })),
    canAssign: canManageRoster(caller, branch),
  }
}

export const alerts = defineCloudFunction(
  { ...alertsContract, ...alertsPlatformContract },
  {
    routing: action(onBranch((input) => input.branchId, RULES.managesBranch), noSummaryEffect, async (_input, { caller, branch }, context) =>
      routingOf(context, branch, caller),
    ),

    assign: action(onBranch((input) => input.branchId, RULES.managesRoster), noSummaryEffect, async ({ topic, memberId }, { caller, branch }, context) => {
      if (!isAlertTopic(topic, await context.rulesetFor(branch, context.now()))) throw new AppError('INVALID_INPUT', '没有这项预警事项')
      if (memberId !== null) {
        const officer = (await branchOfficers(context, branch._id)).find((candidate) => candidate._id === memberId)
        if (!officer || !canBeResponsible(officer, branch._id)) throw new AppError('INVALID_INPUT', '负责人须是本支部的支委')
      }
      const assignments: Partial<Record<AlertTopic, string>> = { ...(await assignmentsOf(context, branch._id)) }
      if (memberId === null) delete assignments[topic]
      else assignments[topic] = memberId
      await collectionOf(context.db, 'alertAssignments')
        .doc(branch._id)
        .set({ assignments, updatedBy: caller._id, updatedAt: context.now() })
      return routingOf(context, branch, caller)
    }),

    scan: action(platform('timer'), noSummaryEffect, async (_input, _access, context) => scanAlerts(context)),
  },
  { timer: 'scan' },
)
