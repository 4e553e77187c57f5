/**
 * Checks the weapp build the way WeChat would: the main package and each subpackage against
 * the 2 MB limit (and all of them against 20 MB), no local-runtime-only code, and the official
 * compiler (miniprogram-ci, offline).
 */
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as ci from 'miniprogram-ci'
import { AppPackage, MAIN_PACKAGE } from '../weapp-host/app-package'

/** WeChat's limits: each package (main or sub) at most 2 MB, all packages together at most 20 MB. */
const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024
const TOTAL_LIMIT_BYTES = 20 * 1024 * 1024
/** Only the local runtime has these: its sign-in page, its people list, the dev identity header and storage key. */
const LOCAL_ONLY_MARKERS = ['/dev/signin', '/dev/people', 'x-dev-openid', 'zbt.devOpenid']
const weappDir = path.resolve(__dirname, '..', 'dist', 'weapp')

function checkPackageSizes(app: AppPackage): void {
  for (const pkg of app.packages) {
    const share = ((pkg.bytes / PACKAGE_LIMIT_BYTES) * 100).toFixed(1)
    const name = pkg.name === MAIN_PACKAGE ? 'main package' : `subpackage ${pkg.root}`
    console.log(`weapp ${name}: ${(pkg.bytes / 1024).toFixed(1)} KB in ${pkg.files.length} files (${share}% of 2 MB)`)
    if (pkg.bytes > PACKAGE_LIMIT_BYTES) throw new Error(`weapp ${name} exceeds the 2 MB limit`)
  }
  const total = app.packages.reduce((sum, pkg) => sum + pkg.bytes, 0)
  if (total > TOTAL_LIMIT_BYTES) throw new Error(`weapp packages together exceed 20 MB (${(total / 1024 / 1024).toFixed(1)} MB)`)
}

function checkNoLocalOnlyCode(app: AppPackage): void {
  for (const file of app.packages.flatMap((pkg) => pkg.files).filter((name) => /\.(js|json|wxml)$/.test(name))) {
    const text = app.readText(file)
    const marker = LOCAL_ONLY_MARKERS.find((item) => text.includes(item))
    if (marker) throw new Error(`weapp build contains local-runtime-only code (${marker}) in ${file}`)
  }
  console.log('weapp build: no local-runtime-only code')
}

/** The official compiler, offline: the project attributes are the CI defaults instead of a network fetch. */
async function compileWithOfficialCompiler(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'zbt-mpci-'))
  try {
    const keyPath = path.join(workDir, 'offline.key')
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
    writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }))
    const project = new ci.Project({
      appid: 'wx0000000000000000',
      type: 'miniProgram',
      projectPath: weappDir,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*'],
    })
    project.attr = async () => ci.DefaultProjectAttr
    const started = Date.now()
    const compiled = await ci.getCompiledResult(
      { project, version: '0.0.0', setting: { es6: true, minify: false }, onProgressUpdate: () => undefined },
      path.join(workDir, 'compiled.zip'),
    )
    const count = Object.keys(compiled).length
    console.log(`official compiler (miniprogram-ci, offline): ${count} files compiled in ${Date.now() - started} ms`)
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const app = new AppPackage(weappDir)
  checkPackageSizes(app)
  checkNoLocalOnlyCode(app)
  await compileWithOfficialCompiler()
}

// miniprogram-ci leaves its compiler worker process running: exit explicitly either way.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`weapp check failed: ${message.slice(0, 2000)}`)
    process.exit(1)
  },
)
