import type { Page } from 'playwright-core'
import { renderDemoPhotos } from '../../cloud-runtime/seed/photos'
import { COLLECTIONS } from '../../src/domain/collections'
import type { Attendance, Member } from '../../src/domain/model'
import { DEFAULT_RULESET } from '../../src/domain/ruleset'
import { wallClockOf } from '../../src/domain/time'
import { branchCast } from '../support/local-cloud'
import { field, readQrCode, settle, startJourney, type Journey } from './browser'
import { PAGES } from '../../src/routes'

const BRANCH_ID = 'org-cs-teacher'
const TOPIC = '主题党日：重温入党誓词'
const MINUTE_MS = 60_000
const CREDIT_HOURS = 2

/** 'X / Y 学时' at the top of 我的学时. */
async function totalHours(page: Page): Promise<number> {
  const title = page.locator('.act-title:visible', { hasText: '学时' }).first()
  await title.waitFor()
  return Number(/^([\d.]+)\s*\//.exec((await title.textContent()) ?? '')?.[1])
}

/** The 支部达标 grid's 主题党日 cell for the month of `instant`, opened: how many counted, and its status. */
async function themeDayOfMonth(page: Page, instant: Date): Promise<{ counted: number; status: string }> {
  const month = wallClockOf(instant, DEFAULT_RULESET.timeZone)
  const row = page.locator('.grid-row:visible', { hasText: '主题党日' }).first()
  await row.waitFor()
  await row.locator('.grid-cell').nth(month.month()).click()
  const detail = page.locator('.grid-detail:visible')
  await detail.waitFor()
  const text = (await detail.textContent()) ?? ''
  expect(text).toContain(`${month.year()}年${month.month() + 1}月`)
  const counted = /完成 (\d+)\/(\d+)/.exec(text)
  if (!counted) throw new Error(`no count in "${text}"`)
  const status = (await detail.locator('[class*="status--"]').first().textContent()) ?? ''
  await detail.getByText('关闭', { exact: true }).click()
  await detail.waitFor({ state: 'hidden' })
  return { counted: Number(counted[1]), status }
}

/**
 * Journeys 1–3 of the mission, one after the other on one runtime, as they happen on a branch's
 * phones: a meeting is posted and signed in to, leave is approved, the 痕迹 go up, the meeting
 * closes and counts, and the general branch sees the branch's standing.
 */
describe('a meeting from posting to the general branch’s dashboard', () => {
  let journey: Journey
  let secretary: Member
  let attendee: Member
  let absentee: Member
  let activityId: string
  let secretaryPhone: Page
  let attendeePhone: Page
  let hoursBefore: number
  let activityStart: Date
  beforeAll(async () => {
    journey = await startJourney()
    const cast = branchCast(journey.env.demo, BRANCH_ID)
    secretary = cast.secretary
    ;[attendee, absentee] = cast.plainMembers
  })
  afterAll(() => journey?.close())

  it('journey 1: the secretary posts a 主题党日 that is also a 党课, shows the code; a member scans it; another asks for leave and gets it', async () => {
    secretaryPhone = await journey.signIn(secretary.openid!)
    const phone = secretaryPhone
    await phone.getByText('发布活动').first().click()
    await phone.getByText('活动类型（可多选）').waitFor()
    await phone.locator('.act-tag:visible', { hasText: '主题党日' }).click()
    await phone.locator('.act-tag:visible', { hasText: '党课' }).click()
    await field(phone, '例如：学习党的二十届四中全会精神').fill(TOPIC)
    await phone.getByText('10 分钟后开始').click()
    await field(phone, '例如：党员活动室').fill('党员活动室')
    await field(phone, '主讲人姓名（校外专家等）').fill('王教授')
    // The secretary sets the credit rather than leaving it to the duration.
    await phone.locator('.field:visible', { hasText: '学时（不填按时长计' }).locator('input').fill(String(CREDIT_HOURS))
    await settle(phone)
    await journey.screenshot(phone, 'j1-01-post-form')
    await phone.locator('.btn:visible', { hasText: '发布活动' }).click()

    await phone.getByText('出示签到码').first().waitFor()
    await phone.getByText('主题党日').first().waitFor()
    activityId = new URL(phone.url()).searchParams.get('id') ?? ''
    const posted = (await journey.env.cloud.db().collection(COLLECTIONS.activities.name).doc(activityId).get()).data[0]
    expect(posted).toMatchObject({ topic: TOPIC, types: ['theme_day', 'party_lecture'], speakerName: '王教授', status: 'scheduled', creditHours: CREDIT_HOURS })
    activityStart = posted.startAt
    await settle(phone)
    await journey.screenshot(phone, 'j1-02-activity-posted')

    await phone.getByText('出示签到码').first().click()
    await phone.getByText('请用微信扫码签到').waitFor()
    const link = await readQrCode(phone)
    expect(link.startsWith(`${journey.server.url}${PAGES.checkinScan}?t=`)).toBe(true)
    await journey.screenshot(phone, 'j1-03-checkin-code')

    attendeePhone = await journey.signIn(attendee.openid!)
    await attendeePhone.goto(link)
    await attendeePhone.getByText('签到成功').first().waitFor()
    await journey.screenshot(attendeePhone, 'j1-04-member-signed-in')
    await attendeePhone.goto(link)
    await attendeePhone.getByText('已签到').first().waitFor()
    await attendeePhone.getByText('您已签到，无需重复扫码').waitFor()
    await journey.screenshot(attendeePhone, 'j1-05-member-scans-again')

    const absenteePhone = await journey.signIn(absentee.openid!)
    await absenteePhone.goto(`${journey.server.url}${PAGES.activity}?id=${activityId}`)
    await field(absenteePhone, '请填写请假事由').fill('赴外地参加学术会议')
    await absenteePhone.getByText('提交请假').click()
    await absenteePhone.getByText('请假：待审批', { exact: false }).waitFor()
    await journey.screenshot(absenteePhone, 'j1-06-leave-requested')

    await phone.goto(journey.server.url)
    await phone.getByText('待办审批').first().click()
    await phone.getByText(`请假 · ${absentee.name}`).waitFor()
    await settle(phone)
    await journey.screenshot(phone, 'j1-07-leave-to-approve')
    await phone.locator('.inbox-item:visible').getByText('同意', { exact: true }).first().click()
    await phone.getByText('同意', { exact: true }).last().click()
    await phone.getByText('没有待审批的请假、补学、自学学时、绑定或联合活动邀请').waitFor()

    await absenteePhone.reload()
    await absenteePhone.getByText('请假：已同意', { exact: false }).waitFor()
    await journey.screenshot(absenteePhone, 'j1-08-leave-approved')

    await phone.goto(`${journey.server.url}${PAGES.attendanceLive}?id=${activityId}`)
    await phone.locator('.act-card:visible', { hasText: '出席（1）' }).getByText(attendee.name).waitFor()
    await phone.locator('.act-card:visible', { hasText: '请假（1）' }).getByText(absentee.name).waitFor()
    await settle(phone)
    await journey.screenshot(phone, 'j1-09-attendance-live')
    const records = (await journey.env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId }).get()).data as Attendance[]
    expect(records.map((record) => [record.memberId, record.state]).sort()).toEqual(
      [
        [attendee._id, 'present'],
        [absentee._id, 'leave'],
      ].sort(),
    )
  })

  it('journey 2: two photos and the minutes, then closing: the member’s 学时 rise by the credit hours and this month’s 主题党日 is 已完成', async () => {
    await attendeePhone.goto(`${journey.server.url}${PAGES.myHours}`)
    hoursBefore = await totalHours(attendeePhone)
    await secretaryPhone.goto(`${journey.server.url}${PAGES.branchStatus}?branchId=${BRANCH_ID}`)
    const themeDayBefore = await themeDayOfMonth(secretaryPhone, activityStart)
    await journey.screenshot(secretaryPhone, 'j2-01-branch-status-before')

    // The meeting is under way.
    await journey.advanceClock(15 * MINUTE_MS)
    const phone = secretaryPhone
    await phone.goto(`${journey.server.url}${PAGES.evidence}?activityId=${activityId}`)
    await phone.getByText('添加照片').waitFor()
    const photos = renderDemoPhotos()
    const chooser = phone.waitForEvent('filechooser')
    await phone.getByText('添加照片').click()
    await (
      await chooser
    ).setFiles([
      { name: 'meeting-1.png', mimeType: 'image/png', buffer: Buffer.from(photos.meetingRoom) },
      { name: 'meeting-2.png', mimeType: 'image/png', buffer: Buffer.from(photos.lectureHall) },
    ])
    await phone.waitForFunction(() => document.querySelectorAll('.evidence__thumb').length === 2)
    await phone.locator('textarea:visible').fill('会议记录：全体党员重温入党誓词，王教授讲授专题党课，与会党员交流学习体会。')
    await phone.getByText('保存会议记录').click()
    await phone.getByText('会议记录：全体党员重温入党誓词', { exact: false }).last().waitFor()
    await settle(phone)
    await journey.screenshot(phone, 'j2-02-evidence-uploaded')

    await phone.goto(`${journey.server.url}${PAGES.attendanceLive}?id=${activityId}`)
    await phone.locator('.btn:visible', { hasText: '结束活动' }).click()
    await phone.getByText('确定结束吗', { exact: false }).waitFor()
    await journey.screenshot(phone, 'j2-03-close-confirm')
    await phone.getByText('结束活动', { exact: true }).last().click()
    await phone.locator('.act-label:visible', { hasText: '缺席' }).waitFor()
    await settle(phone)
    await journey.screenshot(phone, 'j2-04-closed')

    const activity = (await journey.env.cloud.db().collection(COLLECTIONS.activities.name).doc(activityId).get()).data[0]
    expect(activity.status).toBe('closed')
    await attendeePhone.reload()
    await attendeePhone.getByText(TOPIC).first().waitFor()
    expect(await totalHours(attendeePhone)).toBeCloseTo(hoursBefore + CREDIT_HOURS, 5)
    await journey.screenshot(attendeePhone, 'j2-05-member-hours')

    await phone.goto(`${journey.server.url}${PAGES.branchStatus}?branchId=${BRANCH_ID}`)
    const themeDayAfter = await themeDayOfMonth(phone, activityStart)
    expect(themeDayAfter).toEqual({ counted: themeDayBefore.counted + 1, status: '已完成' })
    await journey.screenshot(phone, 'j2-06-branch-status-after')
  })

  it('journey 3: the general branch sees that branch green and another red with the reason, and opens the 达标 sheet', async () => {
    const { demo } = journey.env
    const branch = demo.orgs.find((org) => org._id === BRANCH_ID)!
    const generalBranchId = branch.parentId!
    const admin = demo.members.find((member) => member.adminOrgIds.includes(generalBranchId))!
    const page = await journey.signIn(admin.openid!)

    await page.getByText('达标看板 ›').first().click()
    await page.getByText('达标率', { exact: true }).waitFor()
    const branchRow = page.locator('.act-row:visible', { hasText: branch.name })
    await branchRow.waitFor()
    expect(await branchRow.textContent()).toContain('绿灯')
    await settle(page)
    await journey.screenshot(page, 'j3-01-dashboard')

    await page.locator('.tabs__item:visible', { hasText: '红灯' }).click()
    const redRow = page.locator('.act-row:visible').first()
    await redRow.waitFor()
    expect(await redRow.textContent()).toMatch(/红灯/)
    expect(await redRow.textContent()).toMatch(/未完成|未达到|缺少/)
    await journey.screenshot(page, 'j3-02-red-branches')

    await redRow.click()
    await page.getByText('查看达标测评表').waitFor()
    await page.locator('.light-banner__meta:visible', { hasText: '·' }).first().waitFor()
    await settle(page)
    await journey.screenshot(page, 'j3-03-red-branch-status')
    await page.getByText('查看达标测评表').click()
    await page.getByText('组织生活').first().waitFor()
    await page.getByText('保存评分').first().waitFor()
    await settle(page)
    await journey.screenshot(page, 'j3-04-score-sheet')
  })
})
