import path from 'node:path'
import { AppPackage, MAIN_PACKAGE, type CodePackage } from './app-package'
import { type HostClock, VirtualTimers } from './clock'
import { describeTree, hasText, isElement, textOf, walk, type HandlerOwner, type WxElement } from './elements'
import { LogicSandbox } from './sandbox'
import { applySetData, viewCopy } from './set-data'
import { CompiledTemplates } from './templates'
import { buildView, type ComponentMount, type ComponentResolver } from './view'
import { createWx, type CloudBackend, type DeviceState, type PhoneHooks } from './wx'

type Config = Record<string, unknown>
type Lifecycle = (this: Config, ...args: unknown[]) => unknown

/** Everything the phones of one test share: the built app, its compiled templates, the clock and the cloud. */
export interface HostWorldOptions {
  appDir: string
  clock: HostClock
  cloud: CloudBackend
  /** A scratch folder for the phones' temp files (chosen photos, compressed images, downloads). */
  tempDir: string
  /** Whether a page still shows a loading state (its first render without one is its first meaningful render). */
  isBusy?: (view: WxElement) => boolean
}

export class HostWorld {
  readonly app: AppPackage
  readonly templates: CompiledTemplates
  readonly timers: VirtualTimers
  readonly phones: Phone[] = []

  constructor(readonly options: HostWorldOptions) {
    this.app = new AppPackage(options.appDir)
    this.templates = new CompiledTemplates(options.appDir)
    this.timers = new VirtualTimers(options.clock)
  }

  get clock(): HostClock {
    return this.options.clock
  }

  /**
   * A phone whose WeChat user is `openid`, cold-starting the mini program at `path`
   * (default: the entry page) as WeChat would: download the main package, App onLaunch/onShow,
   * the page's onLoad/onShow/onReady. `query.scene` is what a mini program code carries.
   */
  async launch(openid: string, entry: { path?: string; query?: Record<string, string>; scene?: number } = {}): Promise<Phone> {
    const phone = new Phone(this, openid, this.phones.length + 1)
    this.phones.push(phone)
    await phone.coldStart(entry.path ?? this.app.entryPage, entry.query ?? {}, entry.scene ?? 1001)
    return phone
  }

  /** Runs every phone until nothing is left to do now: cloud calls answered, 0 ms timers run, renders done. */
  async settle(): Promise<void> {
    const started = Date.now()
    for (;;) {
      for (const phone of this.phones) phone.throwIfBroken()
      if (this.timers.runOneDue()) {
        await macrotask()
        continue
      }
      const busy = this.phones.filter((phone) => phone.inFlight.size > 0)
      if (busy.length === 0) {
        await macrotask()
        if (!this.timers.hasDue() && this.phones.every((phone) => phone.inFlight.size === 0)) break
        continue
      }
      if (Date.now() - started > SETTLE_LIMIT_MS) {
        throw new Error(`the mini program did not settle: still waiting for ${busy.flatMap((phone) => [...phone.inFlight.values()]).join(', ')}`)
      }
      await macrotask()
    }
    for (const phone of this.phones) phone.throwIfBroken()
  }

  /** Moves the one clock on, running every timer that falls due on the way in order (a rotating code, a poll). */
  async advanceClock(ms: number): Promise<void> {
    await this.settle()
    const target = this.clock.nowMs() + ms
    while (this.timers.runNext(target)) await this.settle()
    this.clock.setMs(target)
    await this.settle()
  }

  dispose(): void {
    this.timers.clearAll()
    for (const phone of this.phones) phone.dispose()
  }
}

/** Real time the host waits for the runtime to answer (a guard against a hang, not a timing assertion). */
const SETTLE_LIMIT_MS = 20_000
const MAX_PAGE_STACK = 10
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve))

/** One code package download: at cold start, on the way to a subpackage page, or as a preload. */
export interface PackageDownload {
  packageName: string
  bytes: number
  reason: 'cold start' | 'navigation' | 'preload'
}

/** A call of wx.cloud.callFunction: `round` is its place in the chain of calls each waiting for the one before. */
export interface CloudCall {
  name: string
  action: string
  round: number
  startedAfter: number
  endedAt: number | null
  ok: boolean | null
}

