import { Db } from '@cloudbase/database'
import type { runTransaction } from '@cloudbase/database/dist/commonjs/transaction/index'
import type { CollectionDefinition } from '../../src/domain/collections'
import { DatabaseEngine } from './engine'
import { LOCAL_BINDING, type LocalBinding, LocalRequest } from './local-request'

export interface LocalDatabaseOptions {
  /** Folder with one nedb file per collection; null keeps everything in memory. */
  dir: string | null
  /**
   * The collections that exist (as the deploy creates them on CloudBase), with their indexes (unique
   * ones enforced). Writing to any other fails with DATABASE_COLLECTION_NOT_EXIST unless it was made
   * with createCollection or is already in the folder.
   */
  collections: CollectionDefinition[]
  /** Server clock for `db.serverDate()`; `createDb({ now })` may override it per Db. */
  now?: () => Date
  /** A transaction still open after this long is rolled back, so a crashed caller cannot hold the database. */
  transactionTimeoutMs?: number
  /** Told the collection files that opening restored, when the last process died inside a transaction. */
  onRecovery?: (restoredFiles: string[]) => void
}

export const DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000

type RunTransaction = (this: Db, ...args: Parameters<typeof runTransaction>) => ReturnType<typeof runTransaction>
type TransactionCallback = Parameters<typeof runTransaction>[0]

/**
 * The embedded, persistent database of the local cloud runtime. `createDb()` answers the `Db`
 * class of @cloudbase/database (what @cloudbase/node-sdk's `database()` returns; wx-server-sdk's
 * `cloud.database()` wraps it in another API), with its requests executed here instead of over
 * the network. Several LocalDatabases can be open in one process (each Db's config points to its own).
 */
export class LocalDatabase {
  private constructor(
    private readonly engine: DatabaseEngine,
    private readonly now: () => Date,
  ) {}

  static async open(options: LocalDatabaseOptions): Promise<LocalDatabase> {
    const engine = await DatabaseEngine.open({
      dir: options.dir,
      collections: options.collections,
      transactionTimeoutMs: options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS,
      onRecovery: options.onRecovery,
    })
    return new LocalDatabase(engine, options.now ?? (() => new Date()))
  }

  createDb(options: { now?: () => Date } = {}): Db {
    // A static shared by every Db in the process; each request finds its database in the Db's config.
    if (Db.reqClass !== LocalRequest) Db.reqClass = LocalRequest
    const binding: LocalBinding = { engine: this.engine, now: options.now ?? this.now }
    const db = new Db({ env: 'local', [LOCAL_BINDING]: binding })
    const runTransaction = db.runTransaction as RunTransaction
    // Remembers which transaction the callback runs in, so a write that would wait for that
    // transaction's own lock fails at once instead of hanging until the timeout.
    db.runTransaction = (callback: TransactionCallback, times?: number) =>
      runTransaction.call(
        db,
        (transaction) => this.engine.runInTransactionScope(transaction.getTransactionId(), () => callback(transaction)),
        times,
      )
    return db
  }

  /** Rolls back open transactions and compacts every collection file. */
  close(): Promise<void> {
    return this.engine.close()
  }
}
