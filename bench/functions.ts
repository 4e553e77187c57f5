/**
 * Cloud-function bundles and their hot actions. Prints:
 *   - each bundle's size and its cold load time: a fresh Node process per load, the platform SDKs
 *     (wx-server-sdk, @cloudbase/node-sdk) already loaded, then `require(bundle)` timed; median of --runs;
 *   - the database round trips of the hot actions (sign-in, activity list, dashboard overview), counted at
 *     the TcbEndpoint the production context's @cloudbase/node-sdk talks to, each request with its collection.
 *
 *   npm run bench:functions [-- --runs=7]
 *
 * Not a test: figures depend on the machine. Targets (cloudfunctions/manifest.ts): checkin and activities
 * ≤ 300 KB and ≤ 100 ms cold load; a sign-in ≤ 3 database operations.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { LocalCloud } from '../cloud-runtime/local-cloud'
import { generateDemoData } from '../cloud-runtime/seed/demo-data'
import { seedDatabase } from '../cloud-runtime/seed/seed-database'
import { rebuildSummaries } from '../cloudfunctions/_shared/summaries'
import type { TcbRequest } from '../cloud-runtime/tcb-endpoint'
import { buildFunctions, kb } from '../scripts/build-functions'
import type { FunctionName } from '../src/domain/contracts'

const NOW = new Date('2026-11-21T02:00:00.000Z')
const COLD_LOAD_TARGET_MS = 100
const SIGN_IN_TARGET = 3

const LOAD_SCRIPT = `
require('wx-server-sdk'); require('@cloudbase/node-sdk')
const start = process.hrtime.bigint()
require(process.argv[1])
process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6))
`

function coldLoadMs(bundle: string, runs: number): number[] {
  return Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['-e', LOAD_SCRIPT, bundle], { encoding: 'utf8' })))
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main(): Promise<void> {
  const runs = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 7)
  console.log(`cloud-function bundles (minified; cold load = require() in a fresh process with the platform SDKs loaded, median of ${runs})`)
  for (const built of await buildFunctions()) {
    const times = coldLoadMs(path.join(built.dir, 'index.js'), runs)
    console.log(`  ${built.name.padEnd(17)} ${kb(built.bytes).padStart(10)}   cold load ${median(times).toFixed(1).padStart(6)} ms (max ${Math.max(...times).toFixed(1)})`)
  }
  console.log(`  targets: checkin, activities ≤ 300 KB (the build fails above) and ≤ ${COLD_LOAD_TARGET_MS} ms`)
  await roundTrips()
}

async function roundTrips(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zbt-bench-functions-'))
  let clock = NOW
  const cloud = await LocalCloud.start({ dataDir, now: () => clock, log: () => undefined, through: 'sdk' })
  try {
    const demo = generateDemoData({ now: NOW })
    await seedDatabase(cloud.db(), { putFile: async (cloudPath, bytes) => void (await cloud.storage.uploadFile(cloudPath, bytes)) }, demo)
    for (let done = false; !done; ) done = (await rebuildSummaries(cloud.contextFor(null), { budgetMs: 60_000 })).done
    const requests = cloud.endpoint!.requests
    const measured = async (label: string, name: FunctionName, action: string, payload: unknown, openid: string) => {
      const from = requests.length
      const result = await cloud.invoke(name, { action, payload }, openid)
      if (!result.ok) throw new Error(`${name}.${action}: ${result.error.code} ${result.error.message}`)
      const made: TcbRequest[] = requests.slice(from)
      const count = made.filter((request) => request.action.startsWith('database.')).length
      const chain = made.map((request) => (request.action.startsWith('database.') ? `${request.action.slice('database.'.length)}(${request.collection})` : `[${request.action}]`))
      console.log(`  ${label.padEnd(38)} ${String(count).padStart(3)}   ${chain.join(' → ')}`)
      return { data: result.data as Record<string, unknown>, count }
    }
    const secretary = demo.members.find((member) => member.active && member.openid && member.roles.includes('secretary'))!
    const member = demo.members.find((candidate) => candidate.active && candidate.openid && candidate.branchId === secretary.branchId && candidate.roles.length === 0)!
    const committee = demo.orgs.find((org) => org.kind === 'party_committee')!
    const committeeAdmin = demo.members.find((candidate) => candidate.openid && candidate.adminOrgIds.includes(committee._id))!
    const startAt = new Date(NOW.getTime() + 20 * 60 * 1000)
    const posted = await cloud.invoke(
      'activities',
      {
        action: 'post',
        payload: {
          branchId: secretary.branchId,
          types: ['party_congress'],
          topic: '冷启动与往返次数测量',
          startAt: startAt.toISOString(),
          endAt: new Date(startAt.getTime() + 2 * 3600 * 1000).toISOString(),
          place: '报告厅',
          audience: { kind: 'branch' },
        },
      },
      secretary.openid!,
    )
    if (!posted.ok) throw new Error(posted.error.message)
    const activityId = String((posted.data as { id: string }).id)
    clock = new Date(NOW.getTime() + 5 * 60 * 1000)
    console.log('database round trips per action (through @cloudbase/node-sdk, counted at the endpoint; other platform calls in brackets)')
    const code = await measured('checkin.code (secretary)', 'checkin', 'code', { activityId, format: 'svg' }, secretary.openid!)
    const signIn = await measured('checkin.signIn (first scan)', 'checkin', 'signIn', { token: code.data.token }, member.openid!)
    await measured('checkin.signIn (repeated scan)', 'checkin', 'signIn', { token: code.data.token }, member.openid!)
    await measured('activities.list (member, upcoming)', 'activities', 'list', { when: 'upcoming' }, member.openid!)
    await measured('compliance.overview (party committee)', 'compliance', 'overview', {}, committeeAdmin.openid!)
    console.log(`  target: a sign-in ≤ ${SIGN_IN_TARGET} database operations (today ${signIn.count})`)
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
