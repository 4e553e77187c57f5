import { startJourney, type Journey } from './browser'
import { PAGES } from '../../src/routes'
import { addUnboundMember } from '../support/local-cloud'

const HEADER = '姓名,学号/工号,类别,党员类型,入党时间,手机号,党小组,职务'

/** Lets Taro's page transition finish so the screenshot shows the settled page. */
const settle = (page: { waitForTimeout(ms: number): Promise<void> }) => page.waitForTimeout(500)

describe('who is who: binding a new phone and importing a roster', () => {
  let journey: Journey
  beforeAll(async () => {
    journey = await startJourney()
  })
  afterAll(() => journey?.close())

  it('an unbound person claims their roster entry, the secretary approves, and the person sees their branch', async () => {
    const { demo } = journey.env
    const secretary = demo.members.find((m) => m.roles.includes('secretary') && m.category === 'teacher')!
    const branch = demo.orgs.find((org) => org._id === secretary.branchId)!
    await addUnboundMember(journey.env.cloud, { id: 'e2e-newcomer', name: '新来的', number: 'T2026099', branchId: branch._id, phone: '13912345678' })

    const phone = await journey.signIn('wx-e2e-newcomer')
    await phone.getByText('尚未绑定党员身份').first().waitFor()
    await phone.getByText('去绑定').click()
    await phone.locator('input[placeholder="与花名册一致"]').fill('新来的')
    await phone.locator('input[placeholder="如 T2005012"]').fill('T2026099')
    await settle(phone)
    await journey.screenshot(phone, 'members-01-bind-form')
    await phone.getByText('提交绑定申请').click()
    await phone.getByText('等待审批').waitFor()
    await settle(phone)
    await journey.screenshot(phone, 'members-02-bind-pending')

    const desk = await journey.signIn(secretary.openid!)
    await desk.getByText('我的资料与身份绑定 ›').click()
    await desk.getByText('待办审批（含绑定申请）').click()
    await desk.getByText('身份绑定 · 新来的').waitFor()
    await settle(desk)
    await journey.screenshot(desk, 'members-03-approvals')
    await desk.locator('.inbox-item', { hasText: '新来的' }).getByText('同意', { exact: true }).click()
    await desk.getByText('确认该微信用户就是「新来的」本人吗', { exact: false }).waitFor()
    await desk.getByText('同意', { exact: true }).last().click()
    await desk.getByText('没有待审批的请假、补学、自学学时、绑定或联合活动邀请').waitFor()

    await phone.goto(journey.server.url)
    await phone.getByText(branch.name).first().waitFor()
    await phone.getByText('新来的').first().waitFor()
    await settle(phone)
    await journey.screenshot(phone, 'members-04-bound-home')
  })

  it('the secretary previews a roster with a bad row, fixes it, imports, and finds the new member', async () => {
    const { demo } = journey.env
    const secretary = demo.members.find((m) => m.roles.includes('secretary') && m.category === 'teacher')!
    const desk = await journey.signIn(secretary.openid!)
    await desk.goto(`${journey.server.url}${PAGES.rosterImport}`)
    const upload = async (name: string, text: string) => {
      const chooser = desk.waitForEvent('filechooser')
      await desk.locator('.btn', { hasText: /选择花名册文件|重新选择文件/ }).click()
      await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + text) })
    }
    // Sixty bad rows: the preview lists the first fifty and says how many there are.
    const badRows = Array.from({ length: 60 }, (_, i) => `错${i},T20269${String(i).padStart(2, '0')},研究生,正式党员,2015-07-01,,,`)
    await upload('many-bad.csv', [HEADER, ...badRows].join('\n'))
    await desk.getByText('共 60 行错误，仅显示前 50 行').waitFor()
    await upload('bad.csv', `${HEADER}\n王新,T2026100,教工,正式党员,2015-07-01,13800001111,,\n,T2026101,教工,正式党员,2015/7/1,,,`)
    await desk.getByText('第 3 行：缺少姓名').waitFor()
    await desk.getByText('有错误，无法导入').waitFor()
    await settle(desk)
    await journey.screenshot(desk, 'members-05-import-preview-errors')

    await upload('good.csv', `${HEADER}\n王新,T2026100,教工,正式党员,2015-07-01,13800001111,,\n李新,T2026101,教工,预备党员,2026/1/5,,,`)
    await desk.getByText('确认导入').click()
    await desk.getByText('将新增 2 人').waitFor()
    await desk.getByText('导入', { exact: true }).last().click()
    await desk.getByText('导入完成').first().waitFor()
    await settle(desk)
    await journey.screenshot(desk, 'members-06-import-done')

    await desk.getByText('查看支部成员').click()
    await desk.locator('input[placeholder="搜索姓名或学号/工号"]').fill('王新')
    await desk.getByText('搜索', { exact: true }).click()
    await desk.getByText('共 1 人').waitFor()
    await desk.getByText('手机：13800001111 · 未绑定微信').waitFor()
    await settle(desk)
    await journey.screenshot(desk, 'members-07-member-list')
  })
  it('a general-branch admin adds a 党小组 in the org tree and appoints its leader', async () => {
    const { demo } = journey.env
    const admin = demo.members.find((m) => m.adminOrgIds.includes('org-cs'))!
    const branch = demo.orgs.find((org) => org._id === 'org-cs-undergrad')!
    const desk = await journey.signIn(admin.openid!)
    await desk.goto(`${journey.server.url}${PAGES.orgTree}`)
    const branchRow = desk.locator('.ppl-row', { hasText: branch.name }).first()
    await branchRow.getByText('新增党小组').click()
    await desk.locator('input[placeholder="组织名称"]').fill('二〇二三级党小组')
    await desk.getByText('保存', { exact: true }).click()
    await desk.getByText('二〇二三级党小组').first().waitFor()
    await settle(desk)
    await journey.screenshot(desk, 'members-08-org-tree')

    await branchRow.getByText('成员', { exact: true }).click()
    const row = desk.locator('.ppl-row').filter({ hasText: '预备党员' }).first()
    await row.getByText('调整', { exact: true }).click()
    await row.getByText('二〇二三级党小组').click()
    await row.locator('.ppl-meta', { hasText: '二〇二三级党小组' }).waitFor()
    await row.getByText('调整', { exact: true }).click()
    await row.getByText('党小组长', { exact: true }).click()
    await row.getByText('保存职务与标记').click()
    await row.locator('.ppl-tag', { hasText: '党小组长' }).waitFor()
    await row.scrollIntoViewIfNeeded()
    await settle(desk)
    await journey.screenshot(desk, 'members-09-appointed')
  })
})
