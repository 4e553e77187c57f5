import { Db } from '@cloudbase/database'
import { COLLECTIONS } from '../../../src/domain/collections'
import { generateDemoData } from '../../../cloud-runtime/seed/demo-data'
import { seedDatabase, type SeedStorage } from '../../../cloud-runtime/seed/seed-database'

interface InsertParams {
  collectionName: string
  data: string[]
}

type StoredDocument = Record<string, unknown> & { _id: string }

/** Stands in for the protocol layer under the real `Db` query builder, like the local runtime does. */
class FakeDatabase {
  readonly documents = new Map<string, StoredDocument[]>()
  inFlight = 0
  maxInFlight = 0
  failure: { code: string; message: string } | null = null

  async send(action: string, params: InsertParams): Promise<unknown> {
    if (action !== 'database.insertDocument') throw new Error(`unexpected action ${action}`)
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    await new Promise((resolve) => setImmediate(resolve))
    this.inFlight--
    if (this.failure) return this.failure
    const inserted = params.data.map((json) => JSON.parse(json) as StoredDocument)
    this.documents.set(params.collectionName, [...(this.documents.get(params.collectionName) ?? []), ...inserted])
    return { data: { insertedIds: inserted.map((document) => document._id) }, requestId: 'test' }
  }
}

class FakeStorage implements SeedStorage {
  readonly files = new Map<string, Uint8Array>()
  inFlight = 0
  maxInFlight = 0

  async putFile(cloudPath: string, bytes: Uint8Array): Promise<void> {
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    await new Promise((resolve) => setImmediate(resolve))
    this.inFlight--
    this.files.set(cloudPath, bytes)
  }
}

function connect(fake: FakeDatabase): Db {
  Db.reqClass = class {
    send(action: string, params: InsertParams): Promise<unknown> {
      return fake.send(action, params)
    }
  }
  return new Db({ env: 'local' })
}

describe('seedDatabase', () => {
  const data = generateDemoData({ now: new Date('2025-11-20T04:00:00Z') })

  it('writes every document through the CloudBase API in batches, at most 20 requests at a time', async () => {
    const database = new FakeDatabase()
    const storage = new FakeStorage()
    const summary = await seedDatabase(connect(database), storage, data)

    expect(summary).toEqual({
      orgs: data.orgs.length,
      members: data.members.length,
      activities: data.activities.length,
      attendance: data.attendance.length,
      evidence: data.evidence.length,
      studyRecords: data.studyRecords.length,
      manualScores: data.manualScores.length,
      photos: data.photos.length,
    })
    const stored = (key: keyof typeof COLLECTIONS): string[] =>
      (database.documents.get(COLLECTIONS[key].name) ?? []).map((document) => document._id).sort()
    expect(stored('orgs')).toEqual(data.orgs.map((org) => org._id).sort())
    expect(stored('members')).toEqual(data.members.map((member) => member._id).sort())
    expect(stored('attendance')).toEqual(data.attendance.map((record) => record._id).sort())
    expect(stored('studyRecords')).toEqual(data.studyRecords.map((record) => record._id).sort())
    expect(stored('manualScores')).toEqual(data.manualScores.map((score) => score._id).sort())
    expect(database.maxInFlight).toBeGreaterThan(1)
    expect(database.maxInFlight).toBeLessThanOrEqual(20)
    expect(storage.maxInFlight).toBeLessThanOrEqual(20)
    expect(storage.files.size).toBe(data.photos.length)
  })

  it('sends dates as dates, not strings', async () => {
    const database = new FakeDatabase()
    await seedDatabase(connect(database), new FakeStorage(), data)
    const [activity] = data.activities
    const sent = database.documents.get(COLLECTIONS.activities.name)?.find((document) => document._id === activity._id)
    expect(sent?.startAt).toEqual({ $date: { $numberLong: String(activity.startAt.getTime()) } })
  })

  it('fails loudly when the database answers with an error', async () => {
    const database = new FakeDatabase()
    database.failure = { code: 'DATABASE_PERMISSION_DENIED', message: 'denied' }
    await expect(seedDatabase(connect(database), new FakeStorage(), data)).rejects.toThrow(
      '写入 orgs 失败（DATABASE_PERMISSION_DENIED）：denied',
    )
  })
})
