import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { Member } from '../../src/domain/model'
import { PAGES } from '../../src/routes'
import { branchCast } from '../support/local-cloud'
import { SCREENSHOT_DIR, settle, startJourney, type Journey } from './browser'

const BRANCH_ID = 'org-cs-teacher'
const PHONES = [
  { name: '375x812', width: 375, height: 812 },
  { name: '320x568', width: 320, height: 568 },
] as const

type Role = 'member' | 'secretary' | 'general' | 'committee'
interface Visit {
  page: keyof typeof PAGES
  role: Role
  /** The query string, from the demo data. */
  query?: (ids: DemoIds) => string
  /** Text the page shows once loaded; without it, any text once nothing is loading. */
  shows?: string | RegExp
  /** A second state of the page worth a picture (a sheet opened, a filter applied), named by what it returns. */
  then?: (page: Page) => Promise<string>
}
interface DemoIds {
  activityId: string
  generalBranchId: string
  committeeId: string
}

/** Every page, opened by the role that uses it, with the ids it needs. */
const VISITS: Visit[] = [
  { page: 'home', role: 'member', shows: '近期活动' },
  { page: 'activities', role: 'member', shows: '活动' },
  { page: 'activity', role: 'member', query: (ids) => `?id=${ids.activityId}`, shows: '签到' },
  { page: 'checkinScan', role: 'member', shows: '签到' },
  { page: 'myRequests', role: 'member', shows: '请假' },
  { page: 'myHours', role: 'member', shows: '学时' },
  { page: 'branchStatus', role: 'member', shows: '月度' },
  { page: 'gallery', role: 'member', shows: /张照片|还没有活动照片/ },
  { page: 'evidence', role: 'secretary', query: (ids) => `?activityId=${ids.activityId}`, shows: '照片' },
  { page: 'me', role: 'member', shows: '我的' },
  { page: 'bind', role: 'member', shows: '绑定' },
  { page: 'members', role: 'secretary', shows: '党员' },
  { page: 'messages', role: 'member', shows: '消息' },
  { page: 'notFound', role: 'member', shows: '找不到这个页面' },
  { page: 'activityEdit', role: 'secretary', query: () => `?branchId=${BRANCH_ID}`, shows: '活动类型' },
  { page: 'checkinCode', role: 'secretary', query: (ids) => `?id=${ids.activityId}`, shows: '签到' },
  { page: 'attendanceLive', role: 'secretary', query: (ids) => `?id=${ids.activityId}` },
  { page: 'inbox', role: 'secretary' },
  { page: 'rosterImport', role: 'secretary', shows: '导入' },
  { page: 'ledger', role: 'secretary', shows: '台账' },
  { page: 'supervision', role: 'secretary', query: () => `?branchId=${BRANCH_ID}` },
  {
    page: 'branchStatus',
    role: 'secretary',
    query: () => `?branchId=${BRANCH_ID}`,
    shows: '月度',
    async then(page) {
      await page.locator('.tabs__item:visible', { hasText: '年度' }).click()
      await page.locator('.grid-row:visible', { hasText: '书记党课' }).locator('.grid-cell').first().click()
      await page.locator('.grid-detail:visible').waitFor()
      return 'detail'
    },
  },
  { page: 'dashboard', role: 'general', shows: '达标率' },
  { page: 'scoreSheet', role: 'general', query: () => `?branchId=${BRANCH_ID}`, shows: '组织生活' },
  { page: 'supervisions', role: 'general', shows: '督办' },
  { page: 'report', role: 'general', shows: '通报' },
  {
    page: 'dashboard',
    role: 'committee',
    shows: '各党总支',
    async then(page) {
      await page.locator('.rollup:visible').first().click()
      await page.getByText('只看：').waitFor()
      return 'one-general-branch'
    },
  },
  { page: 'orgTree', role: 'committee', shows: '党委' },
  { page: 'rulesets', role: 'committee', shows: '生效周期' },
  { page: 'rulesets', role: 'general', shows: '从严' },
  { page: 'report', role: 'committee', query: (ids) => `?orgId=${ids.committeeId}`, shows: '通报' },
]

interface Overflow {
  text: string
  element: string
  how: string
}

/**
 * Text that does not fit its box on the page on screen: an element whose content is wider than it
 * (cut off or spilling), or a text element reaching outside the box of the block that holds it.
 * Deliberate truncation (text-overflow: ellipsis) and sideways-scrolling strips are not overflow.
 */
