import type { DeployedFunctionName } from '../../../cloudfunctions/registry'
import type { RulesGetOutput } from '../../../src/domain/contracts/rulesets'
import { DEFAULT_RULESET } from '../../../src/domain/ruleset'
import { TEST_NOW } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_A_SIBLING } from '../members/fixtures'
import { CALLERS, castOf, type Cast, type CallerKind } from './cast'

/**
 * Every action of every function × every kind of caller, on a target in 计算机学院教工党支部
 * (see cast.ts for who each column is). A cell is `ok` (answered ok: true) or the refusal:
 * F = FORBIDDEN, NB = NOT_BOUND, UA = UNAUTHENTICATED, C = CONFLICT.
 * A row label is `<function>.<action>`, with the variant in brackets where one action is tried
 * on different kinds of target.
 */
type Cell = 'ok' | 'F' | 'NB' | 'UA' | 'C'
type Row = [label: string, ...cells: Cell[]]

// prettier-ignore
export const MATRIX: Row[] = [
  //                                   member committee secretary sibling other gbAdmin otherGb pcAdmin unbound anonymous platform
  ['identity.whoami',                  'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['org.tree',                         'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['org.createOrg[党小组]',            'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['org.createOrg[党支部]',            'F',   'F',      'F',      'F',    'F',   'F',    'F',    'ok',   'NB',   'UA',     'F'],
  ['org.renameOrg[党小组]',            'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['org.renameOrg[党支部]',            'F',   'F',      'F',      'F',    'F',   'F',    'F',    'ok',   'NB',   'UA',     'F'],
  ['org.moveOrg',                      'F',   'F',      'F',      'F',    'F',   'F',    'F',    'ok',   'NB',   'UA',     'F'],
  ['org.deleteOrg',                    'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['org.setMemberRoles',               'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['org.setMemberRoles[党委管理员]',   'F',   'F',      'F',      'F',    'F',   'F',    'F',    'ok',   'NB',   'UA',     'F'],
  ['org.setMemberFlags',               'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['org.setCommitteeTerm',             'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['members.me',                       'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'ok',   'UA',     'F'],
  ['members.list',                     'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['members.importTemplate',           'F',   'F',      'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['members.importPreview',            'F',   'F',      'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['members.importConfirm',            'F',   'F',      'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['members.createInvite',             'F',   'F',      'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['members.claim',                    'C',   'C',      'C',      'C',    'C',   'C',    'C',    'C',    'ok',   'UA',     'F'],
  ['members.cancelClaim',              'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'ok',   'UA',     'F'],
  ['members.decide',                   'F',   'F',      'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['members.decide[党总支管理员]',     'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['members.unbind',                   'F',   'F',      'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['members.unbind[党委管理员]',       'F',   'F',      'F',      'F',    'F',   'F',    'F',    'ok',   'NB',   'UA',     'F'],
  ['members.transfer',                 'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['members.assignGroup',              'F',   'F',      'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.formOptions',           'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.post',                  'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.edit',                  'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.cancel',                'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.list',                  'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.detail',                'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.requestLeave',          'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.withdrawLeave',         'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.reviewLeave',           'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.fileMakeup',            'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.reviewMakeup',          'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.respondToInvitation',   'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.mine',                  'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['activities.live',                  'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['activities.close',                 'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['checkin.code',                     'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['checkin.signIn',                   'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['checkin.manual',                   'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['reminders.settings',               'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['reminders.subscribe',              'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['reminders.sendDue',                'F',   'F',      'F',      'F',    'F',   'F',    'F',    'F',    'F',    'F',      'ok'],
  ['evidence.listForActivity',         'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['evidence.addPhoto',                'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['evidence.addMinutesText',          'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['evidence.addMinutesFile',          'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['evidence.remove',                  'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['evidence.gallery',                 'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['evidence.mediaCheckResult',        'F',   'F',      'F',      'F',    'F',   'F',    'F',    'F',    'F',    'F',      'ok'],
  ['ledger.start',                     'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['ledger.status',                    'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['ledger.recent',                    'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['ledger.report',                    'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['compliance.overview',              'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['compliance.branchStatus',          'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['compliance.scoreSheet',            'ok',  'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['compliance.scoreManualItem',       'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['compliance.myHours',               'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['compliance.submitSelfStudy',       'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['compliance.reviewSelfStudy',       'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['compliance.refreshBranch',         'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['rulesets.get[党委]',               'F',   'F',      'F',      'F',    'F',   'F',    'F',    'ok',   'NB',   'UA',     'F'],
  ['rulesets.get[党总支]',             'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['rulesets.preview[党委]',           'F',   'F',      'F',      'F',    'F',   'F',    'F',    'ok',   'NB',   'UA',     'F'],
  ['rulesets.preview[党总支]',         'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['rulesets.save[党委]',              'F',   'F',      'F',      'F',    'F',   'F',    'F',    'ok',   'NB',   'UA',     'F'],
  ['rulesets.save[党总支]',            'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['rulesets.refreshStatus[党委]',     'F',   'F',      'F',      'F',    'F',   'F',    'F',    'ok',   'NB',   'UA',     'F'],
  ['rulesets.refreshStatus[党总支]',   'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['inbox.summary',                    'F',   'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['inbox.pending',                    'F',   'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['inbox.history',                    'F',   'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['compliance-timer.rebuild',         'F',   'F',      'F',      'F',    'F',   'F',    'F',    'F',    'F',    'F',      'ok'],
  ['compliance-timer.continueRulesRefreshes', 'F', 'F',   'F',      'F',    'F',   'F',    'F',    'F',    'F',    'F',      'ok'],
  ['messages.inbox',                   'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['messages.read',                    'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['messages.readAll',                 'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'NB',   'UA',     'F'],
  ['messages.subscriptions',           'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'ok',   'UA',     'F'],
  ['messages.subscribe',               'ok',  'ok',     'ok',     'ok',   'ok',  'ok',   'ok',   'ok',   'ok',   'UA',     'F'],
  ['messages.dispatch',                'F',   'F',      'F',      'F',    'F',   'F',    'F',    'F',    'F',    'F',      'ok'],
  ['alerts.routing',                   'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['alerts.assign',                    'F',   'F',      'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['alerts.scan',                      'F',   'F',      'F',      'F',    'F',   'F',    'F',    'F',    'F',    'F',      'ok'],
  ['supervision.targets',              'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['supervision.send',                 'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['supervision.forBranch',            'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['supervision.forOrg',               'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['supervision.detail',               'F',   'ok',     'ok',     'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['supervision.answerOptions',        'F',   'ok',     'ok',     'F',    'F',   'F',    'F',    'F',    'NB',   'UA',     'F'],
  ['supervision.answer',               'F',   'ok',     'ok',     'F',    'F',   'F',    'F',    'F',    'NB',   'UA',     'F'],
  ['reports.list',                     'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['reports.detail',                   'F',   'F',      'F',      'F',    'F',   'ok',   'F',    'ok',   'NB',   'UA',     'F'],
  ['reports.generate',                 'F',   'F',      'F',      'F',    'F',   'F',    'F',    'F',    'F',    'F',      'ok'],
]

const CODES: Record<Exclude<Cell, 'ok'>, string> = { F: 'FORBIDDEN', NB: 'NOT_BOUND', UA: 'UNAUTHENTICATED', C: 'CONFLICT' }

type Payload = (cast: Cast, caller: CallerKind) => Promise<unknown>
let names = 0
const newName = () => `矩阵组织${++names}`
const yesterday = () => new Date(TEST_NOW.getTime() - 24 * 3_600_000).toISOString()
const MANUAL_ITEM = Object.entries(DEFAULT_RULESET.scoring.items).find(([, item]) => item.method.kind === 'manual')![0]

/** The org's rules as they stand (read by the 党委 admin), one step stricter: 临期提醒 a day earlier, from this month on. */
async function rulesDraft(c: Cast, orgId: string, save = false) {
  const current = await c.invoke('rulesets', 'get', { orgId }, 'pcAdmin')
  if (!current.ok) throw new Error(`rulesets.get ${orgId}: ${current.error.message}`)
  const { revision, ruleset, effectiveFrom } = current.data as RulesGetOutput
  return { orgId, effectiveFrom: { kind: effectiveFrom.kind, key: effectiveFrom.key }, ruleset: { ...ruleset, dueSoonDays: ruleset.dueSoonDays + 1 }, ...(save ? { revision, preset: null } : {}) }
}

/** A valid payload for each row, on a target of BRANCH_A: fresh where the action consumes it. */
export const PAYLOADS: Record<string, Payload> = {
  'identity.whoami': async () => ({}),
  'org.tree': async () => ({}),
  'org.createOrg[党小组]': async () => ({ parentId: BRANCH_A, name: newName() }),
  'org.createOrg[党支部]': async () => ({ parentId: 'org-cs', name: newName(), category: 'student' }),
  'org.renameOrg[党小组]': async (c) => ({ orgId: (await c.f.freshOrg(BRANCH_A, 'group'))._id, name: newName() }),
  'org.renameOrg[党支部]': async (c) => ({ orgId: (await c.f.freshOrg('org-cs', 'branch'))._id, name: newName() }),
  'org.moveOrg': async (c) => ({ orgId: (await c.f.freshOrg('org-cs', 'branch'))._id, parentId: 'org-fl' }),
  'org.deleteOrg': async (c) => ({ orgId: (await c.f.freshOrg(BRANCH_A, 'group'))._id }),
  'org.setMemberRoles': async (c) => ({ memberId: (await c.f.freshMember(BRANCH_A))._id, roles: ['publicity'] }),
  'org.setMemberRoles[党委管理员]': async (c) => ({ memberId: c.people.pcAdmin._id, roles: c.people.pcAdmin.roles }),
  'org.setMemberFlags': async (c) => ({ memberId: (await c.f.freshMember(BRANCH_A))._id, isLeadingCadre: true }),
  'org.setCommitteeTerm': async () => ({ branchId: BRANCH_A, termStart: '2025-06-01' }),
  'members.me': async () => ({}),
  'members.list': async () => ({ branchId: BRANCH_A, limit: 5 }),
  'members.importTemplate': async () => ({ branchId: BRANCH_A }),
  'members.importPreview': async (c) => ({ branchId: BRANCH_A, fileId: await c.rosterFile() }),
  'members.importConfirm': async (c) => ({ branchId: BRANCH_A, fileId: await c.rosterFile() }),
  'members.createInvite': async (c) => ({ memberId: (await c.f.freshMember(BRANCH_A))._id }),
  'members.claim': async (c) => {
    const target = await c.f.freshMember(BRANCH_A)
    return { method: 'number', name: target.name, number: target.number }
  },
  'members.cancelClaim': async () => ({}),
  'members.decide': async (c) => ({ requestId: (await c.f.pendingRequest(BRANCH_A))._id, approve: false, reason: '不是本人申请' }),
  'members.decide[党总支管理员]': async (c) => {
    // The 党总支 admin's own roster entry, claimed while unbound: only an admin covering their scope decides.
    const admin = await c.f.freshMember(BRANCH_A)
    await c.f.db.collection('members').doc(admin._id).update({ adminOrgIds: ['org-cs'] })
    const request = await c.f.pendingRequestFor(admin)
    return { requestId: request._id, approve: false, reason: '不是本人申请' }
  },
  'members.unbind': async (c) => ({ memberId: (await c.f.freshMember(BRANCH_A, { bound: true }))._id }),
  'members.unbind[党委管理员]': async (c) => {
    const admin = await c.f.freshMember(BRANCH_A, { bound: true })
    await c.f.db.collection('members').doc(admin._id).update({ adminOrgIds: ['org-university'] })
    return { memberId: admin._id }
  },
  'members.transfer': async (c) => ({ memberId: (await c.f.freshMember(BRANCH_A))._id, toBranchId: BRANCH_A_SIBLING }),
  'members.assignGroup': async (c) => ({ memberId: (await c.f.freshMember(BRANCH_A))._id, groupId: (await c.f.freshOrg(BRANCH_A, 'group'))._id }),
  'activities.formOptions': async () => ({ branchId: BRANCH_A }),
  'activities.post': async () => ({
    branchId: BRANCH_A, types: ['party_lecture'], topic: `矩阵发布${++names}`, place: '党员活动室', audience: { kind: 'branch' },
    startAt: new Date(TEST_NOW.getTime() + 3_600_000).toISOString(), endAt: new Date(TEST_NOW.getTime() + 7_200_000).toISOString(),
  }),
  'activities.edit': async (c) => ({ activityId: (await c.shared.upcomingActivity()).id, topic: `矩阵修改${++names}` }),
  'activities.cancel': async (c) => ({ activityId: (await c.upcoming()).id, reason: '临时改期' }),
  'activities.list': async () => ({ branchId: BRANCH_A }),
  'activities.detail': async (c) => ({ activityId: (await c.shared.openActivity()).id }),
  'activities.requestLeave': async (c) => ({ activityId: (await c.shared.upcomingActivity()).id, reason: '出差开会' }),
  'activities.withdrawLeave': async (c, caller) => {
    const activity = await c.upcoming()
    // The caller's own request, where they may file one (the others are refused before anything is read).
    await c.invoke('activities', 'requestLeave', { activityId: activity.id, reason: '外出开会请假' }, caller)
    return { activityId: activity.id }
  },
  'activities.reviewLeave': async (c) => ({ activityId: (await c.pendingLeave()).id, memberId: c.subject._id, approve: true }),
  'activities.fileMakeup': async (c) => ({ activityId: (await c.shared.closedActivity()).id, reflection: '认真学习了会议记录，收获很大。' }),
  'activities.reviewMakeup': async (c) => ({ activityId: (await c.pendingMakeup()).id, memberId: c.subject._id, approve: true }),
  'activities.respondToInvitation': async (c) => ({ activityId: (await c.invitation()).id, branchId: BRANCH_A, accept: true }),
  'activities.mine': async () => ({}),
  'activities.live': async (c) => ({ activityId: (await c.shared.openActivity()).id }),
  'activities.close': async (c) => ({ activityId: (await c.post()).id }),
  'checkin.code': async (c) => ({ activityId: (await c.shared.openActivity()).id, format: 'svg' }),
  'checkin.signIn': async (c) => {
    const code = await c.invoke('checkin', 'code', { activityId: (await c.shared.openActivity()).id, format: 'svg' }, 'secretary')
    return { token: (code as { data: { token: string } }).data.token }
  },
  'checkin.manual': async (c) => ({ activityId: (await c.shared.openActivity()).id, memberId: c.subject._id }),
  'reminders.settings': async () => ({}),
  'reminders.subscribe': async (c) => ({ activityId: (await c.shared.upcomingActivity()).id }),
  'reminders.sendDue': async () => ({}),
  'evidence.listForActivity': async (c) => ({ activityId: (await c.shared.openActivity()).id }),
  'evidence.addPhoto': async (c) => {
    const activity = await c.shared.upcomingActivity()
    return { activityId: activity.id, fileId: await c.photoFile(activity.id) }
  },
  'evidence.addMinutesText': async (c) => ({ activityId: (await c.shared.openActivity()).id, text: '会议记录：学习党章。' }),
  'evidence.addMinutesFile': async (c) => {
    const activity = await c.shared.openActivity()
    return { activityId: activity.id, fileId: await c.minutesFile(activity.id), fileName: '会议记录.pdf' }
  },
  'evidence.remove': async (c) => ({ evidenceId: (await c.evidenceOn((await c.post()).id)).id }),
  'evidence.gallery': async () => ({ branchId: BRANCH_A, month: '2026-11' }),
  'evidence.mediaCheckResult': async (c) => ({ traceId: await c.shared.pendingPhotoTrace(), suggest: 'pass' }),
  'ledger.start': async () => ({ branchId: BRANCH_A, kind: 'members_xlsx', periodKey: '2026' }),
  'ledger.status': async (c) => ({ jobId: (await c.shared.ledgerJob()).id }),
  'ledger.recent': async () => ({ branchId: BRANCH_A }),
  'ledger.report': async (c) => ({ reportId: (await c.shared.report()).id, format: 'xlsx' }),
  'compliance.overview': async () => ({ orgId: 'org-cs' }),
  'compliance.branchStatus': async () => ({ branchId: BRANCH_A }),
  'compliance.scoreSheet': async () => ({ branchId: BRANCH_A }),
  'compliance.scoreManualItem': async () => ({ branchId: BRANCH_A, year: 2026, itemId: MANUAL_ITEM, score: 1, comment: '矩阵评分' }),
  'compliance.myHours': async () => ({}),
  'compliance.submitSelfStudy': async () => ({ title: '在线课程学习', hours: 1, studiedAt: yesterday(), proofFileId: null }),
  'compliance.reviewSelfStudy': async (c) => ({ id: (await c.studyRecord()).id, approve: true }),
  'compliance.refreshBranch': async () => ({ branchId: BRANCH_A }),
  'rulesets.get[党委]': async () => ({ orgId: 'org-university' }),
  'rulesets.get[党总支]': async () => ({ orgId: 'org-cs' }),
  'rulesets.preview[党委]': async (c) => rulesDraft(c, 'org-university'),
  'rulesets.preview[党总支]': async (c) => rulesDraft(c, 'org-cs'),
  'rulesets.save[党委]': async (c) => rulesDraft(c, 'org-university', true),
  'rulesets.save[党总支]': async (c) => rulesDraft(c, 'org-cs', true),
  'rulesets.refreshStatus[党委]': async () => ({ orgId: 'org-university' }),
  'rulesets.refreshStatus[党总支]': async () => ({ orgId: 'org-cs' }),
  'inbox.summary': async () => ({}),
  'inbox.pending': async () => ({}),
  'inbox.history': async () => ({ limit: 20 }),
  'compliance-timer.rebuild': async () => ({}),
  'compliance-timer.continueRulesRefreshes': async () => ({}),
  'messages.inbox': async () => ({}),
  'messages.read': async (c, caller) => ({ id: (await c.messageFor(caller))._id }),
  'messages.readAll': async () => ({}),
  'messages.subscriptions': async () => ({}),
  'messages.subscribe': async () => ({ accepted: ['alert', 'supervision'] }),
  'messages.dispatch': async () => ({}),
  'alerts.routing': async () => ({ branchId: BRANCH_A }),
  'alerts.assign': async (c) => ({ branchId: BRANCH_A, topic: 'evidence', memberId: c.people.committee._id }),
  'alerts.scan': async () => ({}),
  'supervision.targets': async () => ({ branchId: BRANCH_A }),
  'supervision.send': async (c) => ({ branchId: BRANCH_A, targetKey: await c.freshTarget(), note: '请尽快补齐照片和会议记录' }),
  'supervision.forBranch': async () => ({ branchId: BRANCH_A }),
  'supervision.forOrg': async () => ({ orgId: 'org-cs' }),
  'supervision.detail': async (c) => ({ id: (await c.shared.supervision()).id }),
  'supervision.answerOptions': async (c) => ({ id: (await c.shared.supervision()).id }),
  'supervision.answer': async (c) => ({ id: (await c.shared.supervision()).id, activityId: null, reply: '本周内补齐' }),
  'reports.list': async () => ({ orgId: 'org-cs' }),
  'reports.detail': async (c) => ({ id: (await c.shared.report()).id }),
  'reports.generate': async () => ({}),
}

export function invocationOf(label: string): { fn: DeployedFunctionName; action: string } {
  const [name] = label.split('[')
  const dot = name.indexOf('.')
  return { fn: name.slice(0, dot) as DeployedFunctionName, action: name.slice(dot + 1) }
}

/** Runs the rows of these functions, one case per cell. */
export function describeMatrix(functions: DeployedFunctionName[]): void {
  const rows = MATRIX.filter(([label]) => functions.includes(invocationOf(label).fn))
  describe(`authorization matrix: ${functions.join(', ')}`, () => {
    let cast: Cast
    beforeAll(async () => {
      cast = await castOf()
    })
    afterAll(() => cast.dispose())

    const cases = rows.flatMap(([label, ...cells]) => cells.map((cell, index) => [label, CALLERS[index], cell] as const))
    it.each(cases)('%s by %s → %s', async (label, caller, cell) => {
      const { fn, action } = invocationOf(label)
      const result = await cast.invoke(fn, action, await PAYLOADS[label](cast, caller), caller)
      if (cell === 'ok') expect(result).toMatchObject({ ok: true })
      else expect(result).toEqual({ ok: false, error: { code: CODES[cell], message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    })
  })
}
