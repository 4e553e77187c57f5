import { readFileSync } from 'node:fs'
import path from 'node:path'
import { COLLECTIONS } from '../../src/domain/collections'
import type { Member } from '../../src/domain/model'
import type { Phone } from '../../weapp-host/host'
import { call, postThemeDay } from '../support/actions'
import { addUnboundMember, branchCast } from '../support/local-cloud'
import { startWeappJourney, WEAPP_DIR, type WeappJourney } from './journey'
import { PAGES } from '../../src/routes'

const BRANCH_ID = 'org-cs-teacher'

/** The page's own app config (index.json of the built page). */
const pageConfigOf = (route: string) =>
  JSON.parse(readFileSync(path.join(WEAPP_DIR, `${route.replace(/^\//, '')}.json`), 'utf8')) as { enablePullDownRefresh?: boolean }

/** Pulls the page down: the spinner stops once the answer is on screen, and what was there stays (never 加载中…). */
async function pull(phone: Phone): Promise<void> {
  const stopsBefore = phone.device.calledApis('stopPullDownRefresh').length
  await phone.pullDownRefresh()
  expect(phone.device.calledApis('stopPullDownRefresh')).toHaveLength(stopsBefore + 1)
  expect(phone.page.text()).not.toContain('加载中…')
}

describe('weapp: pull-to-refresh on every list page, keeping what is on screen', () => {
  let journey: WeappJourney
  let secretary: Member
  let admin: Member
  let activityId: string
  beforeAll(async () => {
    journey = await startWeappJourney()
    secretary = branchCast(journey.env.demo, BRANCH_ID).secretary
    const branch = journey.env.demo.orgs.find((org) => org._id === BRANCH_ID)!
    admin = journey.env.demo.members.find((member) => member.adminOrgIds.includes(branch.parentId!))!
    activityId = await postThemeDay(journey.env.cloud, secretary.openid!, BRANCH_ID, journey.world.clock.now())
  })
  afterAll(() => journey?.close())

  it('支部成员 counts a member added meanwhile', async () => {
    const phone = await journey.phone(secretary.openid!, `${PAGES.members}?branchId=${BRANCH_ID}`)
    const total = Number(/共 (\d+) 人/.exec(phone.page.text())?.[1])
    await addUnboundMember(journey.env.cloud, { id: 'refresh-newcomer', name: '新来的', number: 'T2026098', branchId: BRANCH_ID })
    await pull(phone)
    expect(phone.page.text()).toContain(`共 ${total + 1} 人`)
  })

  it('签到情况 shows a sign-in made meanwhile', async () => {
    const phone = await journey.phone(secretary.openid!, `${PAGES.attendanceLive}?id=${activityId}`)
    expect(phone.page.text()).toContain('出席（0）')
    const member = branchCast(journey.env.demo, BRANCH_ID).plainMembers[0]
    await call(journey.env.cloud, 'checkin', 'manual', { activityId, memberId: member._id }, secretary.openid!)
    await pull(phone)
    expect(phone.page.text()).toContain('出席（1）')
  })

  it('组织架构 shows a name changed meanwhile', async () => {
    const root = journey.env.demo.orgs.find((org) => org.parentId === null)!
    const committeeAdmin = journey.env.demo.members.find((member) => member.adminOrgIds.includes(root._id))!
    const phone = await journey.phone(committeeAdmin.openid!, PAGES.orgTree)
    await journey.env.cloud.db().collection(COLLECTIONS.orgs.name).doc(BRANCH_ID).update({ name: '计算机学院教工第一党支部（新）' })
    await pull(phone)
    expect(phone.page.text()).toContain('计算机学院教工第一党支部（新）')
  })

  it.each([
    ['消息', () => PAGES.messages, () => secretary],
    ['我的学时', () => PAGES.myHours, () => secretary],
    ['支部相册', () => `${PAGES.gallery}?branchId=${BRANCH_ID}`, () => secretary],
    ['活动痕迹', () => `${PAGES.evidence}?activityId=${activityId}`, () => secretary],
    ['台账导出', () => `${PAGES.ledger}?branchId=${BRANCH_ID}`, () => secretary],
    ['督办事项', () => PAGES.supervision, () => secretary],
    ['督办', () => PAGES.supervisions, () => admin],
    ['月度通报', () => PAGES.report, () => admin],
    ['达标测评表', () => `${PAGES.scoreSheet}?branchId=${BRANCH_ID}`, () => admin],
  ])('%s refreshes when pulled', async (_title, url, who) => {
    const route = url().split('?')[0]
    expect(pageConfigOf(route).enablePullDownRefresh).toBe(true)
    const phone = await journey.phone(who().openid!, url())
    const shown = phone.page.text()
    await pull(phone)
    expect(phone.page.text().length).toBeGreaterThan(0)
    expect(shown).not.toContain('加载中…')
  })

  it('every list page declares pull-to-refresh', () => {
    for (const route of [PAGES.members, PAGES.attendanceLive, PAGES.orgTree, PAGES.activities, PAGES.inbox, PAGES.myRequests]) {
      expect([route, pageConfigOf(route).enablePullDownRefresh]).toEqual([route, true])
    }
  })
})
