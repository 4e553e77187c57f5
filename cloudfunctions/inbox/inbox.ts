import { isBranchOfficer, rule } from '../../src/domain/authorization'
import { branchSummaryId, urgentCounts, type BranchSummary } from '../../src/domain/compliance'
import { inboxContract, INBOX_KINDS, type HandledItem, type InboxCounts, type InboxItem } from '../../src/domain/contracts/inbox'
import type { Member, Org } from '../../src/domain/model'
import { decidedRequests, openInvitations, pendingRequests } from '../activities/requests'
import { decidedSelfStudy, pendingSelfStudy } from '../compliance/self-study'
import { claimsFor, rosterBranches, type ClaimOnMember } from '../members/approvals'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findOne, memberNames } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { action, noSummaryEffect, scoped } from '../_shared/policy'
import { branchOrFail } from '../_shared/scopes'
import { currentYearOf } from '../_shared/summaries'

/**
 * One inbox for everything a branch's managers approve: 请假 and 补学 (activities), 自学学时
 * (compliance), 身份绑定 (members) and 联合活动邀请. The decisions stay with their areas
 * (reviewLeave, reviewMakeup, reviewSelfStudy, members.decide, respondToInvitation); this
 * function only reads, within the caller's reach.
 */
interface Reach {
  /** The caller's own branch, when they sit on its committee: its requests and invitations. */
  reviewBranch: Org | null
  /** Branches whose roster the caller manages: their bind requests. */
  rosterBranches: Org[]
}

const onCallersReach = <Input>() =>
  scoped({
    target: '本人审批范围内的事项：所在支部（支委）的请假、补学、自学与联合活动邀请；所管理支部（书记、上级管理员）的身份绑定',
    async resolve(_input: Input, caller: Member, context: CloudContext): Promise<Reach> {
      const [reviewBranch, roster] = await Promise.all([
        isBranchOfficer(caller) ? branchOrFail(context, caller.branchId) : Promise.resolve(null),
        rosterBranches(context, caller),
      ])
      return { reviewBranch, rosterBranches: roster }
    },
    rules: [
      rule<Reach>('支部书记、支委或党组织管理员', '只有支部书记、支委或党组织管理员有待审批事项', (_caller, reach) =>
        reach.reviewBranch !== null || reach.rosterBranches.length > 0,
      ),
    ],
  })

function claimItem({ request, member, branch }: ClaimOnMember): InboxItem {
  return {
    kind: 'binding',
    key: `binding-${request._id}`,
    requestId: request._id,
    memberNumber: member.number,
    method: request.method,
    from: member.name,
    subject: `${member.name}（${member.number}）`,
    text: request.method === 'invite' ? '用邀请码申请绑定该党员身份' : '用姓名和学号/工号申请绑定该党员身份',
    at: request.createdAt.toISOString(),
    branchName: branch.name,
  }
}

async function pendingOf(context: CloudContext, caller: Member, reach: Reach, proofUrls: boolean): Promise<InboxItem[]> {
  const { reviewBranch } = reach
  const [requests, selfStudy, invitations, claims] = await Promise.all([
    reviewBranch ? pendingRequests(context, reviewBranch) : [],
    reviewBranch ? pendingSelfStudy(context, reviewBranch, { proofUrls }) : [],
    reviewBranch ? openInvitations(context, reviewBranch) : [],
    claimsFor(context, caller, reach.rosterBranches, { status: 'pending' }),
  ])
  return [...invitations, ...requests, ...selfStudy, ...claims.map(claimItem)]
}

export const inbox = defineCloudFunction(inboxContract, {
  summary: action(onCallersReach(), noSummaryEffect, async (_input, { caller, ...reach }, context) => {
    const items = await pendingOf(context, caller, reach, false)
    const counts = Object.fromEntries(INBOX_KINDS.map((kind) => [kind, items.filter((item) => item.kind === kind).length])) as InboxCounts
    const { reviewBranch } = reach
    const summary = reviewBranch
      ? await findOne<BranchSummary>(
          collectionOf(context.db, 'branchSummaries').where({ _id: branchSummaryId(reviewBranch._id, await currentYearOf(context, reviewBranch)) }),
        )
      : null
    return {
      counts,
      waiting: items.length,
      branch: reviewBranch && {
        id: reviewBranch._id,
        name: reviewBranch.name,
        awaitingEvidence: summary?.awaitingEvidence.length ?? 0,
        ...urgentCounts(summary?.lines ?? []),
      },
    }
  }),

  pending: action(onCallersReach(), noSummaryEffect, async (_input, { caller, ...reach }, context) => ({
    items: await pendingOf(context, caller, reach, true),
  })),

  history: action(onCallersReach(), noSummaryEffect, async ({ limit }, { caller, ...reach }, context) => {
    const { reviewBranch } = reach
    const [requests, selfStudy, claims] = await Promise.all([
      reviewBranch ? decidedRequests(context, reviewBranch, limit + 1) : [],
      reviewBranch ? decidedSelfStudy(context, reviewBranch, limit + 1) : [],
      claimsFor(context, caller, reach.rosterBranches, { status: 'decided', limit: limit + 1 }),
    ])
    const deciderOf = await memberNames(context.db, claims.map(({ request }) => request.decidedBy ?? ''))
    const bindings: HandledItem[] = claims.map(({ request, member, branch }) => ({
      kind: 'binding',
      key: `binding-${request._id}`,
      from: member.name,
      subject: `${member.name}（${member.number}）`,
      branchName: branch.name,
      approved: request.status === 'approved',
      decisionLabel: request.status === 'approved' ? '同意' : '拒绝',
      reason: request.reason,
      decidedAt: (request.decidedAt ?? request.createdAt).toISOString(),
      decidedByName: request.decidedBy ? deciderOf(request.decidedBy) : '',
    }))
    const all = [...requests, ...selfStudy, ...bindings].sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))
    return { items: all.slice(0, limit), hasMore: all.length > limit }
  }),
})
