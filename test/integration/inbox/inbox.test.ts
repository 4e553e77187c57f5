import { COLLECTIONS } from '../../../src/domain/collections'
import type { HandledItem, InboxItem } from '../../../src/domain/contracts/inbox'
import type { Member } from '../../../src/domain/model'
import { call, postThemeDay, refusal } from '../../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_B, fixtures, type Fixtures } from '../members/fixtures'

const MINUTE = 60_000

/** One inbox for 请假, 补学, 自学学时, 绑定 and 联合活动邀请: what waits, the reasons asked, what was handled. */
describe('the approvals inbox', () => {
  let env: TestCloud
  let f: Fixtures
  let clock = TEST_NOW
  let secretary: Member
  let committee: Member
  let gbAdmin: Member
  let asker: Member
  let absentee: Member
  const inbox = <T>(action: string, payload: unknown, who: Member) => call<T>(env.cloud, 'inbox', action, payload, who.openid!)
  const pendingOf = async (who: Member) => (await inbox<{ items: InboxItem[] }>('pending', {}, who)).items
  const historyOf = async (who: Member, limit = 50) => inbox<{ items: HandledItem[]; hasMore: boolean }>('history', { limit }, who)

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => clock })
    f = fixtures(env)
    secretary = f.member((m) => m.branchId === BRANCH_A && m.roles.includes('secretary'))
    committee = f.member((m) => m.branchId === BRANCH_A && m.roles.includes('organization'))
    gbAdmin = f.member((m) => m.adminOrgIds.includes('org-cs'))
    ;[asker, absentee] = env.demo.members.filter(
      (m) => m.branchId === BRANCH_A && m.active && m.openid && m.roles.length === 0 && m.adminOrgIds.length === 0 && !m.isLeadingCadre,
    )
  })
  afterAll(() => env.dispose())

  it('gathers every kind waiting for the branch, and counts them for the home page', async () => {
    const before = await inbox<{ counts: Record<string, number>; waiting: number }>('summary', {}, secretary)
    const upcoming = await postThemeDay(env.cloud, secretary.openid!, BRANCH_A, clock, 60)
    await call(env.cloud, 'activities', 'requestLeave', { activityId: upcoming, reason: '赴外地参加学术会议' }, asker.openid!)
    await call(env.cloud, 'compliance', 'submitSelfStudy', { title: '学习强国专题', hours: 1, studiedAt: clock.toISOString(), proofFileId: null }, asker.openid!)
    const held = await postThemeDay(env.cloud, secretary.openid!, BRANCH_A, clock, -30)
    await call(env.cloud, 'activities', 'close', { activityId: held }, secretary.openid!)
    await call(env.cloud, 'activities', 'fileMakeup', { activityId: held, reflection: '认真学习了会议记录，收获很大。' }, absentee.openid!)
    const claim = await f.pendingRequest(BRANCH_A)
    const otherSecretary = f.member((m) => m.branchId === BRANCH_B && m.roles.includes('secretary'))
    const joint = await call<{ id: string }>(
      env.cloud,
      'activities',
      'post',
      {
        branchId: BRANCH_B,
        types: ['party_lecture'],
        topic: '联合党课：邀请计算机学院',
        startAt: new Date(clock.getTime() + 2 * 60 * MINUTE).toISOString(),
        endAt: new Date(clock.getTime() + 3 * 60 * MINUTE).toISOString(),
        place: '外国语学院报告厅',
        audience: { kind: 'branches', branchIds: [BRANCH_A] },
      },
      otherSecretary.openid!,
    )

    const items = await pendingOf(secretary)
    expect(new Set(items.map((item) => item.kind))).toEqual(new Set(['leave', 'makeup', 'selfStudy', 'binding', 'invitation']))
    expect(items).toContainEqual(expect.objectContaining({ kind: 'makeup', from: absentee.name, activityId: held }))
    expect(items).toContainEqual(expect.objectContaining({ kind: 'leave', from: asker.name, text: '赴外地参加学术会议', activityId: upcoming }))
    expect(items).toContainEqual(expect.objectContaining({ kind: 'binding', requestId: claim._id }))
    expect(items).toContainEqual(expect.objectContaining({ kind: 'invitation', activityId: joint.id, branchId: BRANCH_A, from: '外国语学院教工党支部' }))

    const after = await inbox<{ counts: Record<string, number>; waiting: number; branch: { id: string } }>('summary', {}, secretary)
    expect(after.waiting).toBe(items.length)
    expect(after.counts).toEqual({
      leave: before.counts.leave + 1,
      makeup: before.counts.makeup + 1,
      selfStudy: before.counts.selfStudy + 1,
      binding: before.counts.binding + 1,
      invitation: before.counts.invitation + 1,
    })
    expect(after.branch.id).toBe(BRANCH_A)
  })

  it('gives each manager what is theirs to decide: a committee member no bindings, a 党总支 admin the bindings below it', async () => {
    expect((await pendingOf(committee)).map((item) => item.kind)).not.toContain('binding')
    const forAdmin = await pendingOf(gbAdmin)
    expect(forAdmin.length).toBeGreaterThan(0)
    expect(forAdmin.every((item) => item.kind === 'binding')).toBe(true)
    expect((await inbox<{ branch: unknown }>('summary', {}, gbAdmin)).branch).toBeNull()
    const member = asker
    expect(await refusal(env.cloud, 'inbox', 'pending', {}, member.openid!)).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/支委/) })
    expect((await refusal(env.cloud, 'inbox', 'summary', {}, null)).code).toBe('UNAUTHENTICATED')
  })

  it('asks for a reason to turn a request down, shows it to the member and keeps what was handled', async () => {
    const leave = (await pendingOf(secretary)).find((item) => item.kind === 'leave' && item.from === asker.name)!
    if (leave.kind !== 'leave') throw new Error('no leave request')
    const refuse = { activityId: leave.activityId, memberId: leave.memberId, approve: false }
    expect(await refusal(env.cloud, 'activities', 'reviewLeave', refuse, secretary.openid!)).toMatchObject({ code: 'INVALID_INPUT', message: '不同意时请写明理由' })
    await call(env.cloud, 'activities', 'reviewLeave', { ...refuse, reason: '本次为换届选举，请务必参会' }, secretary.openid!)
    const detail = await call<{ myLeave: { status: string; reviewNote: string } }>(env.cloud, 'activities', 'detail', { activityId: leave.activityId }, asker.openid!)
    expect(detail.myLeave).toMatchObject({ status: 'rejected', reviewNote: '本次为换届选举，请务必参会' })

    const study = (await pendingOf(secretary)).find((item) => item.kind === 'selfStudy')!
    if (study.kind !== 'selfStudy') throw new Error('no self-study')
    expect((await refusal(env.cloud, 'compliance', 'reviewSelfStudy', { id: study.recordId, approve: false }, secretary.openid!)).code).toBe('INVALID_INPUT')
    clock = new Date(clock.getTime() + MINUTE)
    await call(env.cloud, 'compliance', 'reviewSelfStudy', { id: study.recordId, approve: false, reason: '请上传结业证书' }, secretary.openid!)
    const stored = await env.cloud.db().collection(COLLECTIONS.studyRecords.name).doc(study.recordId).get()
    expect(stored.data[0]).toMatchObject({ status: 'rejected', reviewedBy: secretary._id, reviewedAt: clock, reviewNote: '请上传结业证书' })

    const invitation = (await pendingOf(secretary)).find((item) => item.kind === 'invitation')!
    if (invitation.kind !== 'invitation') throw new Error('no invitation')
    const decline = { activityId: invitation.activityId, branchId: invitation.branchId, accept: false }
    expect((await refusal(env.cloud, 'activities', 'respondToInvitation', decline, secretary.openid!)).code).toBe('INVALID_INPUT')
    clock = new Date(clock.getTime() + MINUTE)
    await call(env.cloud, 'activities', 'respondToInvitation', { ...decline, reason: '与本支部组织生活会冲突' }, secretary.openid!)

    const { items } = await historyOf(secretary)
    const top = items.slice(0, 3)
    expect(top.map((item) => [item.kind, item.approved, item.decisionLabel, item.reason, item.decidedByName])).toEqual([
      ['invitation', false, '已谢绝', '与本支部组织生活会冲突', secretary.name],
      ['selfStudy', false, '退回', '请上传结业证书', secretary.name],
      ['leave', false, '不同意', '本次为换届选举，请务必参会', secretary.name],
    ])
    expect((await pendingOf(secretary)).map((item) => item.key)).not.toContain(leave.key)
  })

  it('pages the history: the newest first, and whether there is more', async () => {
    const all = await historyOf(secretary, 200)
    expect(all.items.length).toBeGreaterThan(2)
    const first = await historyOf(secretary, 2)
    expect(first).toEqual({ items: all.items.slice(0, 2), hasMore: true })
    const decidedAt = all.items.map((item) => item.decidedAt)
    expect([...decidedAt].sort().reverse()).toEqual(decidedAt)
  })
})
