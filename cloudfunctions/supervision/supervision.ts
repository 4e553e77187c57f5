import { randomBytes } from 'node:crypto'
import { alertRecipients, requirementTopic, type AlertAssignments, type BranchOfficer } from '../../src/domain/alerts'
import { isBranchOfficer, rule, RULES, type BranchTarget, type Rule } from '../../src/domain/authorization'
import { supervisionContract, type SupervisionView } from '../../src/domain/contracts/supervision'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { AppError } from '../../src/domain/errors'
import { COMMITTEE_ROLES, type Activity, type Member, type Org } from '../../src/domain/model'
import {
  canAnswer,
  SUPERVISION_STATE_LABELS,
  supervisionAnsweredMessage,
  supervisionSentMessage,
  supervisionTargets,
  targetKey,
  viewedState,
  type Supervision,
} from '../../src/domain/supervision'
import { periodCalendar } from '../../src/domain/time'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll, findOne } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { action, noSummaryEffect, scoped } from '../_shared/policy'
import { branchOrFail, onAdministeredOrg, onBranch } from '../_shared/scopes'
import { currentYearOf, summaryOf } from '../_shared/summaries'
import { notify, recipientOf } from '../messages/deliver'
import { membersByIds, settleSupervisions } from './settle'

const iso = (instant: Date | null) => (instant ? instant.toISOString() : null)

/** The branch's own 书记 and 支委: those who answer for it (admins above send, they do not answer). */
const officerOfBranch = rule<BranchTarget>('本支部书记或支委', '只有本支部书记或支委可以回复督办', (caller, { branch }) =>
  caller.branchId === branch._id && isBranchOfficer(caller),
)
const isOwnOfficer = (caller: Member, branch: Org) => officerOfBranch.allows(caller, { branch })

/** A 督办 with its branch, under the rules given. */
const onSupervision = <Input extends { id: string }>(...rules: Rule<BranchTarget & { supervision: Supervision }, Member>[]) =>
  scoped({
    target: '请求中的督办及其支部',
    async resolve(input: Input, _caller, context) {
      const supervision = await findOne<Supervision>(collectionOf(context.db, 'supervisions').where({ _id: input.id }))
      if (!supervision) throw new AppError('NOT_FOUND', '该督办不存在')
      return { supervision, branch: await branchOrFail(context, supervision.branchId) }
    },
    rules,
  })

function toView(supervision: Supervision, caller: Member, branch: Pick<Org, '_id'>): SupervisionView {
  const { answer } = supervision
  return {
    id: supervision._id,
    branchId: supervision.branchId,
    branchName: supervision.branchName,
    targetKind: supervision.target.kind,
    title: supervision.target.title,
    note: supervision.note,
    fromOrgName: supervision.fromOrgName,
    sentByName: supervision.sentByName,
    state: supervision.state,
    stateLabel: SUPERVISION_STATE_LABELS[supervision.state],
    createdAt: supervision.createdAt.toISOString(),
    viewedAt: iso(supervision.viewedAt),
    arrangedAt: iso(supervision.arrangedAt),
    resolvedAt: iso(supervision.resolvedAt),
    answer: answer
      ? { activityId: answer.activityId, activityTopic: answer.activityTopic, reply: answer.reply, answeredByName: answer.answeredByName, answeredAt: answer.answeredAt.toISOString() }
      : null,
    canAnswer: caller.branchId === branch._id && isBranchOfficer(caller) && canAnswer(supervision.state),
  }
}

async function targetOptions(context: CloudContext, branch: Org) {
  const ruleset = await context.rulesetFor(branch, context.now())
  const summary = await summaryOf(context, branch._id, await currentYearOf(context, branch))
  const options = supervisionTargets(summary, (requirementId) => ruleset.requirements[requirementId]?.activityTypeId ?? requirementId)
  return { summary, options: options.map((option) => ({ ...option, key: targetKey(branch._id, option.target) })) }
}

