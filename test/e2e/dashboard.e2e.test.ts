import { startJourney, type Journey } from './browser'

describe('the general branch checks its branches on the phone', () => {
  let journey: Journey
  beforeAll(async () => {
    journey = await startJourney()
  })
  afterAll(() => journey?.close())

  it('sees every branch with its light, a red one with its reason, and opens the 达标 sheet', async () => {
    const { demo } = journey.env
    const generalBranch = demo.orgs.find((org) => org.kind === 'general_branch' && demo.members.some((m) => m.adminOrgIds.includes(org._id)))!
    const admin = demo.members.find((member) => member.adminOrgIds.includes(generalBranch._id))!
    const page = await journey.signIn(admin.openid!)

    await page.getByText('达标看板 ›').first().click()
    await page.getByText('达标率').waitFor()
    const branchNames = demo.orgs.filter((org) => org.kind === 'branch' && org.ancestorIds.includes(generalBranch._id)).map((org) => org.name)
    // Taro keeps earlier pages in the DOM (hidden): look inside the dashboard's rows only.
    for (const name of branchNames) await page.locator('.act-row__title:visible', { hasText: name }).first().waitFor()
    await journey.screenshot(page, 'dashboard-01-overview')

    await page.locator('.tabs__item:visible', { hasText: '红灯' }).click()
    const redRow = page.locator('.act-row:visible').first()
    await redRow.waitFor()
    expect(await redRow.textContent()).toMatch(/红灯/)
    expect(await redRow.textContent()).toMatch(/未完成|未达到|缺少/)
    await journey.screenshot(page, 'dashboard-02-red-branches')

    await redRow.click()
    await page.getByText('查看达标测评表').waitFor()
    await journey.screenshot(page, 'dashboard-03-branch-status')
    await page.getByText('查看达标测评表').click()
    await page.getByText('组织生活').first().waitFor()
    await page.getByText('保存评分').first().waitFor()
    await journey.screenshot(page, 'dashboard-04-score-sheet')
  })

  it('refuses the dashboard to a plain member with a clear message', async () => {
    const { demo } = journey.env
    const member = demo.members.find((m) => m.roles.length === 0 && m.adminOrgIds.length === 0)!
    const page = await journey.signIn(member.openid!)
    await page.goto(`${journey.server.url}/pages/dashboard/index`)
    await page.getByText('只有党总支或党委管理员可以查看各支部达标情况').waitFor()
    await journey.screenshot(page, 'dashboard-05-member-denied')
  })
})
