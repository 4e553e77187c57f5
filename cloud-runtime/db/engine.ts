import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import { Aggregator, ProcessingMode, Query } from 'mingo'
import type { Options as MingoOptions, SortSpec } from 'mingo/types'
import type { CollectionDefinition } from '../../src/domain/collections'
import { COLLECTION_FILE_EXTENSION, CollectionStore, type DocumentId, type StoredDocument } from './collection-store'
import { type Document, type PipelineStage, applyUpdate, isPlainObject, validatePipeline } from './dialect'
import { LocalDatabaseError, invalidRequest } from './errors'
import { stringifyDocument } from './extended-json'
import { AsyncMutex, type BeforeImages, LocalTransaction, TransactionJournal } from './transactions'

/** Aggregations without a `$limit` stage answer at most this many documents, as on CloudBase. */
export const AGGREGATE_DEFAULT_LIMIT = 20

const MINGO_OPTIONS: Partial<MingoOptions> = { scriptEnabled: false }
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
/** Stages mingo runs without writing into its input documents (checked with proxies that throw on writes). */
const READ_ONLY_STAGES = new Set([
  '$bucket', '$bucketAuto', '$count', '$group', '$limit', '$match',
  '$project', '$replaceRoot', '$sample', '$skip', '$sort', '$sortByCount',
])

/** Which transaction the current async call chain runs in (set by LocalDatabase's runTransaction). */
const transactionScope = new AsyncLocalStorage<{ engine: DatabaseEngine; transactionId: string }>()

export interface EngineOptions {
  dir: string | null
  collections: CollectionDefinition[]
  transactionTimeoutMs: number
  /** Told which collection files an unfinished transaction had written, when opening rolled it back. */
  onRecovery?: (restoredFiles: string[]) => void
}

interface Target {
  collection: string
  /** Set when the request runs inside a transaction: it then sees that transaction's own writes. */
  transactionId: string | null
}

export interface FindRequest extends Target {
  query: Document
  order: SortSpec | null
  offset: number
  limit: number
  projection: Document | null
}

export interface ModifyRequest extends Target {
  query: Document
  /** Update operators, or the whole new document when `replace`. */
  update: Document
  replace: boolean
  multi: boolean
  upsert: boolean
}

export interface ModifyResult {
  updated: number
  upsertedId: DocumentId | null
  /** Every selected document as it is after the write. */
  documents: StoredDocument[]
}

/**
 * Executes the database protocol on the collection stores.
 *
 * Concurrency: one write lock per database. A plain write holds it for the duration of the
 * write (so unique checks and read-modify-write updates are atomic); a transaction holds it
 * from start to commit/abort, so transactions are serialized against each other and against
 * plain writes. Reads never wait: outside a transaction they see committed data (the open
 * transaction's before-images hide its uncommitted writes); inside one they see its writes.
 * On disk, the transaction journal makes a transaction all-or-nothing across a crash.
 *
 * Writes go only to collections that exist: the declared ones, those made with
 * createCollection, and those already in the folder. CloudBase refuses the rest as well.
 */
export class DatabaseEngine {
  private readonly stores = new Map<string, CollectionStore>()
  private readonly writeLock = new AsyncMutex()
  private readonly transactions = new Map<string, LocalTransaction>()
  private activeTransaction: LocalTransaction | null = null
  private closed = false

  private constructor(
    private readonly options: EngineOptions,
    private readonly definitions: Map<string, CollectionDefinition>,
    private readonly journal: TransactionJournal | null,
  ) {}

  static async open(options: EngineOptions): Promise<DatabaseEngine> {
    const definitions = new Map(options.collections.map((definition) => [definition.name, definition]))
    const names = new Set(definitions.keys())
    let journal: TransactionJournal | null = null
    if (options.dir !== null) {
      await fs.mkdir(options.dir, { recursive: true })
      // Before any collection file is read: undo a transaction the last process did not finish.
      const opened = await TransactionJournal.open(options.dir)
      journal = opened.journal
      if (opened.restoredFiles.length > 0) options.onRecovery?.(opened.restoredFiles)
      for (const file of await fs.readdir(options.dir)) {
        if (file.endsWith(COLLECTION_FILE_EXTENSION)) names.add(file.slice(0, -COLLECTION_FILE_EXTENSION.length))
      }
    }
    const engine = new DatabaseEngine(options, definitions, journal)
    try {
      for (const name of names) await engine.createStore(name)
    } catch (error) {
      await journal?.close()
      throw error
    }
    return engine
  }

  runInTransactionScope<T>(transactionId: string, callback: () => T): T {
    return transactionScope.run({ engine: this, transactionId }, callback)
  }

  // ---- reads ----