export interface RenderMark {
  page: string
  /** Code packages the phone had to download (cold start, entering a subpackage) and had run (JS files required so far). */
  downloadedBytes: number
  /** Subpackages fetched in the background by preloadRule meanwhile (they do not hold the render up). */
  preloadedBytes: number
  evaluatedBytes: number
  cloudRounds: number
  cloudCalls: number
}

interface PageRecord {
  route: string
  query: Record<string, string>
  instance: Config
  owner: HandlerOwner
  usingComponents: Record<string, string>
  view: WxElement | null
  title: string
  firstMeaningfulRender: RenderMark | null
  readonly id: number
}

interface ComponentRecord {
  instance: Config
  definition: Config
  template: string
  usingComponents: Record<string, string>
  seen: boolean
}

/**
 * One phone running the mini program: its own logic layer (JS realm), page stack and wx,
 * sharing the world's clock and cloud. Tests read what the current page shows and act on it.
 */
export class Phone implements PhoneHooks {
  readonly sandbox: LogicSandbox
  readonly device: DeviceState
  readonly downloads: PackageDownload[] = []
  readonly cloudCalls: CloudCall[] = []
  /** Work the phone waits for: cloud calls and native API answers, by id. */
  readonly inFlight = new Map<number, string>()
  private nextWork = 1
  private readonly stack: PageRecord[] = []
  private readonly pageConfigs = new Map<string, Config>()
  private readonly componentConfigs = new Map<string, Config>()
  private readonly components = new Map<string, ComponentRecord>()
  private registering: { kind: 'page' | 'component'; path: string } | null = null
  private appConfig: Config | null = null
  private launchOptions: Record<string, unknown> = {}
  private failures: Error[] = []
  private nextPageId = 1
  private readonly injected = new Set<string>()
  private cloudEvents = 0

  constructor(
    readonly world: HostWorld,
    public openid: string,
    readonly number: number,
  ) {
    const { wx, device } = createWx({
      app: world.app,
      clock: world.clock,
      cloud: world.options.cloud,
      tempDir: path.join(world.options.tempDir, `phone-${number}`),
      phone: this,
    })
    this.device = device
    this.sandbox = new LogicSandbox(world.app, world.clock, world.timers, {
      wx,
      App: (config: Config) => this.registerApp(config),
      Page: (config: Config) => this.registerPage(config),
      Component: (config: Config) => this.registerComponent(config),
      Behavior: (config: Config) => config,
      getApp: () => this.appConfig,
      getCurrentPages: () => this.stack.map((page) => page.instance),
    })
  }

  /** Who the phone's WeChat user is (the openid the cloud functions see). */
  actAs(openid: string): void {
    this.openid = openid
  }

  /** The mini program breaks: an unimplemented wx API, a page error, a bad setData. Fails the test at the next settle. */
  fail(error: Error): void {
    this.failures.push(error)
  }

  throwIfBroken(): void {
    const [first] = this.failures
    if (first) {
      this.failures = []
      throw first
    }
  }

  /** What getApp() answers inside the mini program. */
  get app(): Config {
    if (!this.appConfig) throw new Error('the app has not started')
    return this.appConfig
  }

  get page(): PageView {
    const top = this.stack[this.stack.length - 1]
    if (!top) throw new Error('no page is open')
    return new PageView(top)
  }

  get pages(): PageView[] {
    return this.stack.map((record) => new PageView(record))
  }

  // ---- cold start and packages -------------------------------------------------------------

  async coldStart(route: string, query: Record<string, string>, scene: number): Promise<void> {
    this.downloadPackage(this.world.app.packageNamed(MAIN_PACKAGE), 'cold start')
    this.launchOptions = { path: route, query, scene, referrerInfo: {}, apiCategory: 'default' }
    this.sandbox.requireFile('app.js')
    if (!this.appConfig) throw new Error('app.js did not call App()')
    this.injectPackage(this.world.app.packageNamed(MAIN_PACKAGE))
    this.callLifecycle(this.appConfig, 'onLaunch', 'App', this.sandbox.fromHost(this.launchOptions))
    this.callLifecycle(this.appConfig, 'onShow', 'App', this.sandbox.fromHost(this.launchOptions))
    this.openPage(route, query)
    await this.world.settle()
  }

