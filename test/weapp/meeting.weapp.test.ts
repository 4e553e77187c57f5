import { renderDemoPhotos } from '../../cloud-runtime/seed/photos'
import { DEFAULT_RULESET } from '../../src/domain/ruleset'
import { wallClockOf } from '../../src/domain/time'
import type { Member } from '../../src/domain/model'
import type { PageView, Phone } from '../../weapp-host/host'
import { branchCast } from '../support/local-cloud'
import { field, readQrCode, startWeappJourney, type WeappJourney } from './journey'
import { PAGES } from '../../src/routes'

const BRANCH_ID = 'org-cs-teacher'
const TOPIC = '主题党日：重温入党誓词'
const MINUTE_MS = 60_000
const CREDIT_HOURS = 2

/** 'X / Y 学时' at the top of 我的学时. */
function totalHours(page: PageView): number {
  const title = page.find('.act-title', { hasText: '学时' })
  return Number(/^([\d.]+)\s*\//.exec(title.text ?? '')?.[1] ?? NaN)
}

/** The 支部达标 grid's 主题党日 cell for the month of `instant`, opened: how many counted, and its status. */
async function themeDayOfMonth(phone: Phone, instant: Date): Promise<{ counted: number; status: string }> {
  const month = wallClockOf(instant, DEFAULT_RULESET.timeZone)
  const row = phone.page.all('.grid-row', { hasText: '主题党日' })[0]
  if (!row) throw new Error(`no 主题党日 row; the page shows:\n${phone.page.outline()}`)
  const cells = row.descendants().filter((element) => element.classes.includes('grid-cell'))
  await phone.tap(cells[month.month()])
  const detail = phone.page.find('.grid-detail')
  expect(detail.text).toContain(`${month.year()}年${month.month() + 1}月`)
  const counted = /完成 (\d+)\/(\d+)/.exec(detail.text)
  if (!counted) throw new Error(`no count in "${detail.text}"`)
  const status = detail.descendants().find((element) => element.classes.some((name) => name.startsWith('status--')))
  await phone.tap(phone.page.find('button', { hasText: '关闭' }))
  return { counted: Number(counted[1]), status: status?.text ?? '' }
}

/**
 * The mission's meeting journey on the built mini program (dist/weapp): posted from the form,
 * the code shown and scanned, leave approved, 痕迹 up, closed; the member's 学时 and the branch's
 * 主题党日 count; the general branch's lights.
 */
describe('weapp: a meeting from posting to the general branch’s dashboard', () => {
  let journey: WeappJourney
  let secretary: Member
  let attendee: Member
  let absentee: Member
  let secretaryPhone: Phone
  let attendeePhone: Phone
  let activityId: string
  let activityStart: Date
  beforeAll(async () => {
    journey = await startWeappJourney()
    const cast = branchCast(journey.env.demo, BRANCH_ID)
    secretary = cast.secretary
    ;[attendee, absentee] = cast.plainMembers
  })
  afterAll(() => journey?.close())

  it('the secretary posts a 主题党日 that is also a 党课 and shows the code; a member scans it twice; another asks for leave and gets it', async () => {
    const phone = (secretaryPhone = await journey.phone(secretary.openid!))
    await phone.tap('发布活动')
    expect(phone.page.route).toBe(PAGES.activityEdit.slice(1))
    await phone.tap(phone.page.find('.act-tag', { hasText: '主题党日' }))
    await phone.tap(phone.page.find('.act-tag', { hasText: '党课' }))
    await phone.type(field(phone.page, '例如：学习党的二十届四中全会精神'), TOPIC)
    await phone.tap('10 分钟后开始')
    await phone.type(field(phone.page, '例如：党员活动室'), '党员活动室')
    await phone.type(field(phone.page, '主讲人姓名（校外专家等）'), '王教授')
    await phone.type(phone.page.find('.field', { hasText: '学时（不填按时长计' }).find('input'), String(CREDIT_HOURS))
    journey.keep(phone, 'j1-01-post-form')
    await phone.tap(phone.page.find('button.btn--primary', { hasText: '发布活动' }))

    expect(phone.page.route).toBe(PAGES.activity.slice(1))
    activityId = phone.page.query.id
    activityStart = new Date(journey.world.clock.nowMs() + 10 * MINUTE_MS)
    expect(phone.page.text()).toContain(TOPIC)
    expect(phone.page.all('.act-tag').map((tag) => tag.text)).toEqual(['主题党日', '党课'])
    expect(phone.page.text()).toContain('主讲人：王教授')
    expect(phone.page.text()).toContain(`学时：${CREDIT_HOURS}`)
    journey.keep(phone, 'j1-02-activity-posted')

    await phone.tap('出示签到码')
    expect(phone.page.text()).toContain('请用微信扫码签到')
    const link = readQrCode(phone.page)
    expect(link).toMatch(/^\/pages\/checkin-scan\/index\?t=/)
    journey.keep(phone, 'j1-03-checkin-code')

    attendeePhone = await journey.phone(attendee.openid!)
    await attendeePhone.tap('扫码签到')
    attendeePhone.device.pointCameraAt(link)
    await attendeePhone.tap('扫描签到码')
    expect(attendeePhone.page.text()).toContain('签到成功')
    expect(attendeePhone.page.text()).toContain(TOPIC)
    journey.keep(attendeePhone, 'j1-04-member-signed-in')
    attendeePhone.device.pointCameraAt(link)
    await attendeePhone.tap('扫描签到码')
    expect(attendeePhone.page.find('.act-title').text).toBe('已签到')
    expect(attendeePhone.page.text()).toContain('您已签到，无需重复扫码')
    journey.keep(attendeePhone, 'j1-05-member-scans-again')

    const absenteePhone = await journey.phone(absentee.openid!)
    await absenteePhone.tap(TOPIC)
    await absenteePhone.type(field(absenteePhone.page, '请填写请假事由'), '赴外地参加学术会议')
    await absenteePhone.tap('提交请假')
    expect(absenteePhone.device.toasts).toContain('已提交')
    expect(absenteePhone.page.text()).toContain('请假：待审批')
    journey.keep(absenteePhone, 'j1-06-leave-requested')

    await phone.open(PAGES.home)
    // 首页's 待办 counts the request, and the 首页 tab carries the badge.
    expect(phone.page.find('.todo__cell', { hasText: '请假' }).text).toContain('1')
    expect(phone.device.tabBadges.get(0)).toBe(String(Number(phone.page.find('.todo__head').text.match(/(\d+) 项待审批/)?.[1])))
    await phone.tap('待办审批')
    expect(phone.page.text()).toContain(`请假 · ${absentee.name}`)
    await phone.tap(phone.page.find('button', { hasText: '同意' }))
    expect(phone.device.dialog?.title).toBeTruthy()
    await phone.answerDialog(true)
    expect(phone.page.text()).toContain('没有待审批的请假、补学、自学学时、绑定或联合活动邀请')
    await phone.tap('已处理')
    expect(phone.page.find('.act-row', { hasText: absentee.name }).text).toContain('同意')
    // The 活动 tab lists the meeting; a tab page is reached with switchTab (the host refuses navigateTo to it).
    await phone.open(PAGES.activities)
    expect(phone.page.text()).toContain(TOPIC)

    await absenteePhone.open(`${PAGES.activity}?id=${activityId}`)
    expect(absenteePhone.page.text()).toContain('请假：已同意')
    journey.keep(absenteePhone, 'j1-08-leave-approved')

    await phone.open(`${PAGES.activity}?id=${activityId}`)
    await phone.tap('签到情况')
    expect(phone.page.find('.act-card', { hasText: '出席（1）' }).text).toContain(attendee.name)
    expect(phone.page.find('.act-card', { hasText: '请假（1）' }).text).toContain(absentee.name)
    journey.keep(phone, 'j1-09-attendance-live')
  })

  it('two photos and the minutes, then closing: the member’s 学时 rise by the credit hours and this month’s 主题党日 counts once more, 已完成', async () => {
    await attendeePhone.open(PAGES.home)
    await attendeePhone.tap('我的学时')
    const hoursBefore = totalHours(attendeePhone.page)
    const phone = secretaryPhone
    await phone.open(PAGES.home)
    await phone.tap('支部达标')
    const themeDayBefore = await themeDayOfMonth(phone, activityStart)
    journey.keep(phone, 'j2-01-branch-status-before')

    // The meeting is under way.
    await journey.advanceClock(15 * MINUTE_MS)
    await phone.open(`${PAGES.activity}?id=${activityId}`)
    await phone.tap(phone.page.find('button', { hasText: '痕迹' }))
    const photos = renderDemoPhotos()
    phone.device.pickFiles([
      { name: 'meeting-1.png', bytes: photos.meetingRoom },
      { name: 'meeting-2.png', bytes: photos.lectureHall },
    ])
    await phone.tap('添加照片')
    expect(phone.device.toasts).toContain('已上传 2 张')
    expect(phone.page.all('.evidence__thumb')).toHaveLength(2)
    const compressed = phone.device.calledApis('compressImage')
    expect(compressed).toHaveLength(2)
    expect(phone.device.calledApis('cloud.uploadFile')).toHaveLength(2)
    await phone.type(phone.page.find('textarea'), '会议记录：全体党员重温入党誓词，王教授讲授专题党课，与会党员交流学习体会。')
    await phone.tap('保存会议记录')
    expect(phone.device.toasts).toContain('已保存')
    expect(phone.page.text()).toContain('会议记录：全体党员重温入党誓词')
    journey.keep(phone, 'j2-02-evidence-uploaded')

    phone.navigateBack()
    await journey.world.settle()
    await phone.tap('签到情况')
    await phone.tap(phone.page.find('button', { hasText: '结束活动' }))
    expect(phone.device.dialog?.content).toContain('确定结束吗')
    await phone.answerDialog(true)
    expect(phone.device.toasts).toContain('活动已结束')
    expect(phone.page.find('.act-label', { hasText: '缺席（' }).text).toBe('缺席（24）')
    journey.keep(phone, 'j2-03-closed')

    await attendeePhone.open(PAGES.myHours)
    expect(totalHours(attendeePhone.page)).toBeCloseTo(hoursBefore + CREDIT_HOURS, 5)
    expect(attendeePhone.page.text()).toContain(TOPIC)
    journey.keep(attendeePhone, 'j2-04-member-hours')

    await phone.open(`${PAGES.branchStatus}?branchId=${BRANCH_ID}`)
    expect(await themeDayOfMonth(phone, activityStart)).toEqual({ counted: themeDayBefore.counted + 1, status: '已完成' })
    journey.keep(phone, 'j2-05-branch-status-after')
    // The secretary has given no 党课 this year, with a quarter of it left: amber, with the days left, not a calm 进行中.
    await phone.tap(phone.page.find('.tabs__item', { hasText: '年度' }))
    expect(phone.page.find('.grid-row', { hasText: '书记党课' }).descendants().some((element) => element.classes.includes('grid-cell--at_risk'))).toBe(true)
    expect(phone.page.find('.attention--at_risk', { hasText: '书记党课' }).text).toMatch(/^书记党课 0\/1 · 剩 \d+ 天$/)
    journey.keep(phone, 'j2-06-branch-status-year')
  })

  it('the general branch sees that branch green and another red with the reason, and opens the 达标 sheet', async () => {
    const { demo } = journey.env
    const branch = demo.orgs.find((org) => org._id === BRANCH_ID)!
    const admin = demo.members.find((member) => member.adminOrgIds.includes(branch.parentId!))!
    const phone = await journey.phone(admin.openid!)
    await phone.tap('达标看板 ›')
    expect(phone.page.text()).toContain('达标率')
    // Two measures, each saying how it is computed.
    expect(phone.page.find('.measure', { hasText: '达标率' }).text).toContain('分（达标）及以上的支部')
    expect(phone.page.find('.measure', { hasText: '灯看时效' }).text).toContain('天内')
    expect(phone.page.find('.act-row', { hasText: branch.name }).text).toContain('绿灯')
    journey.keep(phone, 'j3-01-dashboard')

    await phone.tap(phone.page.find('.tabs__item', { hasText: '红灯' }))
    const redRow = phone.page.find('.act-row')
    expect(redRow.text).toMatch(/红灯/)
    expect(redRow.text).toMatch(/未完成|未达到|缺少/)
    journey.keep(phone, 'j3-02-red-branches')

    await phone.tap(redRow)
    expect(phone.page.route).toBe(PAGES.branchStatus.slice(1))
    expect(phone.page.find('.light-banner').text).toContain('红灯')
    await phone.tap('查看达标测评表')
    expect(phone.page.text()).toContain('组织生活')
    expect(phone.page.find('button', { hasText: '保存评分' })).toBeTruthy()
    journey.keep(phone, 'j3-03-score-sheet')
  })
})
