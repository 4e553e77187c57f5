import { PAGES } from '../../src/routes'
import { call, postThemeDay, refusal } from '../support/actions'
import { ME_TAB, secretaryOf, startWeappJourney, type WeappJourney } from './journey'

/** The 党总支 whose admin sends the 督办 (demo data: 计算机学院党总支). */
const GENERAL_BRANCH = 'org-cs'

/**
 * 督办 on a fixed clock: a 党总支 admin sends one with a note to a red branch from the dashboard;
 * its secretary sees it in 消息 (the 我的 badge), opens it (已查看) and answers with an activity
 * (已安排); the admin sees the state. A secretary of another branch can neither see nor answer it.
 */
describe('weapp: 督办 from the dashboard to the secretary and back', () => {
  let journey: WeappJourney
  beforeAll(async () => {
    journey = await startWeappJourney()
  })
  afterAll(() => journey?.close())

  const members = () => journey.env.demo.members
  const admin = () => members().find((m) => m.adminOrgIds.includes(GENERAL_BRANCH) && m.openid)!
  let branchId = ''
  let supervisionId = ''

  it('the admin sends a 督办 with a note to a red branch from the dashboard', async () => {
    const phone = await journey.phone(admin().openid!)
    await phone.tap(phone.page.find('.home__admin-org', { hasText: '计算机' }))
    await phone.tap(phone.page.find('.tabs__item', { hasText: '红灯' }))
    const redRow = phone.page.find('.act-row', { hasText: '红灯' })
    await phone.tap(phone.page.find('.tabs__item', { hasText: '督办' }))
    expect(phone.page.route).toBe(PAGES.supervisions.slice(1))
    branchId = phone.page.query.branchId
    expect(redRow.text).toContain(journey.env.demo.orgs.find((org) => org._id === branchId)!.name)
    journey.keep(phone, 'sup-01-send-form')
    const option = phone.page.all('.tabs__item').find((item) => item.text.startsWith('未完成') || item.text.startsWith('临期'))!
    await phone.tap(option)
    // A one-character note: the contract's limit shows under the field as it is typed, and nothing is sent.
    await phone.type(phone.page.find('textarea'), '请')
    expect(phone.page.find('.field__problem').text).toBe('请填写督办说明（至少 2 个字）')
    await phone.tap(phone.page.find('button', { hasText: '发送督办' }))
    expect(phone.cloudCalls.filter((call) => call.action === 'send')).toHaveLength(0)
    await phone.type(phone.page.find('textarea'), '请于月底前召开并上传痕迹')
    await phone.tap(phone.page.find('button', { hasText: '发送督办' }))
    expect(phone.device.toasts).toContain('已发送督办')
    expect(phone.device.calledApis('requestSubscribeMessage')).toHaveLength(1)
    expect(phone.page.text()).toContain('（已督办，查看 ›）')
    journey.keep(phone, 'sup-02-sent')
  })

  it('the secretary sees it in 消息 with the unread badge, opens it (已查看) and answers with an activity (已安排)', async () => {
    const secretary = secretaryOf(journey, branchId)
    // A meeting the secretary has set up for it.
    const now = new Date(journey.world.clock.nowMs())
    await postThemeDay(journey.env.cloud, secretary.openid!, branchId, now, 24 * 60)
    const phone = await journey.phone(secretary.openid!)
    expect(Number(phone.device.tabBadges.get(ME_TAB))).toBeGreaterThan(0)
    phone.switchTab(PAGES.me)
    await journey.world.settle()
    await phone.tap('消息')
    await phone.tap(phone.page.find('.msg-card', { hasText: '督办' }))
    expect(phone.page.route).toBe(PAGES.supervision.slice(1))
    supervisionId = phone.page.query.id
    expect(phone.page.text()).toContain('【已查看】')
    expect(phone.page.text()).toContain('督办说明：请于月底前召开并上传痕迹')
    journey.keep(phone, 'sup-03-viewed')
    const options = phone.page.find('picker')
    const range = (options.attributes.range as string[]) ?? []
    expect(range.length).toBeGreaterThan(0)
    // Nothing chosen and nothing written: the contract's problem under 回复, and nothing sent.
    await phone.tap(phone.page.find('button', { hasText: '提交回复' }))
    expect(phone.page.find('.field__problem').text).toBe('请选择安排的活动或填写回复')
    expect(phone.cloudCalls.filter((call) => call.action === 'answer')).toHaveLength(0)
    await phone.pick(options, range[0])
    await phone.type(phone.page.find('textarea'), '已定于明天召开')
    await phone.tap(phone.page.find('button', { hasText: '提交回复' }))
    expect(phone.device.toasts).toContain('已回复')
    expect(phone.page.text()).toContain('【已安排】')
    expect(phone.page.text()).toContain('已定于明天召开')
    journey.keep(phone, 'sup-04-arranged')
  })

  it('the admin sees its state (已安排) and the answer', async () => {
    const phone = await journey.phone(admin().openid!)
    await phone.tap('督办跟踪')
    const card = phone.page.find('.act-card', { hasText: '已定于明天召开' })
    expect(card.text).toContain('【已安排】')
    journey.keep(phone, 'sup-05-admin-state')
  })

  it('a secretary of another branch can neither see nor answer it', async () => {
    const stranger = members().find((m) => m.roles.includes('secretary') && m.active && m.openid && m.branchId !== branchId)!
    const phone = await journey.phone(stranger.openid!, `${PAGES.supervision}?id=${supervisionId}`)
    expect(phone.page.text()).toContain('只有本支部书记、支委或上级党组织管理员可以进行此操作')
    expect(phone.page.text()).not.toContain('请于月底前召开并上传痕迹')
    expect(phone.page.text()).not.toContain('提交回复')
    journey.keep(phone, 'sup-06-stranger')
    expect(await refusal(journey.env.cloud, 'supervision', 'answer', { id: supervisionId, activityId: null, reply: '冒名回复' }, stranger.openid!)).toMatchObject({ code: 'FORBIDDEN' })
    const own = await call<{ items: { id: string }[] }>(journey.env.cloud, 'supervision', 'forBranch', { branchId: stranger.branchId }, stranger.openid!)
    expect(own.items.map((item) => item.id)).not.toContain(supervisionId)
  })
})
