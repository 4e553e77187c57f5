import { CLOUD_FUNCTIONS, type DeployedFunctionName } from '../../../cloudfunctions/registry'
import { COLLECTIONS } from '../../../src/domain/collections'
import type { ActionResult } from '../../../src/domain/contracts'
import type { Evidence, Member } from '../../../src/domain/model'
import { generateMonthlyReports } from '../../../cloudfunctions/reports/generate'
import { refreshBranchSummary } from '../../../cloudfunctions/_shared/summaries'
import type { Message } from '../../../src/domain/messages'
import { call } from '../../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'
import { jpegBytes, pdfBytes } from '../evidence/helpers'
import { BRANCH_A, BRANCH_A_SIBLING, BRANCH_B, csvOf, fixtures, ROSTER_HEADER, type Fixtures } from '../members/fixtures'

/**
 * Who calls, in the matrix's column order. Every target lives in 计算机学院教工党支部 (BRANCH_A):
 * the member, committee member and secretary are its own; the sibling secretary leads another
 * branch of the same 党总支 (计算机学院); the other secretary and the other 总支 admin belong to
 * 外国语学院; the 计算机学院 总支 admin and the 党委 admin are themselves roster members of BRANCH_A.
 */
export const CALLERS = [
  'member',
  'committee',
  'secretary',
  'siblingSecretary',
  'otherSecretary',
  'gbAdmin',
  'otherGbAdmin',
  'pcAdmin',
  'unbound',
  'anonymous',
  'platform',
] as const
export type CallerKind = (typeof CALLERS)[number]

const MINUTE = 60_000