  /** Opens a page as a fresh start would (a link, a scanned code): the stack is replaced. */
  async open(url: string): Promise<PageView> {
    this.reLaunch(url)
    await this.world.settle()
    return this.page
  }

  get launch(): Record<string, unknown> {
    return this.launchOptions
  }

  private downloadPackage(pkg: CodePackage, reason: PackageDownload['reason']): void {
    if (this.sandbox.download(pkg.name)) this.downloads.push({ packageName: pkg.name, bytes: pkg.bytes, reason })
  }

  /**
   * Without app.json `lazyCodeLoading: "requiredComponents"`, WeChat runs the code of every page
   * of a package when it injects the package (the main one at start, a subpackage when entered).
   */
  private injectPackage(pkg: CodePackage): void {
    if (this.world.app.appJson.lazyCodeLoading === 'requiredComponents' || this.injected.has(pkg.name)) return
    this.injected.add(pkg.name)
    for (const route of this.world.app.allPages()) {
      if (this.world.app.packageOfPage(route) === pkg) this.loadDefinition('page', route)
    }
  }

  downloadedBytes(reasons: PackageDownload['reason'][] = ['cold start', 'navigation', 'preload']): number {
    return this.downloads.filter((download) => reasons.includes(download.reason)).reduce((sum, download) => sum + download.bytes, 0)
  }

  evaluatedBytes(): number {
    return this.sandbox.loaded.reduce((sum, file) => sum + file.bytes, 0)
  }

  // ---- App, Page, Component constructors ---------------------------------------------------

  private registerApp(config: Config): void {
    if (this.appConfig) throw new Error('App() called twice')
    this.appConfig = config
  }

  private registerPage(config: Config): void {
    if (this.registering?.kind !== 'page') throw new Error('Page() called outside a page file')
    this.pageConfigs.set(this.registering.path, config)
  }

  private registerComponent(config: Config): void {
    if (this.registering?.kind !== 'component') throw new Error('Component() called outside a component file')
    this.componentConfigs.set(this.registering.path, config)
  }

  private loadDefinition(kind: 'page' | 'component', file: string): Config {
    const registry = kind === 'page' ? this.pageConfigs : this.componentConfigs
    const known = registry.get(file)
    if (known) return known
    this.registering = { kind, path: file }
    try {
      this.sandbox.requireFile(`${file}.js`)
    } finally {
      this.registering = null
    }
    const definition = registry.get(file)
    if (!definition) throw new Error(`${file}.js did not call ${kind === 'page' ? 'Page' : 'Component'}()`)
    return definition
  }

  private callLifecycle(target: Config, name: string, who: string, ...args: unknown[]): unknown {
    const method = target[name]
    if (typeof method !== 'function') return undefined
    try {
      return (method as Lifecycle).apply(target, args)
    } catch (error) {
      this.fail(new Error(`${who}.${name} threw: ${(error as Error).stack ?? String(error)}`))
      return undefined
    }
  }

  // ---- page stack --------------------------------------------------------------------------

  /** Resolves a navigation url against the current page (`/pages/x/index?a=1`, `../x/index`). */
  private resolveUrl(url: string): { route: string; query: Record<string, string> } {
    const [pathPart, queryPart = ''] = url.split('?')
    const current = this.stack[this.stack.length - 1]?.route ?? ''
    const route = pathPart.startsWith('/') ? pathPart.slice(1) : path.posix.join(path.posix.dirname(current), pathPart)
    const query: Record<string, string> = {}
    for (const pair of queryPart.split('&')) {
      if (!pair) continue
      const at = pair.indexOf('=')
      query[at === -1 ? pair : pair.slice(0, at)] = at === -1 ? '' : pair.slice(at + 1)
    }
    return { route: route.replace(/\.html$/, ''), query }
  }

