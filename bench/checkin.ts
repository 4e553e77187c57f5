/**
 * 500 members of one activity sign in through the local runtime's HTTP endpoint.
 * Prints throughput, latency percentiles, records written and duplicates (must be 0) for:
 *   - burst:  all 500 at the same instant (the issue's scenario);
 *   - floor:  the same burst against a bare node:http server on this machine that only answers
 *             a response of the same size: what the HTTP stack alone costs, before any work;
 *   - steady: another activity, its 500 members arriving evenly over --spread seconds, as
 *             people do when they walk into a hall and scan.
 *
 *   npx tsx bench/checkin.ts [members=500] [--persist] [--warm] [--spread=10]
 *
 * --persist keeps the database in a temp folder (nedb appends every write to its file);
 * the default keeps it in memory. --warm opens the keep-alive connections before timing
 * (otherwise each sign-in also pays for its TCP connection to the same process).
 * Not a test: figures depend on the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { LocalCloud } from '../cloud-runtime/local-cloud'
import { startServer } from '../cloud-runtime/server'
import { COLLECTIONS } from '../src/domain/collections'
import { addBigBranch } from '../test/support/big-branch'

const START = new Date('2026-11-21T06:00:00.000Z')

interface Answer {
  ok: boolean
  data?: Record<string, unknown>
  error?: { code: string; message: string }
}

async function main(): Promise<void> {
  const size = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 500)
  const persist = process.argv.includes('--persist')
  const warm = process.argv.includes('--warm')
  const spreadSeconds = Number(process.argv.find((arg) => arg.startsWith('--spread='))?.slice('--spread='.length) ?? 10)
  const dataDir = persist ? mkdtempSync(path.join(tmpdir(), 'zbt-bench-checkin-')) : null
  let clock = new Date(START.getTime() - 60 * 60 * 1000)
  const cloud = await LocalCloud.start({ dataDir, now: () => clock, log: () => undefined })
  const server = await startServer({ cloud, h5Dir: null, port: 0 })
  const bare = await startBareServer()
  try {
    const big = await addBigBranch(cloud.db(), size, 'bench')
    // Plain node:http with keep-alive (fetch/undici in the same process costs more than the server does).
    const agent = new http.Agent({ keepAlive: true })
    const invoke = (name: string, action: string, payload: unknown, openid: string) =>
      new Promise<Answer>((resolve, reject) => {
        const body = JSON.stringify({ action, payload })
        const request = http.request(
          `${server.url}/api/functions/${name}`,
          { agent, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-dev-openid': openid } },
          (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk: Buffer) => chunks.push(chunk))
            response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer))
            response.on('error', reject)
          },
        )
        request.on('error', reject)
        request.end(body)
      })
    const post = async (topic: string, startAt: Date) => {
      const posted = await invoke(
        'activities',
        'post',
        {
          branchId: big.branchId,
          types: ['party_congress'],
          topic,
          startAt: startAt.toISOString(),
          endAt: new Date(startAt.getTime() + 2 * 3600 * 1000).toISOString(),
          place: '报告厅',
          audience: { kind: 'branch' },
        },
        big.secretaryOpenid,
      )
      if (!posted.ok) throw new Error(`post failed: ${JSON.stringify(posted.error)}`)
      return String(posted.data!.id)
    }
    const burstActivity = await post('签到压力测试（同时）', START)
    const steadyActivity = await post('签到压力测试（陆续）', new Date(START.getTime() + 10 * 60 * 1000))
    clock = new Date(START.getTime() - 5 * 60 * 1000)
    const tokenOf = async (activityId: string) => {
      const code = await invoke('checkin', 'code', { activityId, format: 'svg' }, big.secretaryOpenid)
      if (!code.ok) throw new Error(`code failed: ${JSON.stringify(code.error)}`)
      return String(code.data!.token)
    }
    agent.destroy()

    const signIns = { path: '/api/functions/checkin', openids: big.memberOpenids, warm }
    const burst = await runClients({ ...signIns, url: server.url, token: await tokenOf(burstActivity), spreadMs: 0 })
    const floor = await runClients({ ...signIns, url: bare.url, token: 'floor', spreadMs: 0 })
    const steady = await runClients({ ...signIns, url: server.url, token: await tokenOf(steadyActivity), spreadMs: spreadSeconds * 1000 })

    const recordsOf = async (activityId: string) => (await cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId }).count()).total
    const ms = (value: number) => `${value.toFixed(1)} ms`
    const report = (label: string, run: ClientsResult, records: number | null) => {
      const failures = run.results.filter((result) => !result.ok)
      const repeats = run.results.filter((result) => result.ok && result.data?.alreadySignedIn === true)
      console.log(`  ${label}`)
      console.log(`    throughput   ${((size / run.elapsed) * 1000).toFixed(0)} requests/s (wall ${ms(run.elapsed)})`)
      console.log(`    latency      p50 ${ms(pct(run.latencies, 50))} · p95 ${ms(pct(run.latencies, 95))} · p99 ${ms(pct(run.latencies, 99))} · max ${ms(Math.max(...run.latencies))}`)
      if (records === null) return
      // Records beyond one per member: the unique index and the deterministic _id make this 0.
      console.log(`    records      ${records} written · duplicates ${Math.max(0, records - size)} · failures ${failures.length}${failures[0] ? ` (first: ${JSON.stringify(failures[0].error)})` : ''} · repeats ${repeats.length}`)
      if (failures.length > 0 || records !== size) process.exitCode = 1
    }
    console.log(`check-in benchmark: ${size} members of one activity over HTTP (${persist ? 'persisted to a temp folder' : 'in memory'}, ${warm ? 'connections opened beforehand' : 'each on a new connection'})`)
    report('burst: all at the same instant', burst, await recordsOf(burstActivity))
    report('floor: the same burst against a bare node:http server (no work at all)', floor, null)
    report(`steady: arriving evenly over ${spreadSeconds} s`, steady, await recordsOf(steadyActivity))
  } finally {
    server.server.closeAllConnections()
    await server.close()
    bare.server.closeAllConnections()
    await new Promise((resolve) => bare.server.close(resolve))
    await cloud.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
}

function pct(latencies: number[], p: number): number {
  const sorted = [...latencies].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** Answers every request with a body the size of a sign-in answer, doing nothing else. */
