import { COLLECTIONS } from '../../src/domain/collections'
import type { Message } from '../../src/domain/messages'
import type { Member, OutboxMessage } from '../../src/domain/model'
import { DEV_MESSAGE_TEMPLATE_IDS } from '../../cloud-runtime/local-cloud'
import { PAGES } from '../../src/routes'
import { call, postThemeDay } from '../support/actions'
import { ME_TAB, secretaryOf, startWeappJourney, type WeappJourney } from './journey'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

/**
 * One-time subscriptions asked at a natural moment (closing an activity) from the tap, a later
 * 预警 pushed while a grant is left and spending it, the rest only in the 消息 center; the unread
 * count on the 我的 tab, kept true as messages are read.
 */
describe('weapp: subscriptions, 预警 pushes and the 消息 badge', () => {
  let journey: WeappJourney
  beforeAll(async () => {
    journey = await startWeappJourney()
  })
  afterAll(() => journey?.close())

  const db = () => journey.env.cloud.db()
  const alertsOf = async (member: Member) =>
    ((await db().collection(COLLECTIONS.messages.name).where({ memberId: member._id, kind: 'alert' }).get()).data as Message[])
  const outboxTo = async (member: Member) =>
    ((await db().collection(COLLECTIONS.outbox.name).where({ touser: member.openid! }).get()).data as OutboxMessage[])
  const available = async (member: Member, kind: string) => {
    const { items } = await call<{ items: { kind: string; available: number }[] }>(journey.env.cloud, 'messages', 'subscriptions', {}, member.openid!)
    return items.find((item) => item.kind === kind)!.available
  }
  const timer = async (name: 'alerts' | 'messages') => {
    const result = await journey.env.cloud.invokeFromPlatform(name, 'timer')
    if (!result.ok) throw new Error(result.error.message)
  }

  /** The secretary holds a 主题党日 (everyone signed in) and closes it on 签到情况, answering the subscribe dialog per template. */
  async function closeMeeting(member: Member, answers: { alert: 'accept' | 'reject'; supervision: 'accept' | 'reject' }) {
    const now = new Date(journey.world.clock.nowMs())
    const activityId = await postThemeDay(journey.env.cloud, member.openid!, member.branchId, now, 5)
    await journey.advanceClock(10 * MINUTE_MS)
    // Everyone else came (signed in by the secretary): the meeting is held, only its 痕迹 will be missing.
    for (const attendee of journey.env.demo.members.filter((m) => m.branchId === member.branchId && m.active && m._id !== member._id)) {
      await call(journey.env.cloud, 'checkin', 'manual', { activityId, memberId: attendee._id }, member.openid!)
    }
    const phone = await journey.phone(member.openid!, `${PAGES.attendanceLive}?id=${activityId}`)
    phone.device.subscribeAnswers.set(DEV_MESSAGE_TEMPLATE_IDS.alert, answers.alert)
    phone.device.subscribeAnswers.set(DEV_MESSAGE_TEMPLATE_IDS.supervision, answers.supervision)
    await phone.tap(phone.page.find('button', { hasText: '结束活动' }))
    // The dialog opened from the tap itself, before the confirm dialog.
    expect(phone.device.calledApis('requestSubscribeMessage').map((c) => c.options.tmplIds)).toEqual([
      [DEV_MESSAGE_TEMPLATE_IDS.alert, DEV_MESSAGE_TEMPLATE_IDS.supervision],
    ])
    expect(phone.device.dialog?.content).toContain('确定结束吗')
    await phone.answerDialog(true)
    expect(phone.device.toasts).toContain('活动已结束')
    return phone
  }

  it('accepted at the close: a later 预警 reaches WeChat once and spends the grant; the others stay in the 消息 center', async () => {
    const secretary = secretaryOf(journey, 'org-cs-teacher')
    await closeMeeting(secretary, { alert: 'accept', supervision: 'reject' })
    expect(await available(secretary, 'alert')).toBe(1)
    expect(await available(secretary, 'supervision')).toBe(0)

    // A day and more later the 痕迹 are still missing: the morning scan warns, the dispatcher pushes.
    await journey.advanceClock(25 * HOUR_MS)
    await timer('alerts')
    await timer('messages')
    const alerts = await alertsOf(secretary)
    expect(alerts.some((message) => message.title.includes('主题党日：参观校史馆'))).toBe(true)
    expect(alerts.filter((message) => message.pushStatus === 'sent')).toHaveLength(1)
    expect(alerts.filter((message) => message.pushStatus !== 'sent').every((message) => message.pushStatus === 'no_quota')).toBe(true)
    const pushed = (await outboxTo(secretary)).filter((sent) => sent.templateId === DEV_MESSAGE_TEMPLATE_IDS.alert)
    expect(pushed).toHaveLength(1)
    expect(await available(secretary, 'alert')).toBe(0)
  })

  it('declined (or none left): the 预警 reaches only the 消息 center', async () => {
    const secretary = secretaryOf(journey, 'org-fl-teacher')
    await closeMeeting(secretary, { alert: 'reject', supervision: 'reject' })
    expect(await available(secretary, 'alert')).toBe(0)
    await journey.advanceClock(25 * HOUR_MS)
    await timer('alerts')
    await timer('messages')
    const alerts = await alertsOf(secretary)
    expect(alerts.length).toBeGreaterThan(0)
    expect(alerts.every((message) => message.pushStatus === 'no_quota')).toBe(true)
    expect((await outboxTo(secretary)).filter((sent) => sent.templateId === DEV_MESSAGE_TEMPLATE_IDS.alert)).toEqual([])
  })

  it('shows the unread count on the 我的 tab from start-up, and lowers it as a message is opened and on returning to a tab', async () => {
    const secretary = secretaryOf(journey, 'org-fl-teacher')
    const unread = (await call<{ unreadMessages: number }>(journey.env.cloud, 'identity', 'whoami', {}, secretary.openid!)).unreadMessages
    expect(unread).toBeGreaterThan(1)
    const phone = await journey.phone(secretary.openid!)
    expect(phone.device.tabBadges.get(ME_TAB)).toBe(String(unread))

    phone.switchTab(PAGES.me)
    await journey.world.settle()
    await phone.tap('消息')
    expect(phone.page.route).toBe(PAGES.messages.slice(1))
    expect(phone.page.text()).toContain(`${unread} 条未读`)
    journey.keep(phone, 'msg-01-center')
    // Opening one marks it read and goes where it is resolved (the 痕迹 of the activity).
    await phone.tap(phone.page.find('.msg-card', { hasText: '主题党日：参观校史馆' }))
    expect(phone.page.route).toBe(PAGES.evidence.slice(1))
    // Not a tab page: WeChat keeps the badge until a tab page shows.
    expect(phone.device.tabBadges.get(ME_TAB)).toBe(String(unread))
    phone.navigateBack()
    await journey.world.settle()
    phone.navigateBack()
    await journey.world.settle()
    expect(phone.page.route).toBe(PAGES.me.slice(1))
    expect(phone.device.tabBadges.get(ME_TAB)).toBe(String(unread - 1))
    expect(phone.page.text()).toContain(`${unread - 1} 条未读`)

    await phone.tap('消息')
    await phone.tap('全部标为已读')
    expect(phone.page.text()).toContain('没有未读消息')
    phone.navigateBack()
    await journey.world.settle()
    expect(phone.device.tabBadges.has(ME_TAB)).toBe(false)
    phone.switchTab(PAGES.home)
    await journey.world.settle()
    expect(phone.device.tabBadges.has(ME_TAB)).toBe(false)
  })
})
