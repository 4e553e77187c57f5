import { startJourney, type Journey } from './browser'

describe('a secretary opens the app for the first time', () => {
  let journey: Journey
  beforeAll(async () => {
    journey = await startJourney()
  })
  afterAll(() => journey?.close())

  it('picks a demo identity on the dev sign-in page and sees who they are and their branch', async () => {
    const secretary = journey.env.demo.members.find((member) => member.roles.includes('secretary') && member.category === 'teacher')!
    const branch = journey.env.demo.orgs.find((org) => org._id === secretary.branchId)!
    const page = await journey.newPhone()

    await page.goto(journey.server.url)
    await page.waitForURL(/\/dev\/signin/)
    await page.getByText(secretary.name, { exact: false }).first().waitFor()
    await journey.screenshot(page, '01-dev-signin')

    await page.locator(`button[data-openid="${secretary.openid}"]`).click()
    await page.getByText(branch.name).first().waitFor()
    await page.getByText(secretary.name).first().waitFor()
    await page.getByText('书记').first().waitFor()
    await journey.screenshot(page, '02-home-secretary')
    expect(await page.locator('#dev-identity-banner').textContent()).toContain(secretary.name)
  })

  it('shows a clear message to an identity bound to nobody', async () => {
    const page = await journey.newPhone()
    await page.goto(`${journey.server.url}/dev/signin`)
    await page.evaluate(() => localStorage.setItem('zbt.devOpenid', 'wx-openid-of-a-stranger'))
    await page.goto(journey.server.url)
    await page.getByText('尚未绑定党员身份').waitFor()
    await journey.screenshot(page, '03-home-not-bound')
  })
})
