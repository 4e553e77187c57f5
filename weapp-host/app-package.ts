import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** app.json as the mini program reads it (the fields the host acts on). */
export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[]; name?: string; independent?: boolean }[]
  subpackages?: AppJson['subPackages']
  preloadRule?: Record<string, { packages: string[]; network?: 'all' | 'wifi' }>
  tabBar?: { list: { pagePath: string }[] }
  entryPagePath?: string
  lazyCodeLoading?: string
}

export const MAIN_PACKAGE = '__APP__'

/** One code package: the main package or a subpackage (named by its root, e.g. `secretary/`). */
export interface CodePackage {
  name: string
  root: string | null
  files: string[]
  bytes: number
}

/** The built mini program on disk: its pages, packages and their files. */
export class AppPackage {
  readonly appJson: AppJson
  readonly packages: CodePackage[]
  private readonly pageToPackage = new Map<string, string>()

  constructor(readonly rootDir: string) {
    this.appJson = JSON.parse(readFileSync(path.join(rootDir, 'app.json'), 'utf8')) as AppJson
    for (const page of this.appJson.pages) this.pageToPackage.set(page, MAIN_PACKAGE)
    const subPackages = [...(this.appJson.subPackages ?? []), ...(this.appJson.subpackages ?? [])]
    for (const sub of subPackages) {
      for (const page of sub.pages) this.pageToPackage.set(path.posix.join(sub.root, page), packageName(sub.root))
    }
    const files = filesUnder(rootDir).map((file) => path.relative(rootDir, file).split(path.sep).join('/'))
    const subRoots = subPackages.map((sub) => ({ name: packageName(sub.root), root: withSlash(sub.root) }))
    const byPackage = new Map<string, string[]>([[MAIN_PACKAGE, []], ...subRoots.map((sub) => [sub.name, []] as [string, string[]])])
    for (const file of files) {
      const owner = subRoots.find((sub) => file.startsWith(sub.root))
      byPackage.get(owner?.name ?? MAIN_PACKAGE)!.push(file)
    }
    this.packages = [...byPackage].map(([name, packageFiles]) => ({
      name,
      root: subRoots.find((sub) => sub.name === name)?.root ?? null,
      files: packageFiles,
      bytes: packageFiles.reduce((sum, file) => sum + statSync(path.join(rootDir, file)).size, 0),
    }))
  }

  get entryPage(): string {
    return this.appJson.entryPagePath ?? this.appJson.pages[0]
  }

  allPages(): string[] {
    return [...this.pageToPackage.keys()]
  }

  hasPage(route: string): boolean {
    return this.pageToPackage.has(route)
  }

  packageOfPage(route: string): CodePackage {
    const name = this.pageToPackage.get(route)
    if (!name) throw new Error(`page "${route}" is not in app.json`)
    return this.packageNamed(name)
  }

  packageOfFile(file: string): CodePackage {
    return this.packages.find((pkg) => pkg.root && file.startsWith(pkg.root)) ?? this.packageNamed(MAIN_PACKAGE)
  }

  packageNamed(name: string): CodePackage {
    const found = this.packages.find((pkg) => pkg.name === name)
    if (!found) throw new Error(`no code package "${name}" in app.json`)
    return found
  }

  /** Subpackages preloaded when this page shows (app.json preloadRule). */
  preloadsOf(route: string): CodePackage[] {
    const rule = this.appJson.preloadRule?.[route]
    if (!rule) return []
    return rule.packages.map((name) =>
      name === MAIN_PACKAGE
        ? this.packageNamed(MAIN_PACKAGE)
        : this.packages.find((pkg) => pkg.root && (pkg.root === withSlash(name) || pkg.name === name)) ?? this.packageNamed(name),
    )
  }

  isTabPage(route: string): boolean {
    return (this.appJson.tabBar?.list ?? []).some((item) => item.pagePath === route)
  }

  readText(file: string): string {
    return readFileSync(path.join(this.rootDir, file), 'utf8')
  }

  /** A page's or component's JSON (usingComponents …), `{}` when it has none. */
  readJson(fileWithoutExtension: string): Record<string, unknown> {
    try {
      return JSON.parse(this.readText(`${fileWithoutExtension}.json`)) as Record<string, unknown>
    } catch {
      return {}
    }
  }
}

/** A subpackage is named by its root without the trailing slash (what preloadRule may refer to). */
function packageName(root: string): string {
  return root.replace(/\/+$/, '')
}

function withSlash(root: string): string {
  return root.endsWith('/') ? root : `${root}/`
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}