  private openPage(route: string, query: Record<string, string>): void {
    if (!this.world.app.hasPage(route)) throw new Error(`page "${route}" is not found (not in app.json pages or subPackages)`)
    const pkg = this.world.app.packageOfPage(route)
    if (pkg.name !== MAIN_PACKAGE) {
      this.downloadPackage(pkg, 'navigation')
      this.injectPackage(pkg)
    }
    const definition = this.loadDefinition('page', route)
    const pageJson = this.world.app.readJson(route)
    const instance: Config = {}
    for (const [key, value] of Object.entries(definition)) if (key !== 'data') instance[key] = value
    instance.data = this.sandbox.fromHost(viewCopy(definition.data ?? {}) as Config)
    instance.route = route
    instance.__route__ = route
    instance.is = route
    instance.options = this.sandbox.fromHost(query)
    const record: PageRecord = {
      id: this.nextPageId++,
      route,
      query,
      instance,
      owner: { describe: `page ${route}`, instance },
      usingComponents: (pageJson.usingComponents as Record<string, string> | undefined) ?? {},
      view: null,
      title: String(pageJson.navigationBarTitleText ?? (this.world.app.appJson as { window?: { navigationBarTitleText?: string } }).window?.navigationBarTitleText ?? ''),
      firstMeaningfulRender: null,
    }
    instance.setData = (patch: Config, callback?: () => void) => this.setPageData(record, patch, callback)
    instance.selectComponent = () => null
    instance.selectAllComponents = () => []
    this.stack.push(record)
    this.render(record)
    this.callLifecycle(instance, 'onLoad', `page ${route}`, this.sandbox.fromHost(query))
    this.callLifecycle(instance, 'onShow', `page ${route}`)
    // onReady once the first render is in; preloadRule downloads start after the page is shown.
    this.world.timers.schedule(() => {
      if (!this.stack.includes(record)) return
      this.callLifecycle(instance, 'onReady', `page ${route}`)
      for (const preload of this.world.app.preloadsOf(route)) this.downloadPackage(preload, 'preload')
    }, 0, false)
  }

  private closePage(record: PageRecord): void {
    this.callLifecycle(record.instance, 'onUnload', `page ${record.route}`)
    this.stack.splice(this.stack.indexOf(record), 1)
    for (const [key, component] of this.components) {
      if (key.startsWith(`${record.id}:`)) {
        this.callComponentLifetime(component, 'detached')
        this.components.delete(key)
      }
    }
  }

  private hideTop(): void {
    const top = this.stack[this.stack.length - 1]
    if (top) this.callLifecycle(top.instance, 'onHide', `page ${top.route}`)
  }

  navigateTo(url: string): void {
    const { route, query } = this.resolveUrl(url)
    if (this.world.app.isTabPage(route)) throw new Error(`navigateTo:fail can not navigateTo a tabbar page (${route})`)
    if (this.stack.length >= MAX_PAGE_STACK) throw new Error(`navigateTo:fail webview count limit exceed (${MAX_PAGE_STACK} pages)`)
    this.requirePage(route)
    this.hideTop()
    this.openPage(route, query)
  }

  redirectTo(url: string): void {
    const { route, query } = this.resolveUrl(url)
    if (this.world.app.isTabPage(route)) throw new Error(`redirectTo:fail can not redirectTo a tabbar page (${route})`)
    this.requirePage(route)
    const top = this.stack[this.stack.length - 1]
    if (top) this.closePage(top)
    this.openPage(route, query)
  }

  reLaunch(url: string): void {
    const { route, query } = this.resolveUrl(url)
    this.requirePage(route)
    while (this.stack.length) this.closePage(this.stack[this.stack.length - 1])
    this.openPage(route, query)
  }

  switchTab(url: string): void {
    const { route } = this.resolveUrl(url)
    if (!this.world.app.isTabPage(route)) throw new Error(`switchTab:fail can not switch to no-tabBar page (${route})`)
    while (this.stack.length) this.closePage(this.stack[this.stack.length - 1])
    this.openPage(route, {})
  }

  navigateBack(delta = 1): void {
    if (this.stack.length <= 1) return
    const steps = Math.min(Math.max(1, delta), this.stack.length - 1)
    for (let i = 0; i < steps; i++) this.closePage(this.stack[this.stack.length - 1])
    const top = this.stack[this.stack.length - 1]
    this.callLifecycle(top.instance, 'onShow', `page ${top.route}`)
  }

  private requirePage(route: string): void {
    if (!this.world.app.hasPage(route)) throw new Error(`page "${route}" is not found`)
  }

  /** The person pulls the page down (enablePullDownRefresh) or scrolls to its bottom. */
  async pullDownRefresh(): Promise<void> {
    const top = this.page.record
    this.callLifecycle(top.instance, 'onPullDownRefresh', `page ${top.route}`)
    await this.world.settle()
  }

