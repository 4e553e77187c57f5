import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { LocalDatabase } from '../../../cloud-runtime/db/local-database'
import { ALL_COLLECTIONS } from '../../../src/domain/collections'
import { isDuplicateKeyError } from '../../../src/domain/db-errors'
import { FIXED_NOW, openTestDatabase, rejectionOf, sortById, type TestDatabase } from './helpers'

const opened: TestDatabase[] = []

async function open(): Promise<TestDatabase> {
  const database = await openTestDatabase()
  opened.push(database)
  return database
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((database) => database.dispose()))
})

describe('persistence', () => {
  it('keeps inserts, updates, replacements and removals across close and reopen', async () => {
    const first = await open()
    const _ = first.db.command
    await first.db.collection('members').add([
      { _id: 'm1', number: 'S1', openid: null, joinedAt: new Date('2018-06-30T16:00:00.000Z'), roles: ['secretary'] },
      { _id: 'm2', number: 'S2', openid: 'wx-2', joinedAt: new Date('2020-01-01T00:00:00.000Z'), roles: [] },
      { _id: 'm3', number: 'S3', openid: null, joinedAt: new Date('2021-01-01T00:00:00.000Z'), roles: [] },
    ])
    await first.db.collection('members').doc('m1').update({ roles: _.push(['group_leader']), boundAt: first.db.serverDate() })
    await first.db.collection('members').doc('m2').set({ number: 'S2', openid: 'wx-2b' })
    await first.db.collection('members').doc('m3').remove()
    await first.db.createCollection('scratch_notes')
    await first.db.collection('scratch_notes').add({ _id: 'n1', text: 'created collections persist too' })

    const second = await first.reopen()
    opened.splice(opened.indexOf(first), 1, second)

    expect(sortById((await second.db.collection('members').get()).data)).toEqual([
      { _id: 'm1', number: 'S1', openid: null, joinedAt: new Date('2018-06-30T16:00:00.000Z'), roles: ['secretary', 'group_leader'], boundAt: FIXED_NOW },
      { _id: 'm2', number: 'S2', openid: 'wx-2b' },
    ])
    expect((await second.db.collection('scratch_notes').doc('n1').get()).data).toHaveLength(1)
    await second.db.collection('scratch_notes').add({ _id: 'n2', text: 'and stay writable' })
    // Indexes are rebuilt from the stored documents.
    expect(isDuplicateKeyError(await rejectionOf(second.db.collection('members').add({ number: 'S1' })))).toBe(true)
    expect((await second.db.collection('members').where({ openid: 'wx-2b' }).count()).total).toBe(1)
  })

  it('keeps several databases apart in one process', async () => {
    const [left, right] = await Promise.all([open(), open()])

    await Promise.all([
      left.db.collection('orgs').add({ _id: 'same-id', side: 'left' }),
      right.db.collection('orgs').add({ _id: 'same-id', side: 'right' }),
    ])

    expect((await left.db.collection('orgs').get()).data).toEqual([{ _id: 'same-id', side: 'left' }])
    expect((await right.db.collection('orgs').get()).data).toEqual([{ _id: 'same-id', side: 'right' }])
  })

  it('keeps everything in memory when dir is null', async () => {
    const memory = await LocalDatabase.open({ dir: null, collections: ALL_COLLECTIONS })
    const db = memory.createDb()
    await db.collection('orgs').add({ _id: 'o1' })

    expect((await db.collection('orgs').count()).total).toBe(1)
    await memory.close()
    expect((await rejectionOf(db.collection('orgs').count())).message).toBe('LocalDatabase: the database is closed')
  })

  it('refuses to open over stored documents that break a unique index', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zbt-db-test-'))
    fs.writeFileSync(path.join(dir, 'members.db'), '{"_id":"a","number":"S1"}\n{"_id":"b","number":"S1"}\n')

    const error = await rejectionOf(LocalDatabase.open({ dir, collections: ALL_COLLECTIONS }))

    expect(isDuplicateKeyError(error)).toBe(true)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
