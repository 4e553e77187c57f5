import { fork } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { LocalDatabase } from '../../../cloud-runtime/db/local-database'
import { JOURNAL_FILE } from '../../../cloud-runtime/db/transactions'
import { ALL_COLLECTIONS } from '../../../src/domain/collections'
import { openTestDatabase, rejectionOf, sortById, type TestDatabase, type Transaction } from './helpers'

const CHILD = path.join(__dirname, 'crash-child.ts')
const CRASH_MEMBERS = 400
const BASELINE_MEMBERS = [
  { _id: 'kept-edited', number: 'K1', name: '原名' },
  { _id: 'kept-removed', number: 'K2', name: '将被删除' },
  { _id: 'kept-untouched', number: 'K3', name: '不动' },
]
const BASELINE_AUDIT = { _id: 'audit-before', action: 'member.bind' }

let t: TestDatabase

beforeEach(async () => {
  t = await openTestDatabase()
  await t.db.collection('members').add(BASELINE_MEMBERS)
  await t.db.collection('audit_log').add(BASELINE_AUDIT)
  await t.database.close()
})

afterEach(() => t.dispose())

/** Runs the child on the folder until it reports `moment`, then kills it with SIGKILL. */
async function killChildAt(moment: 'mid-transaction' | 'committed'): Promise<void> {
  const child = fork(CHILD, [t.dir, moment === 'mid-transaction' ? 'mid' : 'committed', String(CRASH_MEMBERS)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
  await new Promise<void>((resolve, reject) => {
    child.once('message', (message) => (message === moment ? resolve() : reject(new Error(`child said ${String(message)}`))))
    child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)))
  })
  child.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
}

async function reopenedState() {
  t = await t.reopen()
  const members = sortById((await t.db.collection('members').limit(1000).get()).data)
  const audit = sortById((await t.db.collection('audit_log').get()).data)
  return { members, audit }
}

describe('a transaction killed with SIGKILL', () => {
  it('is rolled back on the next open when it was killed before committing', async () => {
    await killChildAt('mid-transaction')
    // The writes did reach the collection files before the kill.
    const onDisk = fs.readFileSync(path.join(t.dir, 'members.db'), 'utf8')
    expect(onDisk).toContain('"crash-m0"')
    expect(onDisk).toContain(`"crash-m${CRASH_MEMBERS - 1}"`)
    expect(fs.readFileSync(path.join(t.dir, 'audit_log.db'), 'utf8')).toContain('"crash-audit"')

    const { members, audit } = await reopenedState()
    expect(members).toEqual(sortById(BASELINE_MEMBERS))
    expect(audit).toEqual([BASELINE_AUDIT])
    // The folder is usable again, and the rolled-back ids and numbers are free.
    await t.db.collection('members').add({ _id: 'crash-m0', number: 'C0', name: '重新导入' })
    expect((await t.db.collection('members').count()).total).toBe(BASELINE_MEMBERS.length + 1)
  }, 60_000)

  it('keeps every write when it was killed after committing', async () => {
    await killChildAt('committed')

    const { members, audit } = await reopenedState()
    expect(members).toHaveLength(BASELINE_MEMBERS.length - 1 + CRASH_MEMBERS)
    expect(members.find((member) => member._id === 'kept-edited')).toEqual({ _id: 'kept-edited', number: 'K1', name: '事务中改名' })
    expect(members.some((member) => member._id === 'kept-removed')).toBe(false)
    expect(audit).toEqual(sortById([BASELINE_AUDIT, { _id: 'crash-audit', action: 'roster.import' }]))
  }, 60_000)
})

describe('the transaction journal', () => {
  it('is empty after a commit and after an abort, so a later recovery undoes nothing', async () => {
    t = await t.reopen()
    await t.db.runTransaction(async (tx: Transaction) => {
      await tx.collection('members').add({ _id: 'committed', number: 'T1' })
    })
    const aborted = t.db.runTransaction(async (tx: Transaction) => {
      await tx.collection('members').add({ _id: 'aborted', number: 'T2' })
      throw new Error('changed my mind')
    })
    expect((await rejectionOf(aborted)).message).toBe('changed my mind')
    await t.db.collection('members').add({ _id: 'plain-after', number: 'T3' })
    expect(fs.readFileSync(path.join(t.dir, JOURNAL_FILE), 'utf8')).toBe('')

    // The folder as a crash right now would leave it (the database is still open).
    const copy = `${t.dir}-copy`
    fs.cpSync(t.dir, copy, { recursive: true })
    const recovered = await LocalDatabase.open({ dir: copy, collections: ALL_COLLECTIONS })
    try {
      const { data } = await recovered.createDb().collection('members').get()
      expect(data.map((member) => member._id).sort()).toEqual(['committed', 'kept-edited', 'kept-removed', 'kept-untouched', 'plain-after'])
    } finally {
      await recovered.close()
      fs.rmSync(copy, { recursive: true, force: true })
    }
  })
})
