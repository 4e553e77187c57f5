import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { HostClock } from '../../../weapp-host/clock'
import { HostWorld, type Phone } from '../../../weapp-host/host'
import type { CloudBackend } from '../../../weapp-host/wx'

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'mini-program')
const START = new Date('2026-11-21T02:00:00.000Z')
const noCloud: CloudBackend = {
  isFunction: () => false,
  invoke: () => Promise.reject(new Error('no cloud in this test')),
  storage: {
    uploadAs: () => Promise.reject(new Error('no storage in this test')),
    downloadFile: () => Promise.reject(new Error('no storage in this test')),
    getTempFileUrls: () => Promise.reject(new Error('no storage in this test')),
    resolveTempUrl: () => {
      throw new Error('no storage in this test')
    },
  },
}

/** The host on a small hand-written mini program (test/fixtures/mini-program): lifecycles, stack, setData, events, clock. */
describe('weapp host', () => {
  let tempDir: string
  let world: HostWorld
  let phone: Phone
  const journal = () => phone.app.journal as string[]
  beforeEach(async () => {
    tempDir = mkdtempSync(path.join(tmpdir(), 'zbt-host-test-'))
    world = new HostWorld({ appDir: FIXTURE, clock: new HostClock(START), cloud: noCloud, tempDir })
    phone = await world.launch('wx-fixture', { path: 'pages/index/index', query: { q: '1' } })
  })
  afterEach(() => {
    world.dispose()
    rmSync(tempDir, { recursive: true, force: true })
  })

  it('starts like WeChat: App onLaunch/onShow with the launch options, then the page’s onLoad(query), onShow, onReady', () => {
    expect(journal()).toEqual(['app.onLaunch pages/index/index {"q":"1"}', 'app.onShow', 'index.onLoad {"q":"1"}', 'index.onShow', 'index.onReady'])
    expect(phone.page.all('.item').map((item) => item.text)).toEqual(['first', 'second'])
  })

  it('keeps a page stack: navigateTo hides the page and opens the next with its query, navigateBack unloads it and shows the first again', async () => {
    await phone.tap(phone.page.find('button.go'))
    expect(phone.pages.map((page) => page.route)).toEqual(['pages/index/index', 'pages/next/index'])
    expect(phone.page.find('.from').text).toBe('from index')
    phone.navigateBack()
    await world.settle()
    expect(phone.pages.map((page) => page.route)).toEqual(['pages/index/index'])
    expect(journal().slice(5)).toEqual(['index.onHide', 'next.onLoad {"from":"index"}', 'next.onShow', 'next.onReady', 'next.onUnload', 'index.onShow'])
    phone.reLaunch('/pages/next/index?from=relaunch')
    await world.settle()
    expect(journal()).toContain('index.onUnload')
    expect(phone.pages.map((page) => page.route)).toEqual(['pages/next/index'])
    expect(() => phone.navigateTo('/pages/nowhere/index')).toThrow('page "pages/nowhere/index" is not found')
  })

  it('fails the test when the mini program navigates to a page app.json does not have, even if it handles the failure', async () => {
    await expect(phone.tap(phone.page.find('button.nowhere'))).rejects.toThrow('wx.navigateTo(/pages/nowhere/index) failed')
  })

  it('calls onPullDownRefresh and onReachBottom', async () => {
    await phone.pullDownRefresh()
    await phone.reachBottom()
    expect(journal().slice(-2)).toEqual(['index.onPullDownRefresh', 'index.onReachBottom'])
  })

  it('sends a tap the way WeChat does: to the target’s binding with its id and dataset, bubbling to the ancestors, stopped by catchtap', async () => {
    await phone.tap(phone.page.getByText('second'))
    expect(journal().slice(-2)).toEqual(['onItemTap b target= current=item-b', 'onListTap list'])
    await phone.tap('stop here')
    expect(journal().slice(-1)).toEqual(['onStopTap'])
  })

  it('applies setData paths (a.b[1].c, list[0].field) to what the page shows', () => {
    const instance = phone.page.record.instance as { setData(patch: Record<string, unknown>): void }
    instance.setData({ 'deep.a[1].b': 'changed', 'items[0].done': true, 'fresh.list[2]': 'made' })
    expect(phone.page.find('.deep').text).toBe('changed')
    expect(phone.page.find('.item', { hasText: 'first' }).classes).toContain('item--done')
    expect(phone.page.data.fresh).toEqual({ list: [undefined, undefined, 'made'] })
  })

  it('types into an input: an input event with detail.value', async () => {
    await phone.type(phone.page.find('input.name'), '王芳')
    expect(phone.page.find('input.name').attributes.value).toBe('王芳')
  })

  it('opens the subscribe dialog only from a tap, answering each template as the test chose', async () => {
    phone.device.subscribeAnswers.set('t-no', 'reject')
    await phone.tap(phone.page.find('button.subscribe'))
    expect(journal().at(-1)).toBe('subscribe {"errMsg":"requestSubscribeMessage:ok","t-yes":"accept","t-no":"reject"}')
    await phone.tap(phone.page.find('button.subscribe-later'))
    expect(journal().at(-1)).toBe('later requestSubscribeMessage:fail can only be invoked by user TAP gesture.')
  })

  it('sets a tab badge only while a tab page is on screen', async () => {
    await phone.tap(phone.page.find('button.badge'))
    expect(journal().at(-1)).toBe('index badge ok')
    expect(phone.device.tabBadges.get(0)).toBe('3')
    await phone.tap(phone.page.find('button.go'))
    await phone.tap(phone.page.find('button.badge'))
    expect(journal().at(-1)).toBe('next setTabBarBadge:fail not TabBar page')
  })

  it('fails the test with the name of a wx API the host does not implement', async () => {
    await expect(phone.tap(phone.page.find('button.missing'))).rejects.toThrow('wx.getBatteryInfo is not implemented by the weapp host')
  })

  it('gives page code the host clock and runs its timers only when the clock is moved past them', async () => {
    expect(phone.page.find('.clock').text).toBe(String(START.getTime()))
    await world.advanceClock(59_000)
    expect(phone.page.find('.clock').text).toBe(String(START.getTime()))
    await world.advanceClock(1_000)
    expect(phone.page.find('.clock').text).toBe(String(START.getTime() + 60_000))
  })

  it('downloads a subpackage when its page is opened, and preloads by preloadRule after the page shows', async () => {
    expect(phone.downloads.map((download) => [download.packageName, download.reason])).toEqual([['__APP__', 'cold start']])
    await phone.tap(phone.page.find('button.go'))
    expect(phone.downloads.map((download) => [download.packageName, download.reason])).toEqual([
      ['__APP__', 'cold start'],
      ['sub', 'preload'],
    ])
    const fresh = await world.launch('wx-other', { path: 'sub/pages/deep/index' })
    expect(fresh.downloads.map((download) => download.packageName)).toEqual(['__APP__', 'sub'])
    expect(fresh.page.text()).toBe('deep page')
  })

  it('refuses a file of a subpackage that is not downloaded', () => {
    expect(() => phone.sandbox.requireFile('sub/pages/deep/index.js')).toThrow('not downloaded')
  })
})
