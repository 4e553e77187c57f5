/**
 * Checks the weapp build the way WeChat would: main-package size against the 2 MB limit,
 * no local-runtime-only code, and the official compiler (miniprogram-ci, offline).
 */
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as ci from 'miniprogram-ci'

const MAIN_PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024
const LOCAL_ONLY_MARKERS = ['/dev/signin', '/dev/people']
const weappDir = path.resolve(__dirname, '..', 'dist', 'weapp')

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

function subpackageRoots(): string[] {
  const appJson = JSON.parse(readFileSync(path.join(weappDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  return [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((pkg) => path.join(weappDir, pkg.root))
}

function checkMainPackageSize(files: string[]): void {
  const roots = subpackageRoots()
  const mainFiles = files.filter((file) => !roots.some((root) => file.startsWith(root + path.sep)))
  const bytes = mainFiles.reduce((sum, file) => sum + statSync(file).size, 0)
  const share = ((bytes / MAIN_PACKAGE_LIMIT_BYTES) * 100).toFixed(1)
  console.log(`weapp main package: ${(bytes / 1024).toFixed(1)} KB in ${mainFiles.length} files (${share}% of 2 MB)`)
  if (bytes > MAIN_PACKAGE_LIMIT_BYTES) throw new Error('weapp main package exceeds the 2 MB limit')
}

function checkNoLocalOnlyCode(files: string[]): void {
  for (const file of files.filter((name) => /\.(js|json|wxml)$/.test(name))) {
    const text = readFileSync(file, 'utf8')
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
  const files = filesUnder(weappDir)
  checkMainPackageSize(files)
  checkNoLocalOnlyCode(files)
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
