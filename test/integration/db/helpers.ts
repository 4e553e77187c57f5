import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Db } from '@cloudbase/database'
import type { Transaction } from '@cloudbase/database/dist/commonjs/transaction/index'
import { LocalDatabase, type LocalDatabaseOptions } from '../../../cloud-runtime/db/local-database'
import { ALL_COLLECTIONS } from '../../../src/domain/collections'

export type { Transaction }

export const FIXED_NOW = new Date('2024-05-01T08:00:00.000Z')

export interface TestDatabase {
  dir: string
  database: LocalDatabase
  db: Db
  /** Closes this one and opens the same folder again; the new handle owns the folder. */
  reopen(): Promise<TestDatabase>
  dispose(): Promise<void>
}

/** A database in a fresh temp folder, with the app's collections and a fixed clock. */
export async function openTestDatabase(options: Partial<LocalDatabaseOptions> = {}): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zbt-db-test-'))
  return openIn(dir, options)
}

async function openIn(dir: string, options: Partial<LocalDatabaseOptions>): Promise<TestDatabase> {
  const database = await LocalDatabase.open({ dir, collections: ALL_COLLECTIONS, now: () => FIXED_NOW, ...options })
  let closed = false
  const close = async () => {
    if (!closed) await database.close()
    closed = true
  }
  return {
    dir,
    database,
    db: database.createDb(),
    async reopen() {
      await close()
      return openIn(dir, options)
    },
    async dispose() {
      await close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The rejection of `promise`, or a failure if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    return error as Error & Record<string, unknown>
  }
  throw new Error('expected the promise to reject')
}

export function sortById<T extends { _id?: unknown }>(documents: T[]): T[] {
  return [...documents].sort((a, b) => String(a._id).localeCompare(String(b._id)))
}
