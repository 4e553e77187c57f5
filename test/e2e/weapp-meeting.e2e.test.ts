import type Page from 'miniprogram-automator/out/Page'
import type Element from 'miniprogram-automator/out/Element'
import { renderDemoPhotos } from '../../cloud-runtime/seed/photos'
import { COLLECTIONS } from '../../src/domain/collections'
import type { Attendance, Member } from '../../src/domain/model'
import { DEFAULT_RULESET } from '../../src/domain/ruleset'
import { wallClockOf } from '../../src/domain/time'
import { branchCast } from '../support/local-cloud'
import { describeInDevTools, findByText, startDevToolsJourney, tapText, typeInto, type DevToolsJourney } from './devtools'
import { PAGES } from '../../src/routes'

const BRANCH_ID = 'org-cs-teacher'
const TOPIC = '主题党日：重温入党誓词'
const MINUTE_MS = 60_000
const CREDIT_HOURS = 2
/** miniprogram-automator waits 3 s after every route change. */
const STEP_TIMEOUT_MS = 240_000

async function totalHours(page: Page): Promise<number> {
  const title = await findByText(page, '.act-title', '学时')
  return Number(/^([\d.]+)\s*\//.exec(await title.text())?.[1])
}

async function themeDayOfMonth(page: Page, instant: Date): Promise<{ counted: number; status: string }> {
  const month = wallClockOf(instant, DEFAULT_RULESET.timeZone)
  const row = await findByText(page, '.grid-row', '主题党日')
  const cells = (await row.$$('.grid-cell')) as Element[]
  await cells[month.month()].tap()
  const detail = await findByText(page, '.grid-detail', `${month.year()}年${month.month() + 1}月`)
  const counted = /完成 (\d+)\/(\d+)/.exec(await detail.text())
  if (!counted) throw new Error('no count on the 主题党日 cell')
  const status = await detail.$('[class*="status--"]')
  const result = { counted: Number(counted[1]), status: status ? await status.text() : '' }
  await tapText(page, 'button', '关闭')
  return result
}

/** Journeys 1–3 of the browser suite (meeting.e2e.test.ts), in the weapp itself in WeChat DevTools. */
describeInDevTools('the weapp in WeChat DevTools (runs when WECHAT_DEVTOOLS_CLI is set): a meeting from posting to the general branch’s dashboard', () => {
  let journey: DevToolsJourney
  let secretary: Member
  let attendee: Member
  let absentee: Member
  let activityId: string
  let activityStart: Date
  beforeAll(async () => {
    journey = await startDevToolsJourney()
    const cast = branchCast(journey.env.demo, BRANCH_ID)
    secretary = cast.secretary
    ;[attendee, absentee] = cast.plainMembers
  }, 120_000)
  afterAll(() => journey?.close())

  it('journey 1: post a 主题党日 that is also a 党课, show the code, scan it in the app, leave approved', async () => {
    await journey.actAs(secretary.openid!)
    let page = await journey.open(`${PAGES.activityEdit}?branchId=${BRANCH_ID}`)
    await tapText(page, '.act-tag', '主题党日')
    await tapText(page, '.act-tag', '党课')
    await typeInto(page, 'input', 0, TOPIC)
    await tapText(page, '.act-chip', '10 分钟后开始')
    await typeInto(page, 'input', 1, '党员活动室')
    await typeInto(page, 'input', 2, '王教授')
    await typeInto(page, 'input', 3, String(CREDIT_HOURS))
    await journey.screenshot('weapp-j1-01-post-form')
    await tapText(page, 'button', '发布活动')
    await page.waitFor(3000)
    page = (await journey.miniProgram.currentPage())!
    activityId = String(page.query.id)
    const posted = (await journey.env.cloud.db().collection(COLLECTIONS.activities.name).doc(activityId).get()).data[0]
    expect(posted).toMatchObject({ topic: TOPIC, types: ['theme_day', 'party_lecture'], creditHours: CREDIT_HOURS })
    activityStart = posted.startAt
    await findByText(page, 'button', '出示签到码')
    await journey.screenshot('weapp-j1-02-activity-posted')

    page = await journey.open(`${PAGES.checkinCode}?id=${activityId}`)
    await findByText(page, 'text', '请用微信扫码签到')
    await page.waitFor(1000)
    const scanned = await journey.readQrCode()
    await journey.screenshot('weapp-j1-03-checkin-code')

    await journey.actAs(attendee.openid!)
    await journey.miniProgram.mockWxMethod('scanCode', { result: scanned, path: '', scanType: 'QR_CODE', errMsg: 'scanCode:ok' })
    page = await journey.open(PAGES.checkinScan)
    await tapText(page, 'button', '扫描签到码')
    await findByText(page, '.act-title', '签到成功')
    await journey.screenshot('weapp-j1-04-member-signed-in')
    await tapText(page, 'button', '扫描签到码')
    await findByText(page, '.act-title', '已签到')
    await journey.miniProgram.restoreWxMethod('scanCode')

    await journey.actAs(absentee.openid!)
    page = await journey.open(`${PAGES.activity}?id=${activityId}`)
    await typeInto(page, 'textarea', 0, '赴外地参加学术会议')
    await tapText(page, 'button', '提交请假')
    await findByText(page, 'text', '请假：待审批')
    await journey.screenshot('weapp-j1-05-leave-requested')

    await journey.actAs(secretary.openid!)
    page = await journey.open(PAGES.inbox)
    await findByText(page, 'text', `请假 · ${absentee.name}`)
    await tapText(page, 'button', '同意')
    await findByText(page, 'text', '没有待审批的请假、补学、自学学时、绑定或联合活动邀请')
    await journey.screenshot('weapp-j1-06-leave-approved')

    const records = (await journey.env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId }).get()).data as Attendance[]
    expect(records.map((record) => [record.memberId, record.state]).sort()).toEqual(
      [
        [attendee._id, 'present'],
        [absentee._id, 'leave'],
      ].sort(),
    )
  }, STEP_TIMEOUT_MS)

  it('journey 2: two photos and minutes, close: 学时 rise and this month’s 主题党日 is 已完成', async () => {
    await journey.actAs(attendee.openid!)
    let page = await journey.open(PAGES.myHours)
    const hoursBefore = await totalHours(page)
    await journey.actAs(secretary.openid!)
    page = await journey.open(`${PAGES.branchStatus}?branchId=${BRANCH_ID}`)
    const themeDayBefore = await themeDayOfMonth(page, activityStart)

    await journey.advanceClock(15 * MINUTE_MS)
    const photos = renderDemoPhotos()
    const picked = [
      { tempFilePath: await journey.writeUserFile('meeting-1.png', photos.meetingRoom), size: photos.meetingRoom.length, fileType: 'image' },
      { tempFilePath: await journey.writeUserFile('meeting-2.png', photos.lectureHall), size: photos.lectureHall.length, fileType: 'image' },
    ]
    await journey.miniProgram.mockWxMethod('chooseMedia', { tempFiles: picked, type: 'image', errMsg: 'chooseMedia:ok' })
    page = await journey.open(`${PAGES.evidence}?activityId=${activityId}`)
    await tapText(page, 'button', '添加照片')
    await page.waitFor(async () => ((await page.$$('.evidence__thumb')) as unknown[]).length === 2)
    await journey.miniProgram.restoreWxMethod('chooseMedia')
    await typeInto(page, 'textarea', 0, '会议记录：全体党员重温入党誓词，王教授讲授专题党课，与会党员交流学习体会。')
    await tapText(page, 'button', '保存会议记录')
    await findByText(page, 'text', '会议记录：全体党员重温入党誓词')
    await journey.screenshot('weapp-j2-01-evidence-uploaded')

    page = await journey.open(`${PAGES.attendanceLive}?id=${activityId}`)
    await tapText(page, 'button', '结束活动')
    await findByText(page, '.act-label', '缺席')
    await journey.screenshot('weapp-j2-02-closed')
    const activity = (await journey.env.cloud.db().collection(COLLECTIONS.activities.name).doc(activityId).get()).data[0]
    expect(activity.status).toBe('closed')

    await journey.actAs(attendee.openid!)
    page = await journey.open(PAGES.myHours)
    await findByText(page, 'text', TOPIC)
    expect(await totalHours(page)).toBeCloseTo(hoursBefore + CREDIT_HOURS, 5)
    await journey.screenshot('weapp-j2-03-member-hours')

    await journey.actAs(secretary.openid!)
    page = await journey.open(`${PAGES.branchStatus}?branchId=${BRANCH_ID}`)
    expect(await themeDayOfMonth(page, activityStart)).toEqual({ counted: themeDayBefore.counted + 1, status: '已完成' })
    await journey.screenshot('weapp-j2-04-branch-status')
  }, STEP_TIMEOUT_MS)

  it('journey 3: the general branch sees that branch green, another red with its reason, and the 达标 sheet', async () => {
    const { demo } = journey.env
    const branch = demo.orgs.find((org) => org._id === BRANCH_ID)!
    const admin = demo.members.find((member) => member.adminOrgIds.includes(branch.parentId!))!
    await journey.actAs(admin.openid!)
    let page = await journey.open(`${PAGES.dashboard}?orgId=${branch.parentId}`)
    expect(await (await findByText(page, '.act-row', branch.name)).text()).toContain('绿灯')
    await journey.screenshot('weapp-j3-01-dashboard')
    await tapText(page, '.tabs__item', '红灯')
    const red = await findByText(page, '.act-row', '红灯')
    expect(await red.text()).toMatch(/未完成|未达到|缺少/)
    await red.tap()
    await page.waitFor(3000)
    page = (await journey.miniProgram.currentPage())!
    await tapText(page, '.act-row__title', '查看达标测评表')
    await page.waitFor(3000)
    page = (await journey.miniProgram.currentPage())!
    await findByText(page, '.btn', '保存评分')
    await journey.screenshot('weapp-j3-02-score-sheet')
  }, STEP_TIMEOUT_MS)
})