/** The 书记 (副书记 while there is none) and the 支委 the branch made responsible for what the 督办 is about. */
async function branchRecipients(context: CloudContext, supervision: Supervision): Promise<BranchOfficer[]> {
  const _ = context.db.command
  const [officers, assignments] = await Promise.all([
    findAll<BranchOfficer>(
      collectionOf(context.db, 'members').where({ branchId: supervision.branchId, active: true, roles: _.in([...COMMITTEE_ROLES]) }).orderBy('_id', 'asc'),
    ),
    findOne<{ assignments: AlertAssignments }>(collectionOf(context.db, 'alertAssignments').where({ _id: supervision.branchId })),
  ])
  const topic = supervision.target.kind === 'requirement' ? requirementTopic(supervision.target.requirementId) : 'evidence'
  return alertRecipients(topic, supervision.branchId, officers, assignments?.assignments ?? {})
}

/** The admin org the 督办 comes from: the nearest above the branch that the caller administers. */
function senderOrgOf(caller: Member, branch: Org): string {
  const administered = branch.ancestorIds.filter((id) => caller.adminOrgIds.includes(id))
  const orgId = administered.at(-1)
  if (!orgId) throw new AppError('FORBIDDEN', '此项由上级党总支或党委管理员办理')
  return orgId
}

async function listed(context: CloudContext, query: ReturnType<ReturnType<typeof collectionOf>['where']>): Promise<Supervision[]> {
  return settleSupervisions(context, await findAll<Supervision>(query.orderBy('createdAt', 'desc').orderBy('_id', 'asc')))
}

