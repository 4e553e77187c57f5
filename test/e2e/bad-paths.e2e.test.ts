import { COLLECTIONS } from '../../src/domain/collections'
import type { Member } from '../../src/domain/model'
import { branchCast } from '../support/local-cloud'
import { readQrCode, settle, startJourney, type Journey } from './browser'
import { PAGES } from '../../src/routes'
import { postThemeDay } from '../support/actions'

const BRANCH_ID = 'org-cs-teacher'
const MINUTE_MS = 60_000

/** Journey 4: what a member meets when something is wrong, and that nothing is written. */
describe('bad paths on phones: expired and forged codes, pages a member may not open', () => {
  let journey: Journey
  let secretary: Member
  let member: Member
  let activityId: string
  let link: string
  beforeAll(async () => {
    journey = await startJourney()
    const cast = branchCast(journey.env.demo, BRANCH_ID)
    secretary = cast.secretary
    member = cast.plainMembers[0]
    activityId = await postThemeDay(journey.env.cloud, secretary.openid!, BRANCH_ID, journey.now())
  })
  afterAll(() => journey?.close())

  const recordsOfActivity = async () =>
    (await journey.env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId }).count()).total

  it('a forged code is rejected with a clear message', async () => {
    const phone = await journey.signIn(secretary.openid!)
    await phone.goto(`${journey.server.url}${PAGES.checkinCode}?id=${activityId}`)
    link = await readQrCode(phone)
    await journey.screenshot(phone, 'j4-01-checkin-code')

    const url = new URL(link)
    const token = url.searchParams.get('t')!
    const last = token.at(-1) === 'A' ? 'B' : 'A'
    url.searchParams.set('t', `${token.slice(0, -1)}${last}`)
    const memberPhone = await journey.signIn(member.openid!)
    await memberPhone.goto(url.toString())
    await memberPhone.getByText('未能签到').waitFor()
    await memberPhone.getByText('签到码无效，请扫描活动现场出示的二维码').waitFor()
    await journey.screenshot(memberPhone, 'j4-02-forged-code')
    expect(await recordsOfActivity()).toBe(0)
  })

  it('an expired code (a screenshot forwarded two minutes later) is rejected with a clear message', async () => {
    await journey.advanceClock(2 * MINUTE_MS)
    const memberPhone = await journey.signIn(member.openid!)
    await memberPhone.goto(link)
    await memberPhone.getByText('未能签到').waitFor()
    await memberPhone.getByText('签到码已过期，请扫描现场正在显示的二维码').waitFor()
    await journey.screenshot(memberPhone, 'j4-03-expired-code')
    expect(await recordsOfActivity()).toBe(0)
  })

  it('a member opening the secretary’s pages is refused', async () => {
    const memberPhone = await journey.signIn(member.openid!)
    await memberPhone.goto(`${journey.server.url}${PAGES.checkinCode}?id=${activityId}`)
    await memberPhone.getByText('只有本支部书记、支委或上级党组织管理员可以进行此操作').waitFor()
    expect(await memberPhone.locator('img[src^="data:image/svg+xml"]:visible').count()).toBe(0)
    await settle(memberPhone)
    await journey.screenshot(memberPhone, 'j4-04-member-denied-checkin-code')

    await memberPhone.goto(`${journey.server.url}${PAGES.attendanceLive}?id=${activityId}`)
    await memberPhone.getByText('只有本支部书记、支委或上级党组织管理员可以进行此操作').waitFor()
    await journey.screenshot(memberPhone, 'j4-05-member-denied-attendance')

    await memberPhone.goto(`${journey.server.url}${PAGES.dashboard}`)
    await memberPhone.getByText('只有党总支或党委管理员可以查看各支部达标情况').waitFor()
    await journey.screenshot(memberPhone, 'j4-06-member-denied-dashboard')
  })
})