  find(request: FindRequest): Promise<Document[]> {
    return this.read(request, request.query, (matching): Document[] => {
      const page = request.order
        ? new Query({}, MINGO_OPTIONS)
            .find<Document>(matching)
            .sort(request.order)
            .skip(request.offset)
            .limit(request.limit)
            .all()
        : matching.slice(request.offset, request.offset + request.limit)
      return request.projection ? new Query({}, MINGO_OPTIONS).find<Document>(page, request.projection).all() : page
    })
  }

  count(request: Target & { query: Document }): Promise<number> {
    return this.read(request, request.query, (matching) => matching.length)
  }

  async aggregate(collection: string, stages: PipelineStage[]): Promise<Document[]> {
    this.assertOpen()
    validatePipeline(stages)
    const committed = this.activeTransaction?.beforeImages ?? null
    const [first, ...rest] = stages
    const leadingMatch = first?.name === '$match' ? (first.argument as Document) : null
    const input = leadingMatch
      ? this.matching(collection, leadingMatch, committed)
      : visible(this.existingStore(collection).all(), committed?.of(collection))
    const pipeline = (leadingMatch ? rest : stages).map(({ name, argument }) => ({ [name]: argument }))
    if (!stages.some(({ name }) => name === '$limit')) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT })
    const readOnly = stages.every(({ name }) => READ_ONLY_STAGES.has(name))
    const aggregator = new Aggregator(pipeline, {
      ...MINGO_OPTIONS,
      // Stored documents must never be written to; read-only pipelines skip the copies.
      processingMode: readOnly ? ProcessingMode.CLONE_OFF : ProcessingMode.CLONE_ALL,
      collectionResolver: (name) => {
        const store = this.stores.get(name)
        return store ? visible(store.all(), committed?.of(name)).map(cloneDocument) : []
      },
    })
    return aggregator.run(input) as Document[]
  }

  private async read<T>(target: Target, query: Document, produce: (matching: StoredDocument[]) => T): Promise<T> {
    this.assertOpen()
    if (target.transactionId === null) {
      return produce(this.matching(target.collection, query, this.activeTransaction?.beforeImages ?? null))
    }
    return this.inTransaction(target.transactionId, async () => produce(this.matching(target.collection, query, null)))
  }

  /** Synchronous, so a read sees one consistent state; `hidden` are uncommitted writes to look past. */
  private matching(collection: string, query: Document, hidden: BeforeImages | null): StoredDocument[] {
    const store = this.existingStore(collection)
    const images = hidden?.of(collection)
    if (Object.keys(query).length === 0) return [...visible(store.all(), images)]
    const { _id: id, ...rest } = query
    // doc(id) requests: the _id index answers exactly, without compiling a query.
    if (Object.keys(rest).length === 0 && (typeof id === 'string' || typeof id === 'number')) {
      const image = images?.get(id)
      const document = image === undefined ? store.byId(id) : image
      return document ? [document] : []
    }
    const matcher = new Query(query, MINGO_OPTIONS)
    return visible(store.candidates(query), images).filter((document) => matcher.test(document))
  }

  // ---- writes ----

  insert(target: Target, documents: Document[]): Promise<DocumentId[]> {
    return this.write(target, async (store, beforeImages) => {
      const prepared = documents.map(withId)
      store.assertInsertable(prepared)
      for (const document of prepared) beforeImages?.record(store.name, document._id, null)
      await store.insert(prepared)
      return prepared.map((document) => document._id)
    })
  }

  modify(request: ModifyRequest): Promise<ModifyResult> {
    return this.write(request, async (store, beforeImages) => {
      const matching = this.matching(store.name, request.query, null)
      const selected = request.multi ? matching : matching.slice(0, 1)
      const result: ModifyResult = { updated: 0, upsertedId: null, documents: [] }
      const nextVersions = selected.map((current) =>
        request.replace ? { _id: current._id, ...request.update } : cloneDocument(current),
      )
      const changes = request.replace
        ? nextVersions.map((next, index) => stringifyDocument(next) !== stringifyDocument(selected[index]))
        : applyUpdate(nextVersions, request.update, request.query)
      for (const [index, current] of selected.entries()) {
        const next = nextVersions[index]
        result.documents.push(changes[index] ? next : current)
        if (!changes[index]) continue
        store.assertReplaceable(next)
        beforeImages?.record(store.name, current._id, current)
        await store.replace(next)
        result.updated += 1
      }
      if (selected.length === 0 && request.upsert) {
        const inserted = { _id: upsertId(request), ...request.update }
        store.assertInsertable([inserted])
        beforeImages?.record(store.name, inserted._id, null)
        await store.insert([inserted])
        result.upsertedId = inserted._id
        result.documents.push(inserted)
      }
      return result
    })
  }

  remove(request: Target & { query: Document; multi: boolean }): Promise<number> {
    return this.write(request, async (store, beforeImages) => {
      const matching = this.matching(store.name, request.query, null)
      const selected = request.multi ? matching : matching.slice(0, 1)
      for (const document of selected) beforeImages?.record(store.name, document._id, document)
      await store.remove(selected.map((document) => document._id))
      return selected.length
    })
  }

  createCollection(name: string): Promise<void> {
    this.assertOpen()
    this.refuseLockFromInsideTransaction('createCollection()')
    return this.writeLock.runExclusive(async () => {
      this.assertOpen()
      if (this.stores.has(name)) {
        const message = `LocalDatabase: collection "${name}" already exists`
        throw new LocalDatabaseError('DATABASE_COLLECTION_ALREADY_EXIST', message)
      }
      await this.createStore(name)
    })
  }

  /** Runs `task` under the write lock, or inside the transaction (journaled before its first write to the store). */
  private async write<T>(
    target: Target,
    task: (store: CollectionStore, beforeImages: BeforeImages | null) => Promise<T>,
  ): Promise<T> {
    this.assertOpen()
    if (target.transactionId !== null) {
      const { transactionId } = target
      return this.inTransaction(transactionId, async (transaction) => {
        const store = this.existingStore(target.collection)
        if (!transaction.writtenStores.has(store)) {
          if (this.journal && store.file) await this.journal.recordFirstWrite(transaction.id, store.file)
          transaction.writtenStores.add(store)
        }
        return task(store, transaction.beforeImages)
      })
    }
    this.refuseLockFromInsideTransaction(
      'a write outside the transaction (where().update/remove, or db instead of the transaction object)',
    )
    return this.writeLock.runExclusive(async () => {
      this.assertOpen()
      return task(this.existingStore(target.collection), null)
    })
  }

  // ---- transactions ----

  async beginTransaction(): Promise<string> {
    this.assertOpen()
    this.refuseLockFromInsideTransaction('a nested transaction')
    const releaseDatabase = await this.writeLock.lock()
    if (this.closed) {
      releaseDatabase()
      this.assertOpen()
    }
    const id = newDocumentId()
    const timeoutMs = this.options.transactionTimeoutMs
    const expiry = setTimeout(
      // A failed rollback is recorded in the transaction's state, which its commit reports.
      () => this.expire(id, `it was left open for more than ${timeoutMs} ms`).catch(() => undefined),
      timeoutMs,
    )
    expiry.unref()
    const transaction = new LocalTransaction(id, releaseDatabase, expiry)
    this.transactions.set(id, transaction)
    this.activeTransaction = transaction
    return id
  }

  async commitTransaction(id: string): Promise<void> {
    const transaction = this.transaction(id)
    this.transactions.delete(id)
    await transaction.operations.runExclusive(async () => {
      if (transaction.state.kind === 'aborted') throw transactionAborted(transaction.state.reason)
      try {
        await this.settleJournal(transaction)
        transaction.state = { kind: 'committed' }
      } catch (error) {
        transaction.state = { kind: 'aborted', reason: 'its journal could not be written' }
        throw error
      } finally {
        this.finish(transaction)
      }
    })
  }

  /** Aborting twice, or after a timeout, is harmless: the SDK aborts whenever the callback throws. */
  async abortTransaction(id: string): Promise<void> {
    await this.expire(id, 'it was aborted')
    this.transactions.delete(id)
  }

  private async expire(id: string, reason: string): Promise<void> {
    const transaction = this.transactions.get(id)
    if (!transaction) return
    await transaction.operations.runExclusive(async () => {
      if (transaction.state.kind !== 'active') return
      transaction.state = { kind: 'aborted', reason }
      try {
        await this.rollback(transaction.beforeImages)
        await this.settleJournal(transaction)
      } catch (error) {
        const failure = error instanceof Error ? error.message : String(error)
        transaction.state = { kind: 'aborted', reason: `${reason}, but undoing its writes failed (${failure})` }
        throw error
      } finally {
        this.finish(transaction)
      }
    })
  }

  private async rollback(beforeImages: BeforeImages): Promise<void> {
    for (const [collection, images] of beforeImages.collections()) {
      const store = this.existingStore(collection)
      await store.remove([...images.keys()])
      const restored = [...images.values()].filter((image): image is StoredDocument => image !== null)
      if (restored.length > 0) await store.insert(restored)
    }
  }

  /**
   * Flushes the transaction's writes (or their undoing) and empties the journal. If that fails,
   * the journal still names the transaction, and any later write would be undone with it on the
   * next open: the engine stops instead (fail-stop), and reopening the folder rolls it back.
   */
  private async settleJournal(transaction: LocalTransaction): Promise<void> {
    if (!this.journal || transaction.writtenStores.size === 0) return
    try {
      await this.journal.settle([...transaction.writtenStores].flatMap((store) => store.file ?? []))
    } catch (error) {
      this.closed = true
      throw new LocalDatabaseError(
        'DATABASE_TRANSACTION_FAIL',
        'LocalDatabase: the transaction journal could not be written; the database is closed, ' +
          'reopening the folder rolls the transaction back',
        { cause: error },
      )
    }
  }

  private finish(transaction: LocalTransaction): void {
    clearTimeout(transaction.expiry)
    if (this.activeTransaction === transaction) this.activeTransaction = null
    transaction.releaseDatabase()
  }

  private transaction(id: string): LocalTransaction {
    const transaction = this.transactions.get(id)
    if (!transaction) {
      throw new LocalDatabaseError('DATABASE_TRANSACTION_FAIL', `LocalDatabase: unknown transaction "${id}"`)
    }
    return transaction
  }

  private inTransaction<T>(id: string, task: (transaction: LocalTransaction) => Promise<T>): Promise<T> {
    const transaction = this.transaction(id)
    return transaction.operations.runExclusive(async () => {
      const { state } = transaction
      if (state.kind === 'aborted') throw transactionAborted(state.reason)
      if (state.kind === 'committed') {
        throw new LocalDatabaseError('DATABASE_TRANSACTION_FAIL', 'LocalDatabase: the transaction is already committed')
      }
      return task(transaction)
    })
  }

  /** Waiting for the write lock from inside the transaction that holds it would hang until the timeout. */
  private refuseLockFromInsideTransaction(what: string): void {
    const scope = transactionScope.getStore()
    if (scope?.engine === this && this.activeTransaction?.id === scope.transactionId) {
      throw invalidRequest(
        `${what} cannot run inside a transaction: CloudBase transactions support only ` +
          'transaction.collection(...).doc(id).get/set/update/remove and .add',
      )
    }
  }

  // ---- lifecycle ----

  async close(): Promise<void> {
    try {
      if (this.closed) return
      for (const id of [...this.transactions.keys()]) await this.expire(id, 'the database was closed')
      await this.writeLock.runExclusive(async () => {
        // Stopped by a journal failure meanwhile: the files must stay as the journal knows them.
        if (this.closed) return
        this.closed = true
        for (const store of this.stores.values()) await store.compact()
      })
    } finally {
      await this.journal?.close()
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new LocalDatabaseError('DATABASE_REQUEST_FAILED', 'LocalDatabase: the database is closed')
  }

  private existingStore(name: string): CollectionStore {
    const store = this.stores.get(name)
    if (!store) {
      const message = `LocalDatabase: collection "${name}" does not exist`
      throw new LocalDatabaseError('DATABASE_COLLECTION_NOT_EXIST', message)
    }
    return store
  }

  private async createStore(name: string): Promise<CollectionStore> {
    if (!COLLECTION_NAME.test(name)) throw invalidRequest(`invalid collection name "${name}"`)
    const store = await CollectionStore.open(name, this.options.dir, this.definitions.get(name))
    this.stores.set(name, store)
    return store
  }
}

