/**
 * Bundles each cloud function into a self-contained folder WeChat DevTools can upload:
 * dist/cloudfunctions/<name>/{index.js, package.json, config.json}. wx-server-sdk
 * and @cloudbase/node-sdk stay external: CloudBase installs them from the generated package.json.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { CONTRACTS } from '../src/domain/contracts'

const root = path.resolve(__dirname, '..')
const outRoot = path.join(root, 'dist', 'cloudfunctions')
const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>
}

/** Installed by CloudBase next to each function (the SDKs need their own runtime files). */
const PRODUCTION_DEPENDENCIES = Object.fromEntries(
  ['wx-server-sdk', '@cloudbase/node-sdk'].map((name) => [name, rootPackage.devDependencies[name]]),
)

/**
 * Packages a function installs next to it instead of bundling them, because they read their own
 * files at run time (pdfkit: its font metrics and ICC profile, found relative to its module).
 */
const FUNCTION_DEPENDENCIES: Record<string, string[]> = { ledger: ['pdfkit'] }

async function buildFunction(name: string): Promise<void> {
  const dependencies = {
    ...PRODUCTION_DEPENDENCIES,
    ...Object.fromEntries((FUNCTION_DEPENDENCIES[name] ?? []).map((dependency) => [dependency, rootPackage.devDependencies[dependency]])),
  }
  const sourceDir = path.join(root, 'cloudfunctions', name)
  const configPath = path.join(sourceDir, 'config.json')
  if (!existsSync(configPath)) throw new Error(`cloudfunctions/${name}/config.json is missing`)
  const outDir = path.join(outRoot, name)
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  await build({
    entryPoints: [path.join(sourceDir, 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: Object.keys(dependencies),
    legalComments: 'none',
    logLevel: 'warning',
  })
  writeFileSync(
    path.join(outDir, 'package.json'),
    JSON.stringify(
      {
        name,
        version: '1.0.0',
        private: true,
        main: 'index.js',
        dependencies,
      },
      null,
      2,
    ) + '\n',
  )
  copyFileSync(configPath, path.join(outDir, 'config.json'))
  const size = statSync(path.join(outDir, 'index.js')).size
  console.log(`cloud function ${name}: ${(size / 1024).toFixed(1)} KB`)
}

/** Callable functions (one per contract) and timer-only ones: every folder with an index.ts. */
function functionFolders(): string[] {
  const folders = readdirSync(path.join(root, 'cloudfunctions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, 'cloudfunctions', entry.name, 'index.ts')))
    .map((entry) => entry.name)
  const missing = Object.keys(CONTRACTS).filter((name) => !folders.includes(name))
  if (missing.length > 0) throw new Error(`cloud functions without a folder: ${missing.join(', ')}`)
  return folders
}

async function main(): Promise<void> {
  for (const name of functionFolders()) await buildFunction(name)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