function findOverflows(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const found: { text: string; element: string; how: string }[] = []
    const visible = (element: Element) => {
      const rect = element.getBoundingClientRect()
      return rect.width > 0 && rect.height > 0 && getComputedStyle(element).visibility !== 'hidden'
    }
    const describe = (element: Element) => `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`
    const scrollsSideways = (element: Element | null): boolean => {
      for (let node = element; node; node = node.parentElement) {
        const overflowX = getComputedStyle(node).overflowX
        if ((overflowX === 'auto' || overflowX === 'scroll') && node.scrollWidth > node.clientWidth) return true
      }
      return false
    }
    const blockOf = (element: Element): Element | null => {
      for (let node = element.parentElement; node; node = node.parentElement) {
        if (getComputedStyle(node).display !== 'inline' && !node.tagName.toLowerCase().startsWith('taro-text')) return node
      }
      return null
    }
    const textElements = [...document.querySelectorAll('body *')].filter(
      (element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '') && visible(element),
    )
    for (const element of textElements) {
      if (element.closest('.taro_page') && !element.closest('.taro_page')!.checkVisibility()) continue
      const style = getComputedStyle(element)
      if (style.textOverflow === 'ellipsis' || scrollsSideways(element)) continue
      const text = (element.textContent ?? '').trim().slice(0, 40)
      if (style.display !== 'inline' && element.scrollWidth > element.clientWidth + 1) {
        found.push({ text, element: describe(element), how: `内容宽 ${element.scrollWidth}px，框宽 ${element.clientWidth}px` })
        continue
      }
      const block = blockOf(element)
      if (!block || !visible(block)) continue
      const inner = element.getBoundingClientRect()
      const outer = block.getBoundingClientRect()
      if (inner.left < outer.left - 1 || inner.right > outer.right + 1) {
        found.push({ text, element: describe(element), how: `超出 ${describe(block)} 的框（${Math.round(inner.left)}–${Math.round(inner.right)} 对 ${Math.round(outer.left)}–${Math.round(outer.right)}）` })
      }
    }
    return found
  })
}

/**
 * Every page at 375×812 and 320×568, as the role that uses it sees it, kept in test-output/screenshots
 * (screen-<role>-<page>-<size>.png), with a check that no text overflows its box.
 */
describe('every page at two phone sizes, without text overflowing its box', () => {
  let journey: Journey
  let ids: DemoIds
  const phones = new Map<Role, Page>()
  const overflows: Record<string, Overflow[]> = {}

  beforeAll(async () => {
    journey = await startJourney()
    const { demo } = journey.env
    const branch = demo.orgs.find((org) => org._id === BRANCH_ID)!
    const committee = demo.orgs.find((org) => org.kind === 'party_committee')!
    const adminOf = (orgId: string) => demo.members.find((member) => member.adminOrgIds.includes(orgId))!
    const cast = branchCast(demo, BRANCH_ID)
    const activity = demo.activities.filter((each) => each.branchId === BRANCH_ID && each.status === 'closed').at(-1)!
    ids = { activityId: activity._id, generalBranchId: branch.parentId!, committeeId: committee._id }
    // Last month's 通报, so the dashboards' trend and the report pages have a month to show.
    const generated = await journey.env.cloud.invokeFromPlatform('reports', 'timer')
    if (!generated.ok) throw new Error(generated.error.message)
    const people: Record<Role, Member> = {
      member: cast.plainMembers[0],
      secretary: cast.secretary,
      general: adminOf(branch.parentId!),
      committee: adminOf(committee._id),
    }
    for (const [role, person] of Object.entries(people) as [Role, Member][]) {
      const page = await journey.signIn(person.openid!)
      await page.getByText(person.name).first().waitFor()
      phones.set(role, page)
    }
  }, 120_000)
  afterAll(async () => {
    writeFileSync(path.join(SCREENSHOT_DIR, 'overflow.json'), `${JSON.stringify(overflows, null, 2)}\n`)
    await journey?.close()
  })

  it('visits every page of the app', () => {
    const visited = new Set(VISITS.map((visit) => visit.page))
    expect(Object.keys(PAGES).filter((page) => !visited.has(page as keyof typeof PAGES))).toEqual([])
  })

  it.each(VISITS.map((visit) => [`${visit.role} ${visit.page}`, visit] as const))('%s', async (_name, visit) => {
    const page = phones.get(visit.role)!
    for (const phone of PHONES) {
      await page.setViewportSize({ width: phone.width, height: phone.height })
      await page.goto(`${journey.server.url}${PAGES[visit.page]}${visit.query?.(ids) ?? ''}`)
      const screen = page.locator('.taro_page:visible').last()
      if (visit.shows) await screen.getByText(visit.shows).first().waitFor()
      await screen.locator('.status-view--loading').waitFor({ state: 'detached' })
      await page.waitForFunction(() => [...document.querySelectorAll('.taro_page')].some((element) => element.checkVisibility() && (element as HTMLElement).innerText.trim() !== ''))
      await settle(page)
      const keep = async (name: string) => {
        await journey.screenshot(page, name)
        const found = await findOverflows(page)
        if (found.length > 0) overflows[name] = found
      }
      await keep(`screen-${visit.role}-${visit.page}-${phone.name}`)
      if (visit.then) {
        const state = await visit.then(page)
        await settle(page)
        await keep(`screen-${visit.role}-${visit.page}-${state}-${phone.name}`)
      }
    }
    expect(Object.entries(overflows).filter(([name]) => name.startsWith(`screen-${visit.role}-${visit.page}-`))).toEqual([])
  }, 60_000)
})
