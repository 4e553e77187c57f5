import { startWeappJourney, field, type WeappJourney } from './journey'
import { PAGES } from '../../src/routes'
import { addUnboundMember } from '../support/local-cloud'

/** Binding a new phone on the mini program: the secretary hands out an invite code, the person claims, the secretary approves. */
describe('weapp: binding with an invite code and the secretary’s approval', () => {
  let journey: WeappJourney
  beforeAll(async () => {
    journey = await startWeappJourney()
  })
  afterAll(() => journey?.close())

  it('the secretary makes an invite code for an unbound roster entry; the person claims it, is approved and sees their branch', async () => {
    const { demo } = journey.env
    const secretary = demo.members.find((m) => m.roles.includes('secretary') && m.category === 'teacher')!
    const branch = demo.orgs.find((org) => org._id === secretary.branchId)!
    await addUnboundMember(journey.env.cloud, { id: 'weapp-newcomer', name: '新来的', number: 'T2026098', branchId: branch._id })

    const desk = await journey.phone(secretary.openid!)
    await desk.tap('我的资料与身份绑定 ›')
    await desk.tap('支部成员')
    await desk.type(field(desk.page, '搜索姓名或学号/工号'), '新来的')
    await desk.tap(desk.page.find('button', { hasText: '搜索' }))
    const row = desk.page.find('.ppl-row', { hasText: 'T2026098' })
    expect(row.text).toContain('未绑定微信')
    await desk.tap(row.find('button', { hasText: '生成邀请码' }))
    expect(desk.device.dialog?.content).toContain('为「新来的」生成绑定邀请码')
    await desk.answerDialog(true)
    const shown = desk.device.dialog
    expect(shown?.title).toBe('邀请码（只显示一次）')
    const code = /^([A-Z0-9-]+)\n/.exec(shown!.content)?.[1]
    expect(code).toBeTruthy()
    await desk.answerDialog(true)
    journey.keep(desk, 'members-01-invite-code')

    const phone = await journey.phone('wx-weapp-newcomer')
    expect(phone.page.text()).toContain('尚未绑定')
    await phone.tap('去绑定')
    await phone.tap(phone.page.find('.ppl-tab', { hasText: '邀请码' }))
    await phone.type(field(phone.page, '如 ABCD-EFGH'), code!)
    await phone.tap('提交绑定申请')
    expect(phone.device.toasts).toContain('已提交申请')
    expect(phone.page.text()).toContain('等待审批')
    expect(phone.page.text()).toContain(`${branch.name} · 新来的`)
    journey.keep(phone, 'members-02-bind-pending')

    await desk.open(PAGES.home)
    await desk.tap('我的资料与身份绑定 ›')
    await desk.tap('待办审批（含绑定申请）')
    expect(desk.page.text()).toContain('身份绑定 · 新来的')
    expect(desk.page.text()).toContain('邀请码')
    await desk.tap(desk.page.find('.inbox-item', { hasText: '新来的' }).find('button', { hasText: '同意' }))
    expect(desk.device.dialog?.content).toContain('确认该微信用户就是「新来的」本人吗')
    await desk.answerDialog(true)
    expect(desk.page.text()).toContain('没有待审批的请假、补学、自学学时、绑定或联合活动邀请')
    journey.keep(desk, 'members-03-approved')

    await phone.tap('刷新状态')
    expect(phone.page.text()).toContain('已绑定')
    await phone.tap('返回首页')
    expect(phone.page.route).toBe(PAGES.home.slice(1))
    expect(phone.page.find('.home__name').text).toBe('新来的')
    expect(phone.page.find('.home__branch').text).toBe(branch.name)
    journey.keep(phone, 'members-04-bound-home')
  })
})
