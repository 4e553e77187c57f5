import { chmodSync, statSync } from 'node:fs'
import path from 'node:path'

/** One node of what WeChat's compiled templates produce for the view layer. */
export interface VirtualNode {
  tag: string
  attr?: Record<string, unknown>
  children?: (VirtualNode | string)[]
  raw?: Record<string, unknown>
  generics?: Record<string, unknown>
}

type Generate = (data: Record<string, unknown>, diff: Record<string, unknown>, global: Record<string, unknown>) => VirtualNode
type Gwx = (file: string) => Generate | undefined

const COMPILER_DIR = path.dirname(require.resolve('miniprogram-compiler/package.json'))

/**
 * npm 11 does not run install scripts, and the package ships its Linux binaries without the
 * execute bit: set it before the first compile (and say clearly when that is not possible).
 */
export function ensureCompilerExecutable(): void {
  if (process.platform !== 'linux') return
  for (const binary of ['wcc', 'wcsc']) {
    const file = path.join(COMPILER_DIR, 'bin', 'linux', binary)
    if ((statSync(file).mode & 0o111) === 0o111) continue
    try {
      chmodSync(file, 0o755)
    } catch (error) {
      throw new Error(`cannot make WeChat's ${binary} executable (${file}): ${(error as Error).message}`)
    }
  }
}

/**
 * Every WXML (and WXS) file of the mini program compiled by WeChat's own wcc, as the view layer
 * runs them: `render('pages/home/index.wxml', data)` answers the page's node tree.
 */
export class CompiledTemplates {
  private readonly gwx: Gwx
  readonly compileMs: number

  constructor(rootDir: string) {
    ensureCompilerExecutable()
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { wxmlToJs } = require('miniprogram-compiler') as { wxmlToJs(root: string, options?: { maxBuffer?: number }): string }
    const started = Date.now()
    const source = wxmlToJs(rootDir, { maxBuffer: 64 * 1024 * 1024 })
    this.compileMs = Date.now() - started
    // The compiled code looks for a few view-layer globals on `window`; none is needed to render.
    this.gwx = new Function('window', 'global', source)({}, {}) as Gwx
  }

  has(file: string): boolean {
    return typeof this.gwx(file) === 'function'
  }

  render(file: string, data: Record<string, unknown>): VirtualNode {
    const generate = this.gwx(file)
    if (typeof generate !== 'function') throw new Error(`no compiled template ${file}`)
    return generate(data, {}, {})
  }
}