export const supervision = defineCloudFunction(supervisionContract, {
  targets: action(onBranch((input) => input.branchId, RULES.administersBranch), noSummaryEffect, async (_input, { branch }, context) => {
    const { summary, options } = await targetOptions(context, branch)
    const open = await findAll<Supervision>(
      collectionOf(context.db, 'supervisions').where({ branchId: branch._id, state: context.db.command.neq('resolved') }).orderBy('_id', 'asc'),
    )
    const openByKey = new Map(open.map((item) => [targetKey(item.branchId, item.target), item._id]))
    return {
      branchId: branch._id,
      branchName: branch.name,
      light: summary.light,
      lightLabel: summary.lightLabel,
      options: options.map(({ key, target, statusLabel }) => ({
        key,
        kind: target.kind,
        title: target.title,
        statusLabel,
        openSupervisionId: openByKey.get(key) ?? null,
      })),
    }
  }),

  send: action(onBranch((input) => input.branchId, RULES.administersBranch), noSummaryEffect, async ({ targetKey: key, note }, { caller, branch }, context) => {
    const { summary, options } = await targetOptions(context, branch)
    if (summary.light === 'green') throw new AppError('CONFLICT', `${branch.name}目前为绿灯，无需督办`)
    const option = options.find((candidate) => candidate.key === key)
    if (!option) throw new AppError('CONFLICT', '该事项已不在支部的预警中，请刷新后重新选择')
    const fromOrgId = senderOrgOf(caller, branch)
    const fromOrg = await findOne<Org>(collectionOf(context.db, 'orgs').where({ _id: fromOrgId }))
    const now = context.now()
    const record: Supervision = {
      _id: `sv${randomBytes(8).toString('hex')}`,
      branchId: branch._id,
      branchName: branch.name,
      ancestorIds: branch.ancestorIds,
      year: summary.year,
      target: option.target,
      note,
      sentBy: caller._id,
      sentByName: caller.name,
      fromOrgId,
      fromOrgName: fromOrg?.name ?? '',
      state: 'sent',
      createdAt: now,
      viewedAt: null,
      arrangedAt: null,
      resolvedAt: null,
      answer: null,
      answerCount: 0,
      openKey: key,
    }
    try {
      await collectionOf(context.db, 'supervisions').add(record)
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', '该事项已有尚未解决的督办，可在督办跟踪中查看')
      throw error
    }
    const { timeZone } = await context.rulesetFor(branch, context.now())
    await notify(
      context,
      (await branchRecipients(context, record)).map((officer) => supervisionSentMessage(record, recipientOf(officer), timeZone)),
    )
    return toView(record, caller, branch)
  }),

  forBranch: action(onBranch((input) => input.branchId, RULES.managesBranch), noSummaryEffect, async (_input, { caller, branch }, context) => ({
    items: (await listed(context, collectionOf(context.db, 'supervisions').where({ branchId: branch._id }))).map((item) => toView(item, caller, branch)),
  })),

  forOrg: action(onAdministeredOrg('查看督办'), noSummaryEffect, async ({ state }, { caller, org }, context) => {
    const items = await listed(context, collectionOf(context.db, 'supervisions').where({ ancestorIds: org._id }))
    return {
      orgId: org._id,
      orgName: org.name,
      items: items.filter((item) => !state || item.state === state).map((item) => toView(item, caller, { _id: item.branchId })),
    }
  }),

  detail: action(onSupervision(RULES.managesBranch), noSummaryEffect, async (_input, { caller, branch, supervision: stored }, context) => {
    let [current] = await settleSupervisions(context, [stored])
    if (isOwnOfficer(caller, branch) && viewedState(current.state) !== current.state) {
      const now = context.now()
      const { updated } = await collectionOf(context.db, 'supervisions').where({ _id: current._id, state: 'sent' }).update({ state: 'viewed', viewedAt: now })
      if (updated === 1) current = { ...current, state: 'viewed', viewedAt: now }
    }
    return toView(current, caller, branch)
  }),

  answerOptions: action(onSupervision(officerOfBranch), noSummaryEffect, async (_input, { branch, supervision: current }, context) => ({
    activities: (await answeringActivities(context, branch, current)).map((activity) => ({
      id: activity._id,
      topic: activity.topic,
      startAt: activity.startAt.toISOString(),
      statusLabel: activity.status === 'closed' ? '已结束' : activity.startAt > context.now() ? '未开始' : '进行中',
    })),
  })),

  answer: action(onSupervision(officerOfBranch), noSummaryEffect, async ({ activityId, reply }, { caller, branch, supervision: stored }, context) => {
    if (!canAnswer(stored.state)) throw new AppError('CONFLICT', '该督办已解决，无需再回复')
    const activity = activityId ? (await answeringActivities(context, branch, stored)).find((item) => item._id === activityId) : null
    if (activityId && !activity) throw new AppError('INVALID_INPUT', '所选活动不能用于回复该督办：须是本支部未取消的同类活动')
    const now = context.now()
    const answer = {
      activityId: activity?._id ?? null,
      activityTopic: activity?.topic ?? null,
      reply: reply || null,
      answeredBy: caller._id,
      answeredByName: caller.name,
      answeredAt: now,
    }
    const _ = context.db.command
    const { updated } = await collectionOf(context.db, 'supervisions')
      .where({ _id: stored._id, state: _.neq('resolved') })
      .update({ answer, state: 'arranged', arrangedAt: now, viewedAt: stored.viewedAt ?? now, answerCount: _.inc(1) })
    if (updated !== 1) throw new AppError('CONFLICT', '该督办已解决，无需再回复')
    const answered: Supervision = { ...stored, answer, state: 'arranged', arrangedAt: now, viewedAt: stored.viewedAt ?? now, answerCount: stored.answerCount + 1 }
    const [current] = await settleSupervisions(context, [answered])
    const [sender] = await membersByIds(context, [stored.sentBy])
    if (sender) await notify(context, [supervisionAnsweredMessage(answered, recipientOf(sender), (await context.rulesetFor(branch, context.now())).timeZone)])
    return toView(current, caller, branch)
  }),
})

const ANSWER_OPTIONS_SHOWN = 30

/**
 * Activities of the branch that could answer a 督办: for a requirement, its uncancelled activities
 * of the required type from the requirement's period on (one held later makes a missed month good);
 * for an activity 待补痕迹, that activity.
 */
async function answeringActivities(context: CloudContext, branch: Org, supervision: Supervision): Promise<Activity[]> {
  const _ = context.db.command
  const { target } = supervision
  if (target.kind === 'evidence') {
    return findAll<Activity>(collectionOf(context.db, 'activities').where({ _id: target.activityId, participantBranchIds: branch._id }))
  }
  const since = periodCalendar(await context.rulesetFor(branch, context.now())).periodFromKey(target.periodKey).start
  const { data } = await collectionOf(context.db, 'activities')
    .where({ participantBranchIds: branch._id, types: target.activityTypeId, status: _.neq('cancelled'), startAt: _.gte(since) })
    .orderBy('startAt', 'desc')
    .limit(ANSWER_OPTIONS_SHOWN)
    .get()
  return data as Activity[]
}
