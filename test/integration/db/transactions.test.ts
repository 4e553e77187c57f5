import { setTimeout as sleep } from 'node:timers/promises'
import { isDuplicateKeyError } from '../../../src/domain/db-errors'
import { openTestDatabase, rejectionOf, sortById, type TestDatabase, type Transaction } from './helpers'

let t: TestDatabase

const ORGS = [
  { _id: 'keep', name: 'unchanged', count: 0 },
  { _id: 'edit', name: 'before', count: 0 },
  { _id: 'drop', name: 'to remove', count: 0 },
  { _id: 'swap', name: 'to replace', count: 0 },
]

beforeEach(async () => {
  t = await openTestDatabase({ transactionTimeoutMs: 5_000 })
  await t.db.collection('orgs').add(ORGS)
})

afterEach(async () => {
  await t.dispose()
})

async function allOrgs() {
  return sortById((await t.db.collection('orgs').get()).data)
}

async function writeEverything(tx: Transaction) {
  await tx.collection('orgs').add({ _id: 'new', name: 'added' })
  await tx.collection('orgs').doc('edit').update({ name: 'after', count: t.db.command.inc(1) })
  await tx.collection('orgs').doc('drop').remove()
  await tx.collection('orgs').doc('swap').set({ name: 'replaced' })
}

describe('runTransaction', () => {
  it('commits every write and answers the callback result', async () => {
    const result = await t.db.runTransaction(async (tx: Transaction) => {
      await writeEverything(tx)
      return 'done'
    })

    expect(result).toBe('done')
    expect(await allOrgs()).toEqual([
      { _id: 'edit', name: 'after', count: 1 },
      { _id: 'keep', name: 'unchanged', count: 0 },
      { _id: 'new', name: 'added' },
      { _id: 'swap', name: 'replaced' },
    ])
  })

  it('rolls everything back when the callback throws', async () => {
    const error = await rejectionOf(
      t.db.runTransaction(async (tx: Transaction) => {
        await writeEverything(tx)
        throw new Error('changed my mind')
      }),
    )

    expect(error.message).toBe('changed my mind')
    expect(await allOrgs()).toEqual(sortById(ORGS))
  })

  it('rolls back a transaction whose write breaks a unique index', async () => {
    const error = await rejectionOf(
      t.db.runTransaction(async (tx: Transaction) => {
        await tx.collection('orgs').doc('edit').update({ name: 'after' })
        await tx.collection('orgs').add({ _id: 'keep' })
      }),
    )

    expect(isDuplicateKeyError(error)).toBe(true)
    expect(await allOrgs()).toEqual(sortById(ORGS))
  })

  it('reads its own writes inside, while others read the committed state', async () => {
    const seen = await t.db.runTransaction(async (tx: Transaction) => {
      await writeEverything(tx)
      return {
        inside: (await tx.collection('orgs').doc('edit').get()).data,
        removedInside: (await tx.collection('orgs').doc('drop').get()).data,
        outside: (await t.db.collection('orgs').doc('edit').get()).data,
        outsideQuery: sortById((await t.db.collection('orgs').where({ count: 0 }).get()).data),
        outsideCount: (await t.db.collection('orgs').count()).total,
      }
    })

    expect(seen).toEqual({
      inside: { _id: 'edit', name: 'after', count: 1 },
      removedInside: null,
      outside: [{ _id: 'edit', name: 'before', count: 0 }],
      outsideQuery: sortById(ORGS),
      outsideCount: 4,
    })
  })

  it('serializes transactions: concurrent read-modify-write loses nothing', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        t.db.runTransaction(async (tx: Transaction) => {
          const { data } = await tx.collection('orgs').doc('keep').get()
          await tx.collection('orgs').doc('keep').update({ count: data.count + 1 })
        }),
      ),
    )

    expect((await t.db.collection('orgs').doc('keep').get()).data[0].count).toBe(20)
  })

  it('refuses at once a write that would wait for its own transaction', async () => {
    const error = await rejectionOf(
      t.db.runTransaction(async (tx: Transaction) => {
        await tx.collection('orgs').doc('edit').update({ name: 'after' })
        await tx.collection('orgs').where({ _id: 'keep' }).update({ name: 'changed' })
      }),
    )

    expect(error.message).toContain('cannot run inside a transaction')
    expect(await allOrgs()).toEqual(sortById(ORGS))
  })
})

describe('startTransaction', () => {
  it('makes plain writes wait until the transaction ends', async () => {
    const tx = await t.db.startTransaction()
    await tx.collection('orgs').doc('edit').update({ name: 'from transaction' })
    let plainWriteDone = false
    const plainWrite = t.db
      .collection('orgs')
      .doc('edit')
      .update({ count: t.db.command.inc(5) })
      .then(() => {
        plainWriteDone = true
      })

    await sleep(20)
    expect(plainWriteDone).toBe(false)
    await tx.commit()
    await plainWrite

    expect((await t.db.collection('orgs').doc('edit').get()).data).toEqual([{ _id: 'edit', name: 'from transaction', count: 5 }])
  })

  it('rollback() undoes the writes', async () => {
    const tx = await t.db.startTransaction()
    await writeEverything(tx)
    await tx.rollback()

    expect(await allOrgs()).toEqual(sortById(ORGS))
  })

  it('rolls back a transaction left open too long and frees the database', async () => {
    const short = await openTestDatabase({ transactionTimeoutMs: 50 })
    try {
      await short.db.collection('orgs').add(ORGS)
      const tx = await short.db.startTransaction()
      await writeEverything(tx)

      await sleep(400)

      expect(sortById((await short.db.collection('orgs').get()).data)).toEqual(sortById(ORGS))
      expect((await short.db.collection('orgs').doc('keep').update({ count: 7 })).updated).toBe(1)
      expect((await rejectionOf(tx.commit())).message).toBe(
        'LocalDatabase: the transaction was rolled back because it was left open for more than 50 ms',
      )
    } finally {
      await short.dispose()
    }
  })
})
