/**
 * 500 members of one activity sign in at once through the local runtime's HTTP endpoint.
 * Prints throughput, latency percentiles, records written and duplicates (must be 0).
 *
 *   npx tsx bench/checkin.ts [members=500] [--persist] [--warm]
 *
 * --persist keeps the database in a temp folder (nedb appends every write to its file);
 * the default keeps it in memory. --warm opens the 500 keep-alive connections before timing
 * (otherwise each sign-in also pays for its TCP connection to the same process).
 * Not a test: figures depend on the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { LocalCloud } from '../cloud-runtime/local-cloud'
import { startServer } from '../cloud-runtime/server'
import { COLLECTIONS } from '../src/domain/collections'
import { addBigBranch } from '../test/support/big-branch'

const START = new Date('2026-11-21T06:00:00.000Z')

async function main(): Promise<void> {
  const size = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 500)
  const persist = process.argv.includes('--persist')
  const warm = process.argv.includes('--warm')
  const dataDir = persist ? mkdtempSync(path.join(tmpdir(), 'zbt-bench-checkin-')) : null
  let clock = new Date(START.getTime() - 60 * 60 * 1000)
  const cloud = await LocalCloud.start({ dataDir, now: () => clock, log: () => undefined })
  const server = await startServer({ cloud, h5Dir: null, port: 0 })
  try {
    const big = await addBigBranch(cloud.db(), size, 'bench')
    // Plain node:http with keep-alive (fetch/undici in the same process costs more than the server does).
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })
    const target = new URL(server.url)
    const invoke = (name: string, action: string, payload: unknown, openid: string) =>
      new Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } }>((resolve, reject) => {
        const body = JSON.stringify({ action, payload })
        const request = http.request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: `/api/functions/${name}`,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-dev-openid': openid },
          },
          (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk: Buffer) => chunks.push(chunk))
            response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
            response.on('error', reject)
          },
        )
        request.on('error', reject)
        request.end(body)
      })
    const posted = await invoke(
      'activities',
      'post',
      {
        branchId: big.branchId,
        types: ['party_congress'],
        topic: '签到压力测试',
        startAt: START.toISOString(),
        endAt: new Date(START.getTime() + 2 * 3600 * 1000).toISOString(),
        place: '报告厅',
        audience: { kind: 'branch' },
      },
      big.secretaryOpenid,
    )
    if (!posted.ok) throw new Error(`post failed: ${JSON.stringify(posted.error)}`)
    const activityId = String(posted.data!.id)
    clock = new Date(START.getTime() - 5 * 60 * 1000)
    const code = await invoke('checkin', 'code', { activityId, format: 'svg' }, big.secretaryOpenid)
    if (!code.ok) throw new Error(`code failed: ${JSON.stringify(code.error)}`)
    const token = String(code.data!.token)

    // The burst runs in a worker thread, so the clients' own HTTP work does not share the server's thread.
    const burst = await runBurst({ url: server.url, token, openids: big.memberOpenids, warm })
    const { latencies, results } = burst
    const elapsed = burst.elapsed
    const failures = results.filter((result) => !result.ok)
    const repeats = results.filter((result) => result.ok && result.data!.alreadySignedIn === true)
    const records = (await cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId }).count()).total
    // Records beyond one per member (the unique index and the deterministic _id make this 0).
    const duplicates = Math.max(0, records - size)
    latencies.sort((a, b) => a - b)
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]
    const ms = (value: number) => `${value.toFixed(1)} ms`
    console.log(`check-in benchmark: ${size} members, one activity, all at once over HTTP (${persist ? 'persisted to a temp folder' : 'in memory'}, ${warm ? 'connections opened beforehand' : 'each on a new connection'})`)
    console.log(`  wall time      ${ms(elapsed)}`)
    console.log(`  throughput     ${((size / elapsed) * 1000).toFixed(0)} sign-ins/s`)
    console.log(`  latency        p50 ${ms(pct(50))} · p95 ${ms(pct(95))} · p99 ${ms(pct(99))} · max ${ms(latencies[latencies.length - 1])}`)
    console.log(`  records        ${records} written`)
    console.log(`  duplicates     ${duplicates} (records beyond one per member)`)
    console.log(`  failures       ${failures.length}${failures[0] ? ` (first: ${JSON.stringify(failures[0].error)})` : ''}`)
    console.log(`  repeats        ${repeats.length} answered 已签到 (expected 0)`)
    if (failures.length > 0 || records !== size) process.exitCode = 1
  } finally {
    server.server.closeAllConnections()
    await server.close()
    await cloud.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
}

interface BurstResult {
  elapsed: number
  latencies: number[]
  results: { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } }[]
}

/** Plain JavaScript for the worker: node:http with keep-alive, one request per member, all at once. */
const BURST_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const http = require('node:http')
const { performance } = require('node:perf_hooks')
const { url, token, openids, warm } = workerData
const target = new URL(url)
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })
const invoke = (name, action, payload, openid) => new Promise((resolve, reject) => {
  const body = JSON.stringify({ action, payload })
  const request = http.request({ agent, host: target.hostname, port: target.port, path: '/api/functions/' + name, method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-dev-openid': openid } }, (response) => {
    const chunks = []
    response.on('data', (chunk) => chunks.push(chunk))
    response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
    response.on('error', reject)
  })
  request.on('error', reject)
  request.end(body)
})
;(async () => {
  // --warm: one keep-alive connection per member first (a cheap read), so only the sign-ins are timed.
  if (warm) await Promise.all(openids.map((openid) => invoke('reminders', 'settings', {}, openid)))
  const latencies = []
  const started = performance.now()
  const results = await Promise.all(openids.map(async (openid) => {
    const t0 = performance.now()
    const result = await invoke('checkin', 'signIn', { token }, openid)
    latencies.push(performance.now() - t0)
    return result
  }))
  const elapsed = performance.now() - started
  agent.destroy()
  parentPort.postMessage({ elapsed, latencies, results })
})().catch((error) => { throw error })
`

function runBurst(data: { url: string; token: string; openids: string[]; warm: boolean }): Promise<BurstResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BURST_WORKER, { eval: true, workerData: data })
    worker.once('message', (result: BurstResult) => resolve(result))
    worker.once('error', reject)
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