async function startBareServer(): Promise<{ server: http.Server; url: string }> {
  const body = JSON.stringify({ ok: true, data: { activityId: 'a'.repeat(24), topic: '签到压力测试', state: 'present', signedInAt: START.toISOString(), alreadySignedIn: false, message: '签到成功' } })
  const server = http.createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
      response.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

interface ClientsResult {
  elapsed: number
  latencies: number[]
  results: Answer[]
}

/**
 * Plain JavaScript for the worker: node:http with keep-alive, one sign-in per member, all at
 * once (spreadMs 0) or evenly spread. A worker thread, so the clients' own HTTP work does not
 * share the server's thread.
 */
const CLIENTS_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const http = require('node:http')
const { performance } = require('node:perf_hooks')
const { url, path, token, openids, warm, spreadMs } = workerData
const target = new URL(url)
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })
const invoke = (requestPath, action, payload, openid) => new Promise((resolve, reject) => {
  const body = JSON.stringify({ action, payload })
  const request = http.request({ agent, host: target.hostname, port: target.port, path: requestPath, method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-dev-openid': openid } }, (response) => {
    const chunks = []
    response.on('data', (chunk) => chunks.push(chunk))
    response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
    response.on('error', reject)
  })
  request.on('error', reject)
  request.end(body)
})
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
;(async () => {
  // --warm: one keep-alive connection per member first (a cheap read), so only the sign-ins are timed.
  if (warm) await Promise.all(openids.map((openid) => invoke('/api/functions/reminders', 'settings', {}, openid)))
  const latencies = []
  const started = performance.now()
  const results = await Promise.all(openids.map(async (openid, index) => {
    if (spreadMs > 0) await sleep((index * spreadMs) / openids.length)
    const t0 = performance.now()
    const result = await invoke(path, 'signIn', { token }, openid)
    latencies.push(performance.now() - t0)
    return result
  }))
  const elapsed = performance.now() - started
  agent.destroy()
  parentPort.postMessage({ elapsed, latencies, results })
})().catch((error) => { throw error })
`

function runClients(data: { url: string; path: string; token: string; openids: string[]; warm: boolean; spreadMs: number }): Promise<ClientsResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENTS_WORKER, { eval: true, workerData: data })
    worker.once('message', (result: ClientsResult) => resolve(result))
    worker.once('error', reject)
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
