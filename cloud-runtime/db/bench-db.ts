/**
 * Micro-benchmark of the local database: `npx tsx cloud-runtime/db/bench-db.ts [rows]`.
 * Fills `attendance` (persisted, temp folder) and times inserts, indexed reads, counts,
 * an aggregation, concurrent sign-ins, transactions and a reopen.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Transaction } from '@cloudbase/database/dist/commonjs/transaction/index'
import { ALL_COLLECTIONS } from '../../src/domain/collections'
import { LocalDatabase } from './local-database'

const ROWS = Number(process.argv[2] ?? 200_000)
const BATCH = 1_000
const MEMBERS = 2_000
const BRANCHES = 40
const CONCURRENT_SIGN_INS = 500
/** Like members.importConfirm of a 3,000-row roster: one transaction, one add per row, one audit record. */
const TRANSACTION_ROWS = 3_000
const SMALL_TRANSACTIONS = 200

function attendanceRow(index: number) {
  const activityId = `act${Math.floor(index / MEMBERS)}`
  const memberId = `mem${index % MEMBERS}`
  return {
    _id: `${activityId}_${memberId}`,
    activityId,
    memberId,
    branchId: `br${(index % MEMBERS) % BRANCHES}`,
    state: index % 7 === 0 ? 'absent' : 'present',
    signedInAt: new Date(1_700_000_000_000 + index * 1000),
    method: 'qr',
    recordedBy: null,
    makeupConfirmedAt: null,
  }
}

async function timed<T>(label: string, task: () => Promise<T>): Promise<T> {
  const start = performance.now()
  const result = await task()
  console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms`)
  return result
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zbt-bench-db-'))
  const database = await LocalDatabase.open({ dir, collections: ALL_COLLECTIONS })
  const db = database.createDb()
  const _ = db.command
  const attendance = db.collection('attendance')

  await timed(`insert ${ROWS} rows in batches of ${BATCH}`, async () => {
    for (let start = 0; start < ROWS; start += BATCH) {
      await attendance.add(Array.from({ length: Math.min(BATCH, ROWS - start) }, (_unused, i) => attendanceRow(start + i)))
    }
  })
  const singleInserts = 2_000
  await timed(`${singleInserts} sequential single adds`, async () => {
    for (let i = 0; i < singleInserts; i += 1) await db.collection('evidence').add({ activityId: `act${i}`, kind: 'photo' })
  })

  const lookups = 2_000
  await timed(`${lookups} doc(id).get()`, async () => {
    for (let i = 0; i < lookups; i += 1) await attendance.doc(attendanceRow((i * 97) % ROWS)._id).get()
  })
  await timed(`${lookups} where({ activityId, memberId }).get() (indexed equality)`, async () => {
    for (let i = 0; i < lookups; i += 1) {
      const row = attendanceRow((i * 97) % ROWS)
      await attendance.where({ activityId: row.activityId, memberId: row.memberId }).get()
    }
  })
  await timed(`200 where({ memberId }).orderBy(signedInAt).limit(100).get() (~${Math.round(ROWS / MEMBERS)} rows each)`, async () => {
    for (let i = 0; i < 200; i += 1) await attendance.where({ memberId: `mem${i}` }).orderBy('signedInAt', 'desc').limit(100).get()
  })
  await timed('20 where({ branchId: in [3 branches], state }).count()', async () => {
    for (let i = 0; i < 20; i += 1) {
      await attendance.where({ branchId: _.in([`br${i}`, `br${i + 1}`, `br${i + 2}`]), state: 'absent' }).count()
    }
  })
  await timed('1 unindexed full scan where({ state: "absent" }).count()', () => attendance.where({ state: 'absent' }).count())
  await timed('10 aggregate match(branchId)/group(state)/sort', async () => {
    for (let i = 0; i < 10; i += 1) {
      await attendance.aggregate().match({ branchId: `br${i}` }).group({ _id: '$state', n: _.aggregate.sum(1) }).sort({ n: -1 }).end()
    }
  })

  const latencies: number[] = []
  await timed(`${CONCURRENT_SIGN_INS} concurrent sign-ins (2 reads + 1 add each)`, () =>
    Promise.all(
      Array.from({ length: CONCURRENT_SIGN_INS }, async (_unused, i) => {
        const start = performance.now()
        const activityId = 'act-live'
        const memberId = `mem${i}`
        await db.collection('attendance').where({ memberId, activityId }).get()
        await db.collection('attendance').doc(attendanceRow(i)._id).get()
        await attendance.add({ ...attendanceRow(i), _id: `${activityId}_${memberId}`, activityId })
        latencies.push(performance.now() - start)
      }),
    ),
  )
  latencies.sort((a, b) => a - b)
  console.log(`  sign-in latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`)

  await timed(`1 transaction of ${TRANSACTION_ROWS} adds + 1 add in a second collection`, () =>
    db.runTransaction(async (transaction: Transaction) => {
      for (let i = 0; i < TRANSACTION_ROWS; i += 1) {
        await transaction.collection('members').add({ number: `T${i}`, name: `成员${i}`, branchId: `br${i % BRANCHES}` })
      }
      await transaction.collection('audit_log').add({ action: 'roster.import', created: TRANSACTION_ROWS })
    }),
  )
  await timed(`${SMALL_TRANSACTIONS} transactions of 1 read + 1 set (as a summary refresh)`, async () => {
    for (let i = 0; i < SMALL_TRANSACTIONS; i += 1) {
      await db.runTransaction(async (transaction: Transaction) => {
        const summary = transaction.collection('branch_summaries').doc(`br${i % BRANCHES}_2026`)
        await summary.get()
        await summary.set({ branchId: `br${i % BRANCHES}`, year: 2026, version: i })
      })
    }
  })

  await timed('close (compaction)', () => database.close())
  const reopened = await timed('reopen (load + index)', () => LocalDatabase.open({ dir, collections: ALL_COLLECTIONS }))
  console.log(`  rows after reopen: ${(await reopened.createDb().collection('attendance').count()).total}`)
  await reopened.close()
  console.log(`heap used: ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`)
  fs.rmSync(dir, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