  async reachBottom(): Promise<void> {
    const top = this.page.record
    this.callLifecycle(top.instance, 'onReachBottom', `page ${top.route}`)
    await this.world.settle()
  }

  // ---- setData and rendering ---------------------------------------------------------------

  private setPageData(record: PageRecord, patch: Config, callback?: () => void): void {
    if (!this.stack.includes(record)) {
      this.fail(new Error(`setData on page ${record.route} after it was unloaded`))
      return
    }
    let skipped: string[]
    try {
      skipped = applySetData(record.instance.data as Config, patch)
    } catch (error) {
      this.fail(error as Error)
      return
    }
    if (skipped.length) this.fail(new Error(`setData on ${record.route}: undefined value for ${skipped.join(', ')} (WeChat does not send it)`))
    this.render(record)
    if (typeof callback === 'function') this.world.timers.schedule(() => callback(), 0, false)
  }

  private render(record: PageRecord): void {
    const tree = this.world.templates.render(`${record.route}.wxml`, record.instance.data as Config)
    for (const component of this.components.values()) component.seen = false
    record.view = buildView(tree, record.owner, record.route, record.usingComponents, this.componentResolver(record))
    for (const [key, component] of this.components) {
      if (key.startsWith(`${record.id}:`) && !component.seen) {
        this.callComponentLifetime(component, 'detached')
        this.components.delete(key)
      }
    }
    if (!record.firstMeaningfulRender && isMeaningful(record.view, this.world.options.isBusy)) {
      const rounds = this.cloudCalls.filter((call) => call.endedAt !== null).map((call) => call.round)
      record.firstMeaningfulRender = {
        page: record.route,
        downloadedBytes: this.downloadedBytes(['cold start', 'navigation']),
        preloadedBytes: this.downloadedBytes(['preload']),
        evaluatedBytes: this.evaluatedBytes(),
        cloudRounds: rounds.length ? Math.max(...rounds) : 0,
        cloudCalls: this.cloudCalls.length,
      }
    }
  }

  private componentResolver(record: PageRecord): ComponentResolver {
    return {
      mount: (tag, properties, usingComponents, ownerPath, key): ComponentMount | null => {
        const relative = usingComponents[tag]
        if (!relative) return null
        const file = relative.startsWith('/') ? relative.slice(1) : path.posix.join(path.posix.dirname(ownerPath), relative)
        const component = this.componentAt(`${record.id}:${key}`, file, properties)
        return {
          template: `${file}.wxml`,
          data: component.instance.data as Config,
          owner: { describe: `component ${file}`, instance: component.instance },
          virtualHost: Boolean((component.definition.options as Config | undefined)?.virtualHost),
          usingComponents: component.usingComponents,
          key: `${key}>`,
        }
      },
      render: (template, data) => this.world.templates.render(template, data),
    }
  }

  private componentAt(key: string, file: string, properties: Record<string, unknown>): ComponentRecord {
    let component = this.components.get(key)
    if (!component || component.template !== `${file}.wxml`) {
      const definition = this.loadDefinition('component', file)
      const instance: Config = {}
      for (const [name, value] of Object.entries((definition.methods as Config | undefined) ?? {})) instance[name] = value
      const defaults: Config = {}
      for (const [name, spec] of Object.entries((definition.properties as Record<string, unknown> | undefined) ?? {})) {
        defaults[name] = spec && typeof spec === 'object' && 'value' in spec ? (spec as { value: unknown }).value : null
      }
      instance.data = this.sandbox.fromHost({ ...(viewCopy(definition.data ?? {}) as Config), ...(viewCopy(defaults) as Config) })
      instance.properties = instance.data
      instance.is = file
      instance.setData = (patch: Config) => {
        applySetData(instance.data as Config, patch)
        const owner = this.stack.find((page) => key.startsWith(`${page.id}:`))
        if (owner) this.render(owner)
      }
      component = { instance, definition, template: `${file}.wxml`, usingComponents: (this.world.app.readJson(file).usingComponents as Record<string, string>) ?? {}, seen: true }
      this.components.set(key, component)
      Object.assign(instance.data as Config, properties)
      this.callComponentLifetime(component, 'attached')
    } else {
      Object.assign(component.instance.data as Config, properties)
    }
    component.seen = true
    return component
  }