/** `candidates` as readers outside the writing transaction see them. */
function visible(
  candidates: readonly StoredDocument[],
  images: ReadonlyMap<DocumentId, StoredDocument | null> | undefined,
): readonly StoredDocument[] {
  if (!images) return candidates
  const committed = candidates.filter((document) => !images.has(document._id))
  for (const image of images.values()) if (image !== null) committed.push(image)
  return committed
}

/** Like CloudBase's generated ids: 32 lowercase hex digits. */
function newDocumentId(): string {
  return randomUUID().replaceAll('-', '')
}

function withId(document: Document): StoredDocument {
  const { _id: id } = document
  if (id === undefined) return { _id: newDocumentId(), ...document }
  if (typeof id !== 'string' && typeof id !== 'number') throw invalidRequest('_id must be a string or a number')
  return document as StoredDocument
}

function upsertId(request: ModifyRequest): DocumentId {
  const { _id: id } = request.query
  if (typeof id !== 'string' && typeof id !== 'number') throw invalidRequest('an upsert needs the document id')
  return id
}

function transactionAborted(reason: string): LocalDatabaseError {
  const message = `LocalDatabase: the transaction was rolled back because ${reason}`
  return new LocalDatabaseError('DATABASE_TRANSACTION_FAIL', message)
}

/** Deep copy of a stored value (JSON values and Dates only). */
function cloneDocument<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (Array.isArray(value)) return value.map(cloneDocument) as T
  if (isPlainObject(value)) {
    const copy: Document = {}
    for (const key of Object.keys(value)) copy[key] = cloneDocument(value[key])
    return copy as T
  }
  return value
}
