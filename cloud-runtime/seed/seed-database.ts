import type { Db } from '@cloudbase/database'
import { COLLECTIONS } from '../../src/domain/collections'
import { DEMO_COLLECTIONS, type DemoData } from './demo-data'

export interface SeedStorage {
  putFile(cloudPath: string, bytes: Uint8Array): Promise<void>
}

/** How many documents (and files) were written, per collection. */
export type SeedSummary = Record<keyof DemoData, number>

const CONCURRENCY = 20

/** Documents per insert: the SDK's `add` takes an array, one request per batch. */
const BATCH = 500

/**
 * Writes the demo through the same CloudBase database API the cloud functions use, in
 * batches of BATCH documents with at most CONCURRENCY requests in flight, then stores the files.
 */
export async function seedDatabase(db: Db, storage: SeedStorage, data: DemoData): Promise<SeedSummary> {
  for (const collection of DEMO_COLLECTIONS) {
    const name = COLLECTIONS[collection].name
    const documents: readonly object[] = data[collection]
    const batches = Array.from({ length: Math.ceil(documents.length / BATCH) }, (_, index) =>
      documents.slice(index * BATCH, (index + 1) * BATCH),
    )
    await forEachConcurrently(batches, async (batch) => {
      const result: object = await db.collection(name).add(batch)
      // The SDK resolves with the error instead of rejecting unless configured to throw.
      if ('code' in result && result.code) {
        const message = 'message' in result ? String(result.message) : ''
        throw new Error(`写入 ${name} 失败（${String(result.code)}）：${message}`)
      }
    })
  }
  await forEachConcurrently(data.photos, (photo) => storage.putFile(photo.cloudPath, photo.bytes))
  return {
    orgs: data.orgs.length,
    members: data.members.length,
    activities: data.activities.length,
    attendance: data.attendance.length,
    evidence: data.evidence.length,
    studyRecords: data.studyRecords.length,
    manualScores: data.manualScores.length,
    photos: data.photos.length,
  }
}

async function forEachConcurrently<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker))
}
