import { COLLECTIONS } from '../../src/domain/collections'
import type { Member } from '../../src/domain/model'
import { branchCast } from '../support/local-cloud'
import { readQrCode, startWeappJourney, type WeappJourney } from './journey'
import { PAGES } from '../../src/routes'
import { postThemeDay } from '../support/actions'

const BRANCH_ID = 'org-cs-teacher'
const MINUTE_MS = 60_000
const MANAGER_ONLY = '只有本支部书记、支委或上级党组织管理员可以进行此操作'

/** What a member meets on the mini program when something is wrong, and that nothing is written. */
describe('weapp: bad paths (an expired code, a member on a secretary page, an unbound WeChat user) and the mini program code', () => {
  let journey: WeappJourney
  let secretary: Member
  let member: Member
  let activityId: string
  beforeAll(async () => {
    journey = await startWeappJourney()
    const cast = branchCast(journey.env.demo, BRANCH_ID)
    secretary = cast.secretary
    member = cast.plainMembers[0]
    activityId = await postThemeDay(journey.env.cloud, secretary.openid!, BRANCH_ID, journey.world.clock.now())
  })
  afterAll(() => journey?.close())

  const recordsOfActivity = async () => (await journey.env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId }).count()).total

  it('a code scanned two minutes after it was shown (a forwarded screenshot) is refused and writes nothing', async () => {
    const desk = await journey.phone(secretary.openid!, `${PAGES.checkinCode}?id=${activityId}`)
    const link = readQrCode(desk.page)
    journey.keep(desk, 'j4-01-checkin-code')

    await journey.advanceClock(2 * MINUTE_MS)
    // The secretary's screen has moved on to a new code meanwhile (it rotates every 30 s).
    expect(readQrCode(desk.page)).not.toBe(link)
    const phone = await journey.phone(member.openid!, PAGES.checkinScan)
    phone.device.pointCameraAt(link)
    await phone.tap('扫描签到码')
    expect(phone.page.text()).toContain('未能签到')
    expect(phone.page.text()).toContain('签到码已过期，请扫描现场正在显示的二维码')
    journey.keep(phone, 'j4-02-expired-code')
    expect(await recordsOfActivity()).toBe(0)
  })

  it('the mini program code of the meeting (WeChat scan, scene 1047) opens 扫码签到 with options.scene and signs the member in', async () => {
    const desk = await journey.phone(secretary.openid!, `${PAGES.checkinCode}?id=${activityId}`)
    const token = decodeURIComponent(/[?&]t=([^&]+)/.exec(readQrCode(desk.page))![1])
    const other = branchCast(journey.env.demo, BRANCH_ID).plainMembers[1]
    const phone = await journey.phone(other.openid!, `${PAGES.checkinScan}?scene=${encodeURIComponent(token)}`, 1047)
    expect(phone.launch.scene).toBe(1047)
    expect(phone.page.query.scene).toBe(encodeURIComponent(token))
    expect(phone.page.text()).toContain('签到成功')
    journey.keep(phone, 'j4-07-signed-in-by-mini-program-code')
    expect(await recordsOfActivity()).toBe(1)
  })

  it('a member opening the secretary’s pages is refused: no code, no attendance list, no dashboard', async () => {
    const phone = await journey.phone(member.openid!, `${PAGES.checkinCode}?id=${activityId}`)
    expect(phone.page.text()).toContain(MANAGER_ONLY)
    expect(phone.page.all('image')).toHaveLength(0)
    journey.keep(phone, 'j4-03-member-denied-checkin-code')

    await phone.open(`${PAGES.attendanceLive}?id=${activityId}`)
    expect(phone.page.text()).toContain(MANAGER_ONLY)
    expect(phone.page.all('button', { hasText: '结束活动' })).toHaveLength(0)
    await phone.open(PAGES.dashboard)
    expect(phone.page.text()).toContain('只有党总支或党委管理员可以查看各支部达标情况')
    journey.keep(phone, 'j4-04-member-denied-dashboard')
  })

  it('a WeChat user bound to nobody is told so on the home page and cannot sign in to the meeting', async () => {
    const desk = await journey.phone(secretary.openid!, `${PAGES.checkinCode}?id=${activityId}`)
    const link = readQrCode(desk.page)
    const stranger = await journey.phone('wx-never-bound')
    expect(stranger.page.text()).toContain('尚未绑定')
    expect(stranger.page.find('button', { hasText: '去绑定' })).toBeTruthy()
    journey.keep(stranger, 'j4-05-unbound-home')

    await stranger.open(PAGES.checkinScan)
    stranger.device.pointCameraAt(link)
    await stranger.tap('扫描签到码')
    expect(stranger.page.text()).toContain('未能签到')
    expect(stranger.page.text()).toMatch(/尚未绑定|绑定/)
    journey.keep(stranger, 'j4-06-unbound-scan')
    expect(await recordsOfActivity()).toBe(1)
  })
})