/** The demo university, its callers, and fresh targets in BRANCH_A for each case. */
export async function castOf() {
  const env: TestCloud = await startSeededCloud()
  const f: Fixtures = fixtures(env)
  const secretaryOf = (branchId: string) => f.member((m) => m.branchId === branchId && m.roles.includes('secretary'))
  const plain = env.demo.members.filter((m) => m.branchId === BRANCH_A && m.active && m.openid && m.roles.length === 0 && m.adminOrgIds.length === 0 && !m.isLeadingCadre)
  const people: Record<Exclude<CallerKind, 'unbound' | 'anonymous' | 'platform'>, Member> = {
    member: plain[0],
    committee: f.member((m) => m.branchId === BRANCH_A && m.roles.includes('organization')),
    secretary: secretaryOf(BRANCH_A),
    siblingSecretary: secretaryOf(BRANCH_A_SIBLING),
    otherSecretary: secretaryOf(BRANCH_B),
    gbAdmin: f.member((m) => m.adminOrgIds.includes('org-cs')),
    otherGbAdmin: f.member((m) => m.adminOrgIds.includes('org-fl')),
    pcAdmin: f.member((m) => m.adminOrgIds.includes('org-university')),
  }
  /** A plain member of BRANCH_A who is never a caller: the subject of requests the callers review. */
  const subject = plain[1]
  let strangers = 0
  let sequence = 0

  const invoke = (fn: DeployedFunctionName, action: string, payload: unknown, who: CallerKind): Promise<ActionResult<unknown>> => {
    const event = { action, payload }
    if (who === 'platform') return CLOUD_FUNCTIONS[fn](event, env.cloud.contextFor(null, fn === 'evidence' ? 'push' : 'timer'))
    const openid = who === 'unbound' ? `wx-stranger-${++strangers}` : who === 'anonymous' ? null : people[who].openid!
    return env.cloud.invoke(fn, event, openid)
  }

  const secretary = people.secretary.openid!
  const post = async (fields: Record<string, unknown> = {}) =>
    call<{ id: string }>(
      env.cloud,
      'activities',
      'post',
      {
        branchId: BRANCH_A,
        types: ['theme_day'],
        topic: `权限矩阵活动${++sequence}`,
        // Begun half an hour ago: open for check-in and closable now.
        startAt: new Date(TEST_NOW.getTime() - 30 * MINUTE).toISOString(),
        endAt: new Date(TEST_NOW.getTime() + 60 * MINUTE).toISOString(),
        place: '党员活动室',
        audience: { kind: 'branch' },
        ...fields,
      },
      secretary,
    )
  const upcoming = () =>
    post({ startAt: new Date(TEST_NOW.getTime() + 120 * MINUTE).toISOString(), endAt: new Date(TEST_NOW.getTime() + 180 * MINUTE).toISOString() })

  /** A held (attended) activity of BRANCH_A without 痕迹, as a 督办 target (the branch is amber for it). */
  const freshTarget = async () => {
    const activity = await post()
    await call(env.cloud, 'checkin', 'manual', { activityId: activity.id, memberId: subject._id }, secretary)
    await call(env.cloud, 'activities', 'close', { activityId: activity.id }, secretary)
    await refreshBranchSummary(env.cloud.contextFor(null), BRANCH_A, TEST_NOW.getUTCFullYear())
    return `${BRANCH_A}|evidence|${activity.id}`
  }

  /** Built once per matrix run and shared by the cases that do not consume them. */
  const shared = memo({
    openActivity: () => post(),
    upcomingActivity: upcoming,
    closedActivity: async () => {
      const activity = await post()
      await call(env.cloud, 'activities', 'close', { activityId: activity.id }, secretary)
      return activity
    },
    ledgerJob: () => call<{ id: string }>(env.cloud, 'ledger', 'start', { branchId: BRANCH_A, kind: 'members_xlsx', periodKey: '2026' }, secretary),
    /** A 督办 the 计算机学院 总支 admin sent to BRANCH_A about a held activity still 待补痕迹. */
    supervision: async () =>
      call<{ id: string }>(env.cloud, 'supervision', 'send', { branchId: BRANCH_A, targetKey: await freshTarget(), note: '请尽快补齐痕迹' }, people.gbAdmin.openid!),
    /** October's 月度通报 of 计算机学院. */
    report: async () => {
      await generateMonthlyReports(env.cloud.contextFor(null), { budgetMs: 60_000 })
      return { id: 'org-cs_2026-10' }
    },
    /** The trace id of a photo waiting for WeChat's content check. */
    pendingPhotoTrace: async () => {
      const activity = await post()
      env.cloud.contentSecurity.answerNext('image', 'pending')
      const { fileId } = await env.cloud.storage.uploadFile(`evidence/${BRANCH_A}/${activity.id}/trace.jpg`, jpegBytes())
      const photo = await call<{ id: string }>(env.cloud, 'evidence', 'addPhoto', { activityId: activity.id, fileId }, secretary)
      return ((await env.cloud.db().collection(COLLECTIONS.evidence.name).doc(photo.id).get()).data[0] as Evidence).traceId!
    },
  })

  return {
    env,
    f,
    people,
    subject,
    invoke,
    shared,
    post,
    upcoming,
    /** An activity with the subject's pending leave request. */
    async pendingLeave() {
      const activity = await upcoming()
      await call(env.cloud, 'activities', 'requestLeave', { activityId: activity.id, reason: '外出开会请假' }, subject.openid!)
      return activity
    },
    /** A held activity with the subject's pending 补学. */
    async pendingMakeup() {
      const activity = await post()
      await call(env.cloud, 'activities', 'close', { activityId: activity.id }, secretary)
      const reflection = { activityId: activity.id, reflection: '认真学习了会议记录，体会深刻。' }
      await env.cloud.invoke('activities', { action: 'fileMakeup', payload: reflection }, subject.openid!)
      return activity
    },
    /** An activity of 外国语学院教工党支部 inviting BRANCH_A. */
    async invitation() {
      return call<{ id: string }>(env.cloud, 'activities', 'post', {
        branchId: BRANCH_B,
        types: ['party_lecture'],
        topic: `联合党课邀请${++sequence}`,
        startAt: new Date(TEST_NOW.getTime() + 120 * MINUTE).toISOString(),
        endAt: new Date(TEST_NOW.getTime() + 180 * MINUTE).toISOString(),
        place: '外语楼报告厅',
        audience: { kind: 'branches', branchIds: [BRANCH_A] },
      }, secretaryOf(BRANCH_B).openid!)
    },
    async photoFile(activityId: string) {
      const { fileId } = await env.cloud.storage.uploadFile(`evidence/${BRANCH_A}/${activityId}/m${++sequence}.jpg`, jpegBytes())
      return fileId
    },
    async minutesFile(activityId: string) {
      const { fileId } = await env.cloud.storage.uploadFile(`evidence/${BRANCH_A}/${activityId}/m${++sequence}.pdf`, pdfBytes())
      return fileId
    },
    async evidenceOn(activityId: string) {
      const fileId = await this.photoFile(activityId)
      return call<{ id: string }>(env.cloud, 'evidence', 'addPhoto', { activityId, fileId }, secretary)
    },
    async rosterFile() {
      const number = `MX${String(++sequence).padStart(6, '0')}`
      return f.upload('roster.csv', csvOf([ROSTER_HEADER, [`矩阵${sequence}`, number, '教工', '正式党员', '2010-07-01', '', '', '']]), BRANCH_A)
    },
    async studyRecord() {
      const studiedAt = new Date(TEST_NOW.getTime() - 24 * 60 * MINUTE).toISOString()
      return call<{ id: string }>(env.cloud, 'compliance', 'submitSelfStudy', { title: '学习强国专题', hours: 1, studiedAt, proofFileId: null }, subject.openid!)
    },
    freshTarget,
    /** A message in the 消息 center of the caller (of the plain member for a caller without one). */
    async messageFor(who: CallerKind) {
      const owner = who in people ? people[who as keyof typeof people] : people.member
      const message: Message = {
        _id: `msg-matrix-${++sequence}`,
        memberId: owner._id,
        openid: owner.openid ?? null,
        branchId: owner.branchId,
        kind: 'alert',
        title: '矩阵预警',
        body: '矩阵测试消息',
        link: 'pages/home/index',
        sourceKey: `matrix:${sequence}`,
        fields: {},
        createdAt: TEST_NOW,
        readAt: null,
        pushStatus: 'pending',
        pushedAt: null,
        pushError: null,
      }
      await env.cloud.db().collection(COLLECTIONS.messages.name).add(message)
      return message
    },
    dispose: () => env.dispose(),
  }
}

export type Cast = Awaited<ReturnType<typeof castOf>>

function memo<T extends Record<string, () => Promise<unknown>>>(builders: T): T {
  const cache = new Map<string, Promise<unknown>>()
  return Object.fromEntries(
    Object.entries(builders).map(([name, build]) => [name, () => cache.get(name) ?? cache.set(name, build()).get(name)!]),
  ) as T
}
