import path from 'node:path'
import vm from 'node:vm'
import type { AppPackage } from './app-package'
import type { HostClock, VirtualTimers } from './clock'

/** Browser globals WeChat hides from every file of the logic layer (its `define` wrapper shadows them). */
const HIDDEN_BROWSER_GLOBALS = [
  'window', 'document', 'frames', 'self', 'location', 'navigator', 'localStorage', 'history', 'Caches', 'screen',
  'alert', 'confirm', 'prompt', 'fetch', 'XMLHttpRequest', 'WebSocket', 'webkit', 'WeixinJSCore', 'Reporter', 'print',
  'WeixinJSBridge',
]

export interface LoadedFile {
  file: string
  bytes: number
  packageName: string
}

interface Module {
  exports: unknown
}

/**
 * The logic layer: one JS realm holding the mini program's globals (wx, App, Page, Component …),
 * a `Date` that reads the host clock, virtual timers, and the CommonJS `require` of the mini
 * program (relative to the requiring file, inside the code packages downloaded so far).
 */
export class LogicSandbox {
  readonly context: vm.Context
  private readonly modules = new Map<string, Module>()
  readonly loaded: LoadedFile[] = []
  private readonly downloaded = new Set<string>()
  private readonly realmJson: JSON

  constructor(
    private readonly app: AppPackage,
    clock: HostClock,
    timers: VirtualTimers,
    globals: Record<string, unknown>,
  ) {
    this.context = vm.createContext({
      console,
      setTimeout: (callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => timers.schedule(() => callback(...args), delay, false),
      setInterval: (callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => timers.schedule(() => callback(...args), delay, true),
      clearTimeout: (id: unknown) => timers.cancel(id),
      clearInterval: (id: unknown) => timers.cancel(id),
      ...globals,
    })
    vm.runInContext(
      `(function (RealDate, now) {
        function Date(...args) {
          if (!new.target) return new RealDate(now()).toString()
          return args.length === 0 ? new RealDate(now()) : new RealDate(...args)
        }
        Date.prototype = RealDate.prototype
        Date.now = () => now()
        Date.parse = RealDate.parse
        Date.UTC = RealDate.UTC
        globalThis.Date = Date
      })`,
      this.context,
    )(vm.runInContext('Date', this.context), clock.nowMs)
    this.realmJson = vm.runInContext('JSON', this.context) as JSON
  }

  /** Parses JSON in the sandbox's realm, so page code sees its own Object/Array (as data crossing from native would be). */
  fromHost<T>(value: T): T {
    if (value === undefined) return value
    return this.realmJson.parse(JSON.stringify(value)) as T
  }

  /** Marks a code package as downloaded (cold start: the main package; later: a subpackage on first use or preload). */
  download(packageName: string): boolean {
    if (this.downloaded.has(packageName)) return false
    this.downloaded.add(packageName)
    return true
  }

  isDownloaded(packageName: string): boolean {
    return this.downloaded.has(packageName)
  }

  /** Runs a file of the mini program (e.g. `app.js`, `pages/home/index.js`) once, as WeChat's require does. */
  requireFile(file: string): unknown {
    const normalized = path.posix.normalize(file.endsWith('.js') ? file : `${file}.js`)
    const cached = this.modules.get(normalized)
    if (cached) return cached.exports
    if (normalized.startsWith('..') || path.posix.isAbsolute(normalized)) throw new Error(`require: ${file} is outside the mini program`)
    const owner = this.app.packageOfFile(normalized)
    if (!this.downloaded.has(owner.name)) {
      throw new Error(`require: ${normalized} belongs to code package "${owner.name}", which is not downloaded (a file of another package cannot be required)`)
    }
    let source: string
    try {
      source = this.app.readText(normalized)
    } catch {
      throw new Error(`module "${normalized}" is not defined`)
    }
    const module: Module = { exports: {} }
    this.modules.set(normalized, module)
    this.loaded.push({ file: normalized, bytes: Buffer.byteLength(source), packageName: owner.name })
    const wrapper = new vm.Script(`(function (require, module, exports, ${HIDDEN_BROWSER_GLOBALS.join(', ')}) {${source}\n})`, {
      filename: path.join(this.app.rootDir, normalized),
    }).runInContext(this.context) as (require: (id: string) => unknown, module: Module, exports: unknown) => void
    const localRequire = (id: string) => this.requireFile(path.posix.join(path.posix.dirname(normalized), id))
    wrapper.call(undefined, localRequire, module, module.exports)
    return module.exports
  }
}