  private callComponentLifetime(component: ComponentRecord, name: 'attached' | 'detached'): void {
    const lifetimes = (component.definition.lifetimes as Config | undefined) ?? {}
    const method = lifetimes[name] ?? component.definition[name]
    if (typeof method !== 'function') return
    try {
      ;(method as Lifecycle).call(component.instance)
    } catch (error) {
      this.fail(new Error(`component ${component.template} ${name} threw: ${(error as Error).message}`))
    }
  }

  // ---- events ------------------------------------------------------------------------------

  /**
   * Sends an event as the view layer would: from the target up through its ancestors for
   * bubbling events (tap, longpress), to the element alone for the others (input, change …);
   * each binding calls its owner's method with target/currentTarget id and dataset, and detail.
   */
  async dispatch(target: WxElement, type: string, detail: Record<string, unknown>): Promise<void> {
    const bubbles = BUBBLING_EVENTS.has(type)
    const path: WxElement[] = []
    for (let node: WxElement | null = target; node; node = bubbles ? node.parent : null) path.push(node)
    const describe = (element: WxElement) => ({ id: element.id, dataset: element.dataset, offsetLeft: 0, offsetTop: 0 })
    let handled = false
    for (const current of path) {
      const binding = current.bindings.find((item) => item.event === type && (item.kind === 'bind' || item.kind === 'catch' || item.kind === 'mut-bind'))
      if (!binding) continue
      const method = current.owner.instance[binding.handler]
      if (typeof method !== 'function') throw new Error(`${current.owner.describe} has no method "${binding.handler}" for the ${type} event`)
      const event = this.sandbox.fromHost({
        type,
        timeStamp: this.world.clock.nowMs(),
        target: describe(target),
        currentTarget: describe(current),
        detail,
        mark: {},
        touches: [],
        changedTouches: [],
      })
      handled = true
      this.tapping = type === 'tap'
      try {
        ;(method as Lifecycle).call(current.owner.instance, event)
      } catch (error) {
        this.fail(new Error(`${current.owner.describe}: the ${type} handler threw: ${(error as Error).stack ?? String(error)}`))
      } finally {
        this.tapping = false
      }
      if (binding.kind === 'catch') break
    }
    if (!handled) throw new Error(`nothing on the page handles ${type} on <${target.tag}> "${textOf(target).slice(0, 40)}"`)
    await this.world.settle()
  }

  // ---- what a person does on the page ------------------------------------------------------

  /** The person answers the open dialog (wx.showModal): 确定 (true) or 取消 (false). */
  async answerDialog(confirm: boolean): Promise<void> {
    this.device.answerDialog(confirm)
    await this.world.settle()
  }

  /** Taps an element (or the innermost element showing `text`). */
  async tap(target: WxElement | string): Promise<void> {
    const element = typeof target === 'string' ? this.page.getByText(target) : target
    if (element.attributes.disabled === true) throw new Error(`<${element.tag}> “${textOf(element)}” is disabled`)
    await this.dispatch(element, 'tap', { x: 0, y: 0 })
  }

  /** Types into an input or textarea, as the keyboard sends it (an input event with the whole value). */
  async type(field: WxElement, value: string): Promise<void> {
    if (field.tag !== 'input' && field.tag !== 'textarea') throw new Error(`<${field.tag}> is not a text field`)
    await this.dispatch(field, 'input', { value, cursor: value.length, keyCode: 0 })
  }

  /** Picks in a picker: the option's text (selector mode) or the value itself (date, time). */
  async pick(picker: WxElement, choice: string): Promise<void> {
    if (picker.tag !== 'picker') throw new Error(`<${picker.tag}> is not a picker`)
    const mode = String(picker.attributes.mode ?? 'selector')
    let value: unknown = choice
    if (mode === 'selector') {
      const range = (picker.attributes.range as unknown[] | undefined) ?? []
      const key = picker.attributes.rangeKey as string | undefined
      const index = range.findIndex((item) => String(key && item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : item) === choice)
      if (index === -1) throw new Error(`the picker has no option “${choice}” (options: ${range.map(String).join(' / ')})`)
      value = index
    }
    await this.dispatch(picker, 'change', { value })
  }

