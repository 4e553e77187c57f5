import { deliverMessages, recipientOf } from '../../../cloudfunctions/messages/deliver'
import { COLLECTIONS } from '../../../src/domain/collections'
import type { MessageView } from '../../../src/domain/contracts'
import { MAX_SUBSCRIPTIONS_KEPT, resultMessage, type Message } from '../../../src/domain/messages'
import type { Member } from '../../../src/domain/model'
import { call, refusal } from '../../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_B, fixtures } from '../members/fixtures'

jest.setTimeout(60_000)

describe('消息 center: only the recipient reads their messages', () => {
  let env: TestCloud
  let clock = TEST_NOW
  const member = (predicate: (m: Member) => boolean) => env.demo.members.find(predicate)!
  const plain = (branchId: string, index = 0) =>
    env.demo.members.filter((m) => m.branchId === branchId && m.active && m.openid && m.roles.length === 0 && m.adminOrgIds.length === 0)[index]
  const inbox = (who: Member, last?: MessageView) =>
    call<{ messages: MessageView[]; unread: number; hasMore: boolean }>(
      env.cloud, 'messages', 'inbox', last ? { after: { createdAt: last.createdAt, id: last.id } } : {}, who.openid!,
    )
  /** `count` decisions on the member's requests, one a minute. */
  const decisions = async (who: Member, count: number) => {
    for (let index = 0; index < count; index += 1) {
      clock = new Date(TEST_NOW.getTime() + index * 60_000)
      const draft = resultMessage({
        recipient: recipientOf(who),
        subject: { kind: 'leave', requestId: `${who._id}-${index}`, activityId: 'a1', topic: `第${index + 1}次学习` },
        approved: index % 2 === 0,
        note: null,
        at: clock,
        timeZone: 'Asia/Shanghai',
      })
      await deliverMessages(env.cloud.contextFor(null), [draft, draft])
    }
  }

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => clock })
  })
  afterAll(() => env.dispose())

  it('lists newest first, a page at a time, each message once however often it is delivered', async () => {
    const owner = plain(BRANCH_A)
    await decisions(owner, 25)
    const first = await inbox(owner)
    expect(first).toMatchObject({ unread: 25, hasMore: true })
    expect(first.messages).toHaveLength(20)
    expect(first.messages[0]).toMatchObject({ kind: 'result', kindLabel: '审批结果', title: '请假已同意', link: 'member/pages/my-requests/index', read: false })
    expect(first.messages[0].body).toContain('第25次学习')
    const rest = await inbox(owner, first.messages.at(-1))
    expect(rest).toMatchObject({ hasMore: false })
    expect(rest.messages.map((m) => m.body.match(/第(\d+)次/)![1])).toEqual(['5', '4', '3', '2', '1'])
    const whoami = await call<{ unreadMessages: number }>(env.cloud, 'identity', 'whoami', {}, owner.openid!)
    expect(whoami.unreadMessages).toBe(25)
  })

  it('pages through many messages written at one instant (one alert scan) without losing any', async () => {
    const owner = plain(BRANCH_A, 5)
    const drafts = Array.from({ length: 23 }, (_, index) =>
      resultMessage({
        recipient: recipientOf(owner),
        subject: { kind: 'self_study', requestId: `same-instant-${index}`, title: `自学${index}` },
        approved: true,
        note: null,
        at: clock,
        timeZone: 'Asia/Shanghai',
      }),
    )
    await deliverMessages(env.cloud.contextFor(null), drafts)
    const first = await inbox(owner)
    const rest = await inbox(owner, first.messages.at(-1))
    const ids = [...first.messages, ...rest.messages].map((m) => m.id)
    expect(new Set(ids).size).toBe(23)
    expect(rest.hasMore).toBe(false)
  })

  it('marks a message read when its recipient opens it, and all at once', async () => {
    const owner = plain(BRANCH_A)
    const [newest] = (await inbox(owner)).messages
    expect(await call(env.cloud, 'messages', 'read', { id: newest.id }, owner.openid!)).toEqual({ unread: 24 })
    expect(await call(env.cloud, 'messages', 'read', { id: newest.id }, owner.openid!)).toEqual({ unread: 24 })
    expect((await inbox(owner)).messages[0].read).toBe(true)
    expect(await call(env.cloud, 'messages', 'readAll', {}, owner.openid!)).toEqual({ marked: 24, unread: 0 })
  })

  it('refuses another member, another branch’s secretary and an admin: their messages are not theirs', async () => {
    const owner = plain(BRANCH_A, 1)
    await decisions(owner, 1)
    const [message] = (await inbox(owner)).messages
    const strangers = [
      plain(BRANCH_A, 2),
      member((m) => m.branchId === BRANCH_B && m.roles.includes('secretary')),
      member((m) => m.branchId === BRANCH_A && m.roles.includes('secretary')),
      member((m) => m.adminOrgIds.includes('org-university')),
    ]
    for (const stranger of strangers) {
      expect(await refusal(env.cloud, 'messages', 'read', { id: message.id }, stranger.openid!)).toMatchObject({ code: 'NOT_FOUND' })
      expect((await inbox(stranger)).messages.map((m) => m.id)).not.toContain(message.id)
    }
    await call(env.cloud, 'messages', 'readAll', {}, strangers[0].openid!)
    const stored = await env.cloud.db().collection(COLLECTIONS.messages.name).doc(message.id).get()
    expect((stored.data[0] as { readAt: Date | null }).readAt).toBeNull()
    expect((await inbox(owner)).unread).toBe(1)
  })

  it('counts one-time subscriptions per WeChat identity and template, only for kinds it knows', async () => {
    const owner = plain(BRANCH_A, 3)
    await call(env.cloud, 'messages', 'subscribe', { accepted: ['result'] }, owner.openid!)
    const after = await call<{ items: { kind: string; available: number; templateId: string | null }[] }>(
      env.cloud, 'messages', 'subscribe', { accepted: ['result', 'alert'] }, owner.openid!,
    )
    expect(after.items.map(({ kind, available }) => [kind, available])).toEqual([['alert', 1], ['supervision', 0], ['result', 2], ['report', 0]])
    expect(after.items.find((item) => item.kind === 'result')?.templateId).toBe('dev-result')
    const other = await call<{ items: { kind: string; available: number }[] }>(env.cloud, 'messages', 'subscriptions', {}, plain(BRANCH_A, 4).openid!)
    expect(other.items.every((item) => item.available === 0)).toBe(true)
    expect(await refusal(env.cloud, 'messages', 'subscribe', { accepted: ['reminder'] }, owner.openid!)).toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('keeps at most MAX_SUBSCRIPTIONS_KEPT grants of a template, however often the person accepts', async () => {
    const owner = plain(BRANCH_A, 6)
    for (let index = 0; index < MAX_SUBSCRIPTIONS_KEPT + 2; index += 1) await call(env.cloud, 'messages', 'subscribe', { accepted: ['report'] }, owner.openid!)
    const { items } = await call<{ items: { kind: string; available: number }[] }>(env.cloud, 'messages', 'subscriptions', {}, owner.openid!)
    expect(items.find((item) => item.kind === 'report')?.available).toBe(MAX_SUBSCRIPTIONS_KEPT)
  })

  it('brings approval results to the applicant: leave, self-study hours', async () => {
    const applicant = plain(BRANCH_A, 6)
    const secretary = member((m) => m.branchId === BRANCH_A && m.roles.includes('secretary'))
    const start = new Date(clock.getTime() + 2 * 3_600_000)
    const activity = await call<{ id: string }>(env.cloud, 'activities', 'post', {
      branchId: BRANCH_A, types: ['party_lecture'], topic: '消息中心党课', place: '党员活动室', audience: { kind: 'branch' },
      startAt: start.toISOString(), endAt: new Date(start.getTime() + 3_600_000).toISOString(),
    }, secretary.openid!)
    await call(env.cloud, 'activities', 'requestLeave', { activityId: activity.id, reason: '出差开会' }, applicant.openid!)
    await call(env.cloud, 'activities', 'reviewLeave', { activityId: activity.id, memberId: applicant._id, approve: false, reason: '请调整出差时间' }, secretary.openid!)
    const studiedAt = new Date(clock.getTime() - 86_400_000).toISOString()
    const record = await call<{ id: string }>(env.cloud, 'compliance', 'submitSelfStudy', { title: '学习强国专题', hours: 1, studiedAt, proofFileId: null }, applicant.openid!)
    await call(env.cloud, 'compliance', 'reviewSelfStudy', { id: record.id, approve: true }, secretary.openid!)
    const { messages } = await inbox(applicant)
    expect(messages.map(({ kind, title, link }) => ({ kind, title, link })).sort((a, b) => a.title.localeCompare(b.title))).toEqual(
      [
        { kind: 'result', title: '请假未同意', link: 'member/pages/my-requests/index' },
        { kind: 'result', title: '自学学时已通过', link: 'member/pages/my-hours/index' },
      ].sort((a, b) => a.title.localeCompare(b.title)),
    )
    expect(messages.find((m) => m.title === '请假未同意')?.body).toBe('您对「消息中心党课」的请假申请未同意。说明：请调整出差时间')
    expect((await inbox(secretary)).messages.filter((m) => m.kind === 'result')).toEqual([])
  })

  it('brings binding results: to the new member’s 消息 center when approved, only to WeChat when turned down', async () => {
    const f = fixtures(env)
    const secretary = member((m) => m.branchId === BRANCH_A && m.roles.includes('secretary'))
    const approved = await f.pendingRequestFor(await f.freshMember(BRANCH_A))
    const rejected = await f.pendingRequestFor(await f.freshMember(BRANCH_A))
    await call(env.cloud, 'members', 'decide', { requestId: approved._id, approve: true }, secretary.openid!)
    await call(env.cloud, 'members', 'decide', { requestId: rejected._id, approve: false, reason: '姓名与学号不符' }, secretary.openid!)
    const stored = (await env.cloud.db().collection(COLLECTIONS.messages.name).where({ kind: 'result', branchId: BRANCH_A }).get()).data as Message[]
    const byOpenid = (openid: string) => stored.filter((message) => message.openid === openid).map(({ memberId, title, link }) => ({ memberId, title, link }))
    expect(byOpenid(approved.openid)).toEqual([{ memberId: approved.memberId, title: '身份绑定已通过', link: 'pages/home/index' }])
    expect(byOpenid(rejected.openid)).toEqual([{ memberId: null, title: '身份绑定未通过', link: 'pages/bind/index' }])
    expect((await inbox({ ...member(() => true), openid: approved.openid })).messages.map((m) => m.title)).toEqual(['身份绑定已通过'])
  })
})
