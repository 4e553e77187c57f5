/**
 * Bundles each cloud function into a self-contained folder WeChat DevTools can upload:
 * dist/cloudfunctions/<name>/{index.js, package.json, config.json}. wx-server-sdk
 * and @cloudbase/node-sdk stay external: CloudBase installs them from the generated package.json.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
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

async function buildFunction(name: string): Promise<void> {
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
    external: Object.keys(PRODUCTION_DEPENDENCIES),
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
        dependencies: PRODUCTION_DEPENDENCIES,
      },
      null,
      2,
    ) + '\n',
  )
  copyFileSync(configPath, path.join(outDir, 'config.json'))
  const size = statSync(path.join(outDir, 'index.js')).size
  console.log(`cloud function ${name}: ${(size / 1024).toFixed(1)} KB`)
}

async function main(): Promise<void> {
  for (const name of Object.keys(CONTRACTS)) await buildFunction(name)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
