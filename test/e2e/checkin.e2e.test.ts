import { COLLECTIONS } from '../../src/domain/collections'
import jsQR from 'jsqr'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { startJourney, type Journey } from './browser'

/** Lets Taro's page slide-in finish before a screenshot (a picture, not an assertion). */
const settle = (page: Page) => page.waitForTimeout(600)

/** Real clock (the journey's runtime uses new Date()): the activity starts 10 minutes from now. */
describe('a meeting on phones: post, show the rotating code, scan, watch, close', () => {
  let journey: Journey
  beforeAll(async () => {
    journey = await startJourney()
  })
  afterAll(() => journey?.close())

  it('takes a member from the QR link to 签到成功 and shows it on the secretary’s screen', async () => {
    const { env } = journey
    const secretary = env.demo.members.find((member) => member.roles.includes('secretary') && member.category === 'teacher')!
    const member = env.demo.members.find(
      (candidate) =>
        candidate.branchId === secretary.branchId && candidate.roles.length === 0 && candidate.adminOrgIds.length === 0 && candidate.active,
    )!
    const start = new Date(Date.now() + 10 * 60 * 1000)
    const posted = await env.cloud.invoke(
      'activities',
      {
        action: 'post',
        payload: {
          branchId: secretary.branchId,
          types: ['theme_day', 'party_lecture'],
          topic: '主题党日：重温入党誓词',
          startAt: start.toISOString(),
          endAt: new Date(start.getTime() + 90 * 60 * 1000).toISOString(),
          place: '党员活动室',
          speakerName: '王教授',
          audience: { kind: 'branch' },
        },
      },
      secretary.openid!,
    )
    if (!posted.ok) throw new Error(posted.error.message)
    const activityId = (posted.data as { id: string }).id

    const phone = await journey.signIn(secretary.openid!)
    await phone.getByText('主题党日：重温入党誓词').first().waitFor()
    await journey.screenshot(phone, '20-home-upcoming')
    await phone.getByText('主题党日：重温入党誓词').first().click()
    await phone.getByText('出示签到码').first().waitFor()
    await settle(phone)
    await journey.screenshot(phone, '21-activity-manage')
    await phone.getByText('出示签到码').first().click()
    await phone.getByText('请用微信扫码签到').waitFor()
    await phone.locator('img[src^="data:image/svg+xml"]').first().waitFor()
    await settle(phone)
    await journey.screenshot(phone, '22-checkin-code')

    // Read the code off the secretary's screen, as a member's camera would.
    const qrImage = phone.locator('img[src^="data:image/svg+xml"]:visible').first()
    const png = PNG.sync.read(await qrImage.screenshot())
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(decoded).not.toBeNull()
    const link = decoded!.data
    expect(link.startsWith(`${journey.server.url}/pages/checkin-scan/index?t=`)).toBe(true)
    const memberPhone = await journey.signIn(member.openid!)
    await memberPhone.goto(link)
    await memberPhone.getByText('签到成功').first().waitFor()
    await journey.screenshot(memberPhone, '23-member-signed-in')
    await memberPhone.goto(link)
    await memberPhone.getByText('已签到').first().waitFor()

    await phone.goto(`${journey.server.url}/pages/attendance-live/index?id=${activityId}`)
    await phone.getByText(member.name).first().waitFor()
    await phone.getByText('出勤率').waitFor()
    await journey.screenshot(phone, '24-attendance-live')

    await phone.goto(`${journey.server.url}/pages/activity-edit/index?branchId=${secretary.branchId}`)
    await phone.getByText('活动类型（可多选）').waitFor()
    await phone.getByText('发布活动').last().waitFor()
    await journey.screenshot(phone, '25-post-activity-form')
    const { total } = await env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId }).count()
    expect(total).toBe(1)
  })
})