  /** Turns a switch on or off. */
  async toggle(control: WxElement, on: boolean): Promise<void> {
    if (control.tag !== 'switch') throw new Error(`<${control.tag}> is not a switch`)
    await this.dispatch(control, 'change', { value: on })
  }

  // ---- cloud calls (bookkeeping for the start-up figures) -----------------------------------

  /** Native work (an API's answer): starts on a later turn, and the phone is busy until it ends. */
  work<T>(label: string, task: () => Promise<T>): Promise<T> {
    const id = this.nextWork++
    this.inFlight.set(id, label)
    return new Promise<void>((resolve) => this.schedule(resolve))
      .then(task)
      .finally(() => this.inFlight.delete(id))
  }

  schedule(callback: () => void): void {
    this.world.timers.schedule(callback, 0, false)
  }

  fromHost<T>(value: T): T {
    return this.sandbox.fromHost(value)
  }

  navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab', url: string): void {
    this[kind](url)
  }

  currentRoute(): string | null {
    return this.stack[this.stack.length - 1]?.route ?? null
  }

  private tapping = false

  get inTap(): boolean {
    return this.tapping
  }

  setTitle(title: string): void {
    const top = this.stack[this.stack.length - 1]
    if (top) top.title = title
  }

  cloudCallStarted(name: string, action: string): CloudCall {
    const finished = this.cloudCalls.filter((call) => call.endedAt !== null)
    const call: CloudCall = {
      name,
      action,
      round: 1 + finished.reduce((max, earlier) => Math.max(max, earlier.round), 0),
      startedAfter: this.cloudEvents,
      endedAt: null,
      ok: null,
    }
    this.cloudCalls.push(call)
    return call
  }

  cloudCallEnded(call: CloudCall, ok: boolean): void {
    call.endedAt = ++this.cloudEvents
    call.ok = ok
  }

  dispose(): void {
    while (this.stack.length) this.closePage(this.stack[this.stack.length - 1])
    this.device.dispose()
  }
}

const BUBBLING_EVENTS = new Set(['tap', 'longpress', 'longtap', 'touchstart', 'touchmove', 'touchend', 'touchcancel'])

/** Meaningful: the page shows something and, by the app's own sign, waits for nothing more. */
function isMeaningful(view: WxElement, isBusy: ((view: WxElement) => boolean) | undefined): boolean {
  return textOf(view).trim() !== '' && !isBusy?.(view)
}

/** The current page as a test sees it. */
export class PageView {
  constructor(readonly record: PageRecord) {}

  get route(): string {
    return this.record.route
  }

  get query(): Record<string, string> {
    return this.record.query
  }

  get title(): string {
    return this.record.title
  }

  set title(value: string) {
    this.record.title = value
  }

  get data(): Config {
    return this.record.instance.data as Config
  }

  get firstMeaningfulRender(): RenderMark | null {
    return this.record.firstMeaningfulRender
  }

  get root(): WxElement {
    if (!this.record.view) throw new Error(`page ${this.route} has not rendered`)
    return this.record.view
  }

  text(): string {
    return textOf(this.root)
  }

  outline(): string {
    return describeTree(this.root)
  }

  /** Elements matching `selector` (tag, .class, tag.class) whose text contains `hasText`. */
  all(selector: string, options: { hasText?: string | RegExp } = {}): WxElement[] {
    return this.root.all(selector, options)
  }

  /** The first such element; fails with what the page shows when there is none. */
  find(selector: string, options: { hasText?: string | RegExp } = {}): WxElement {
    const [first] = this.all(selector, options)
    if (!first) throw new Error(`no ${selector}${options.hasText ? ` with text "${options.hasText}"` : ''} on ${this.route}; the page shows:\n${this.outline()}`)
    return first
  }

  /** The innermost element whose text contains `text` (what a person reads and taps). */
  getByText(text: string | RegExp): WxElement {
    const matches = [...walk(this.root)].filter((element) => hasText(element, text))
    const innermost = matches.filter((element) => !element.children.some((child) => isElement(child) && hasText(child, text)))
    if (!innermost.length) throw new Error(`no “${text}” on ${this.route}; the page shows:\n${this.outline()}`)
    return innermost[0]
  }

  has(text: string | RegExp): boolean {
    return hasText(this.root, text)
  }
}

