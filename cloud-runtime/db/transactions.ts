import fs from 'node:fs/promises'
import path from 'node:path'
import type { CollectionStore, DocumentId, StoredDocument } from './collection-store'

/** FIFO async lock. */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve()

  /** Resolves with the release function once every earlier holder has released. */
  lock(): Promise<() => void> {
    let release!: () => void
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const acquired = this.tail.then(() => release)
    this.tail = this.tail.then(() => released)
    return acquired
  }

  async runExclusive<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.lock()
    try {
      return await task()
    } finally {
      release()
    }
  }
}

/**
 * The state of every document a writer has touched, as it was before its first change
 * (null: the document did not exist). It is both the undo log of a transaction and
 * what readers outside the transaction see instead of the uncommitted versions.
 */
export class BeforeImages {
  private readonly byCollection = new Map<string, Map<DocumentId, StoredDocument | null>>()

  record(collection: string, id: DocumentId, before: StoredDocument | null): void {
    let images = this.byCollection.get(collection)
    if (!images) {
      images = new Map()
      this.byCollection.set(collection, images)
    }
    if (!images.has(id)) images.set(id, before)
  }

  of(collection: string): ReadonlyMap<DocumentId, StoredDocument | null> | undefined {
    return this.byCollection.get(collection)
  }

  collections(): IterableIterator<[string, ReadonlyMap<DocumentId, StoredDocument | null>]> {
    return this.byCollection.entries()
  }
}

export type TransactionState = { kind: 'active' } | { kind: 'committed' } | { kind: 'aborted'; reason: string }

export class LocalTransaction {
  state: TransactionState = { kind: 'active' }
  readonly beforeImages = new BeforeImages()
  /** Stores this transaction has written to; on disk, their lengths before are in the journal. */
  readonly writtenStores = new Set<CollectionStore>()
  /** Serializes this transaction's own operations with each other and with its commit or abort. */
  readonly operations = new AsyncMutex()

  constructor(
    readonly id: string,
    readonly releaseDatabase: () => void,
    readonly expiry: NodeJS.Timeout,
  ) {}
}

/** Kept in the database folder; empty unless a transaction with writes is open (or was, when the process died). */
export const JOURNAL_FILE = 'transaction.journal'

/** One journal line: `file` (a collection file in the folder) held `size` bytes before the transaction's first write to it. */
interface JournalEntry {
  transaction: string
  file: string
  size: number
}

/**
 * Makes transactions on disk all-or-nothing across a crash (kill -9, power loss).
 *
 * Collection files only grow between open and close: nedb appends every write, and compaction
 * runs only on open (after recovery) and on close (after every transaction has ended). A
 * transaction holds the write lock, so whatever is appended to a collection file after its first
 * write there is the transaction's own. So before that first write the journal records the
 * file's length, flushed to disk together with the file itself; undoing the transaction is
 * truncating each file back to its recorded length. Commit and abort flush the files the
 * transaction wrote and then empty the journal. On open, a non-empty journal means a
 * transaction never finished: its files are truncated before anything reads them.
 */
export class TransactionJournal {
  private closed = false

  private constructor(
    private readonly dir: string,
    private readonly handle: fs.FileHandle,
  ) {}

  /** Opens the journal of `dir`, first undoing the transaction it names, if any; answers the files it restored. */
  static async open(dir: string): Promise<{ journal: TransactionJournal; restoredFiles: string[] }> {
    const file = path.join(dir, JOURNAL_FILE)
    const existed = await fs.stat(file).then(() => true, () => false)
    const handle = await fs.open(file, 'a+')
    const journal = new TransactionJournal(dir, handle)
    if (!existed) await syncPath(dir)
    const restoredFiles = await journal.recover()
    return { journal, restoredFiles }
  }

  /** Before the transaction's first write to `collectionFile`: durably records how long the file is now. */
  async recordFirstWrite(transactionId: string, collectionFile: string): Promise<void> {
    const { size } = await fs.stat(collectionFile)
    await syncPath(collectionFile)
    const entry: JournalEntry = { transaction: transactionId, file: path.basename(collectionFile), size }
    await this.handle.appendFile(`${JSON.stringify(entry)}\n`)
    await this.handle.datasync()
  }

  /** After commit or abort: flushes the collection files the transaction wrote, then empties the journal. */
  async settle(collectionFiles: Iterable<string>): Promise<void> {
    for (const file of collectionFiles) await syncPath(file)
    await this.handle.truncate(0)
    await this.handle.datasync()
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.handle.close()
  }

  private async recover(): Promise<string[]> {
    const text = await this.handle.readFile('utf8')
    if (text === '') return []
    const lengths = new Map<string, number>()
    // A line cut short by a crash was never flushed, so no write to its file followed it.
    for (const line of text.split('\n').slice(0, -1)) {
      const entry = parseEntry(line)
      if (entry) lengths.set(entry.file, Math.min(entry.size, lengths.get(entry.file) ?? Infinity))
    }
    const restored: string[] = []
    for (const [name, size] of lengths) {
      const file = path.join(this.dir, name)
      const current = await fs.stat(file).catch(() => null)
      if (!current || current.size <= size) continue
      await fs.truncate(file, size)
      await syncPath(file)
      restored.push(name)
    }
    await this.settle([])
    return restored
  }
}

function parseEntry(line: string): JournalEntry | null {
  try {
    const entry: unknown = JSON.parse(line)
    if (typeof entry !== 'object' || entry === null) return null
    const { file, size } = entry as Partial<JournalEntry>
    if (typeof file !== 'string' || path.basename(file) !== file || typeof size !== 'number') return null
    return entry as JournalEntry
  } catch {
    return null
  }
}

/** fsync of a file's data, or of a folder's entries. */
async function syncPath(target: string): Promise<void> {
  const handle = await fs.open(target, 'r')
  try {
    await handle.datasync()
  } finally {
    await handle.close()
  }
}
