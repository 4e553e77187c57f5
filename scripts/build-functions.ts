/**
 * Bundles each cloud function into a self-contained folder that `npm run deploy` or WeChat DevTools
 * uploads: dist/cloudfunctions/<name>/{index.js, package.json, config.json}, all three from
 * cloudfunctions/manifest.ts. Bundles are minified; the platform SDKs (and packages that read their
 * own files, such as pdfkit) stay external and CloudBase installs them from the package.json.
 * A function folder's `assets/` (kept out of git, e.g. the ledger's CJK font) is copied into its bundle.
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { build, type Plugin } from 'esbuild'
import { CONTRACTS } from '../src/domain/contracts'
import { BUNDLE_TARGET, FUNCTIONS, PLATFORM_PACKAGES, devtoolsConfigOf, type FunctionManifest } from '../cloudfunctions/manifest'

const root = path.resolve(__dirname, '..')
export const FUNCTIONS_OUT_DIR = path.join(root, 'dist', 'cloudfunctions')

export interface BuiltFunction {
  name: string
  dir: string
  bytes: number
  /** Over index.js, package.json and config.json: what the deploy compares with the deployed code. */
  sha256: string
}

/**
 * `import { z } from 'zod'` imports zod's API as a re-exported namespace object, which esbuild must
 * keep whole (every schema type and all 40 locales, ≈ 450 KB minified). `import * as z` names the same
 * members and lets esbuild drop what is unused (≈ 75 KB), so project sources are read that way.
 */
const zodNamespaceImport: Plugin = {
  name: 'zod-namespace-import',
  setup(builder) {
    builder.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
      const source = await readFile(args.path, 'utf8')
      return { contents: source.replace(/^import \{ z \} from 'zod'$/gm, "import * as z from 'zod'"), loader: 'ts' }
    })
  },
}

function versionOf(name: string): string {
  const { devDependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>
  }
  const version = devDependencies[name]
  if (!version) throw new Error(`${name} is not a devDependency of the project`)
  return version
}

const ASSETS_DIR = 'assets'

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const file = path.join(dir, entry)
      return statSync(file).isDirectory() ? filesUnder(file) : [file]
    })
}

export async function buildFunction(manifest: FunctionManifest, outRoot = FUNCTIONS_OUT_DIR): Promise<BuiltFunction> {
  const { name } = manifest
  const external = [...PLATFORM_PACKAGES, ...manifest.packages]
  const outDir = path.join(outRoot, name)
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const result = await build({
    entryPoints: [path.join(root, 'cloudfunctions', name, 'index.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    target: BUNDLE_TARGET,
    format: 'cjs',
    minify: true,
    external,
    plugins: [zodNamespaceImport],
    legalComments: 'none',
    logLevel: 'warning',
  })
  const bundle = result.outputFiles[0].contents
  const packageJson = JSON.stringify(
    { name, version: '1.0.0', private: true, main: 'index.js', dependencies: Object.fromEntries(external.map((dependency) => [dependency, versionOf(dependency)])) },
    null,
    2,
  ) + '\n'
  const configJson = JSON.stringify(devtoolsConfigOf(manifest), null, 2) + '\n'
  writeFileSync(path.join(outDir, 'index.js'), bundle)
  writeFileSync(path.join(outDir, 'package.json'), packageJson)
  writeFileSync(path.join(outDir, 'config.json'), configJson)
  const hash = createHash('sha256').update(bundle).update(packageJson).update(configJson)
  const assets = path.join(root, 'cloudfunctions', name, ASSETS_DIR)
  if (existsSync(assets)) {
    cpSync(assets, path.join(outDir, ASSETS_DIR), { recursive: true })
    for (const file of filesUnder(assets)) hash.update(path.relative(assets, file)).update(readFileSync(file))
  }
  const sha256 = hash.digest('hex')
  if (manifest.bundleBudgetKb !== undefined && bundle.byteLength > manifest.bundleBudgetKb * 1024) {
    throw new Error(`cloud function ${name}: ${kb(bundle.byteLength)} is over its budget of ${manifest.bundleBudgetKb} KB`)
  }
  return { name, dir: outDir, bytes: bundle.byteLength, sha256 }
}

/** Every folder with an index.ts is a function; each must be declared in the manifest, every contract must have one. */
export function checkFunctionFolders(): void {
  const folders = readdirSync(path.join(root, 'cloudfunctions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, 'cloudfunctions', entry.name, 'index.ts')))
    .map((entry) => entry.name)
  const declared = FUNCTIONS.map((manifest) => manifest.name)
  const problems = [
    ...folders.filter((name) => !declared.includes(name)).map((name) => `cloudfunctions/${name} is not declared in cloudfunctions/manifest.ts`),
    ...declared.filter((name) => !folders.includes(name)).map((name) => `${name} is declared but cloudfunctions/${name}/index.ts is missing`),
    ...Object.keys(CONTRACTS).filter((name) => !declared.includes(name)).map((name) => `contract ${name} has no cloud function`),
  ]
  if (problems.length > 0) throw new Error(problems.join('\n'))
}

export async function buildFunctions(outRoot = FUNCTIONS_OUT_DIR): Promise<BuiltFunction[]> {
  checkFunctionFolders()
  const built: BuiltFunction[] = []
  for (const manifest of FUNCTIONS) built.push(await buildFunction(manifest, outRoot))
  return built
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

if (require.main === module) {
  buildFunctions()
    .then((built) => {
      for (const { name, bytes } of built) console.log(`cloud function ${name}: ${kb(bytes)}`)
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    })
}
