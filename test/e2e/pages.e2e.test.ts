import type { Locator, Page } from 'playwright-core'
import { PAGES } from '../../src/routes'
import { call, postThemeDay } from '../support/actions'
import { addBigBranch, type BigBranch } from '../support/big-branch'
import { field, startJourney, type Journey } from './browser'

/** The colours a person sees on a button. */
const looks = (button: Locator) =>
  button.evaluate((element) => {
    const style = getComputedStyle(element)
    return { color: style.color, background: style.backgroundColor, border: style.borderColor }
  })

/** Where an element stands in the viewport (any scroller: Taro H5 may scroll the page or its container). */
const topOf = (element: Locator) => element.evaluate((node) => node.getBoundingClientRect().top)

/** The row of one person in a section of 签到情况 ("出席（3）", "未签到（97）"…). */
const personRow = (page: Page, section: RegExp, name: string) =>
  page.locator('.act-card:visible', { has: page.locator('.act-label', { hasText: section }) }).locator('.act-row', { hasText: name })

describe('pages keep their place and their buttons say what they do', () => {
  let journey: Journey
  let big: BigBranch
  beforeAll(async () => {
    journey = await startJourney()
    big = await addBigBranch(journey.env.cloud.db(), 100, 'page')
  })
  afterAll(() => journey?.close())

  it('支部成员: 加载更多 reads as a button and brings every member; 发布活动 looks and is off until a type is chosen', async () => {
    const phone = await journey.signIn(big.secretaryOpenid)
    await phone.goto(`${journey.server.url}${PAGES.members}?branchId=${big.branchId}`)
    await phone.getByText('共 101 人').waitFor()
    const more = phone.locator('.btn:visible', { hasText: '加载更多' })
    await more.waitFor()
    const shown = await looks(more)
    expect(shown.color).not.toBe(shown.background)
    while (await more.isVisible()) {
      const rows = await phone.locator('.ppl-row:visible').count()
      await more.click()
      await phone.waitForFunction((count) => document.querySelectorAll('.ppl-row').length > count, rows)
    }
    expect(await phone.locator('.ppl-row:visible').count()).toBe(101)

    await phone.goto(`${journey.server.url}${PAGES.activityEdit}?branchId=${big.branchId}`)
    await phone.getByText('活动类型（可多选）').waitFor()
    const post = phone.locator('.btn:visible', { hasText: '发布活动' })
    const off = await looks(post)
    await field(phone, '例如：学习党的二十届四中全会精神').fill('主题党日：学习新党章')
    await field(phone, '例如：党员活动室').fill('党员活动室')
    await phone.locator('.act-tag:visible', { hasText: '主题党日' }).click()
    expect(await looks(post)).not.toEqual(off)
  })

  it('forms check as one types, against the contract: a 2,000-character topic is counted and refused, not cut; 自学学时 explains its fields', async () => {
    const phone = await journey.signIn(big.secretaryOpenid)
    await phone.goto(`${journey.server.url}${PAGES.activityEdit}?branchId=${big.branchId}`)
    const topic = field(phone, '例如：学习党的二十届四中全会精神')
    await topic.fill('党'.repeat(2000))
    const topicField = phone.locator('.field:visible', { has: topic })
    await topicField.getByText('2000/60').waitFor()
    await topicField.getByText('主题不超过 60 个字').waitFor()
    expect((await topic.inputValue()).length).toBe(2000)
    await phone.locator('.act-tag:visible', { hasText: '主题党日' }).click()
    await phone.locator('.btn:visible', { hasText: '发布活动' }).click()
    await phone.getByText('请填写地点').waitFor()
    // The picker's 确定 in the app's red, not WeUI green.
    await phone.locator('.act-picker:visible').first().click()
    const ok = phone.locator('.weui-picker__action:visible', { hasText: '确定' })
    await ok.waitFor()
    expect((await looks(ok)).color).toBe('rgb(200, 22, 29)')
    await phone.locator('.weui-picker__action:visible', { hasText: '取消' }).click()

    await phone.goto(`${journey.server.url}${PAGES.myHours}`)
    await field(phone, '学习内容，如：学习强国专题学习').fill('学')
    await phone.getByText('请填写学习内容（至少 2 个字）').waitFor()
    await field(phone, '学时（0.5 为单位）').fill('0.3')
    await phone.getByText('学时至少 0.5').waitFor()
    await field(phone, '学时（0.5 为单位）').fill('1.2')
    await phone.getByText('学时以 0.5 为单位').waitFor()
  })

  it('H5 has a way back on every page that is not a tab, and an unknown route says so with 返回首页', async () => {
    const phone = await journey.signIn(big.secretaryOpenid)
    await phone.locator('.btn:visible', { hasText: '我的请假/补学' }).click()
    await phone.locator('.taro-navigation-bar-back:visible').click()
    await phone.locator('.btn:visible', { hasText: '扫码签到' }).waitFor()

    await phone.goto(`${journey.server.url}/pages/no-such-page/index`)
    await phone.getByText('找不到这个页面，链接可能已失效。').waitFor()
    await phone.locator('.btn:visible', { hasText: '返回首页' }).click()
    await phone.locator('.btn:visible', { hasText: '扫码签到' }).waitFor()
  })

  it('组织架构: 删除 looks unlike 重命名 and its dialog names the deletion', async () => {
    const { demo } = journey.env
    const root = demo.orgs.find((org) => org.parentId === null)!
    const admin = demo.members.find((member) => member.adminOrgIds.includes(root._id))!
    const phone = await journey.signIn(admin.openid!)
    await phone.goto(`${journey.server.url}${PAGES.orgTree}`)
    const row = phone.locator('.ppl-row:visible', { has: phone.locator('.btn', { hasText: '删除' }) }).first()
    await row.waitFor()
    const remove = row.locator('.btn', { hasText: '删除' })
    expect(await looks(remove)).not.toEqual(await looks(row.locator('.btn', { hasText: '重命名' })))
    await remove.click()
    await phone.getByText('确认删除', { exact: true }).waitFor()
    await phone.getByText('暂不删除', { exact: true }).click()
    await row.waitFor()
  })

  it('签到情况: at the bottom of a 100-member list the place holds through a poll, and 代签到 works on the last name', async () => {
    const now = journey.now()
    const activityId = await postThemeDay(journey.env.cloud, big.secretaryOpenid, big.branchId, now)
    const phone = await journey.signIn(big.secretaryOpenid)
    await phone.goto(`${journey.server.url}${PAGES.attendanceLive}?id=${activityId}`)
    const waiting = phone.locator('.act-card:visible', { has: phone.locator('.act-label', { hasText: /^未签到（/ }) }).locator('.act-row')
    await waiting.nth(99).waitFor()
    const last = waiting.last()
    const lastName = (await last.locator('.act-row__title').textContent()) ?? ''
    await last.scrollIntoViewIfNeeded()
    const before = await topOf(last)

    // Someone else is signed in meanwhile: the next poll brings it (出席（1）) without moving the page.
    await call(journey.env.cloud, 'checkin', 'manual', { activityId, memberId: 'mem-page-1' }, big.secretaryOpenid)
    await phone.locator('.act-label:visible', { hasText: '出席（1）' }).waitFor()
    expect(await phone.getByText('加载中…').count()).toBe(0)
    const after = await topOf(personRow(phone, /^未签到（/, lastName))
    const rowHeight = await last.evaluate((node) => node.getBoundingClientRect().height)
    expect(Math.abs(after - before)).toBeLessThan(rowHeight)

    await personRow(phone, /^未签到（/, lastName).locator('.btn', { hasText: '代签到' }).click()
    await phone.getByText(`确认 ${lastName} 已到会？`).waitFor()
    await phone.getByText('代签到', { exact: true }).last().click()
    await personRow(phone, /^出席（/, lastName).waitFor()

    // 出席 is listed first; a search finds whom to sign in.
    const sections = await phone.locator('.act-card:visible .act-label').allTextContents()
    expect(sections.findIndex((label) => label.startsWith('出席'))).toBeLessThan(sections.findIndex((label) => label.startsWith('未签到')))
    await field(phone, '搜索姓名，为其代签到').fill('测试党员5')
    await phone.waitForFunction(() => document.querySelectorAll('.act-row .btn').length === 11)
    expect((await waiting.locator('.act-row__title').allTextContents()).every((name) => name.includes('测试党员5'))).toBe(true)
  })

  it('达标测评表: 保存评分 keeps the page where it was', async () => {
    const { demo } = journey.env
    const branch = demo.orgs.find((org) => org._id === 'org-cs-teacher')!
    const admin = demo.members.find((member) => member.adminOrgIds.includes(branch.parentId!))!
    const phone = await journey.signIn(admin.openid!)
    await phone.goto(`${journey.server.url}${PAGES.scoreSheet}?branchId=${branch._id}`)
    const save = phone.locator('.btn:visible', { hasText: '保存评分' })
    await save.last().waitFor()
    const form = phone.locator('.act-row:visible', { has: save }).last()
    const title = (await form.locator('.act-row__title').textContent()) ?? ''
    await form.locator('input').fill('1')
    await form.locator('textarea').fill('会议记录齐全，评 1 分')
    await save.last().scrollIntoViewIfNeeded()
    const before = await topOf(form)
    await save.last().click()
    const scored = phone.locator('.act-row:visible', { hasText: title }).filter({ hasText: '评分说明：会议记录齐全，评 1 分' })
    await scored.waitFor()
    expect(Math.abs((await topOf(scored)) - before)).toBeLessThan(80)
  })

  it('raised no errors in the pages (React DOM errors such as insertBefore among them)', () => {
    expect(journey.pageErrors).toEqual([])
  })
})
