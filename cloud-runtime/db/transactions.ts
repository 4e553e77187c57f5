import type { DocumentId, StoredDocument } from './collection-store'

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
  /** Serializes this transaction's own operations with each other and with its commit or abort. */
  readonly operations = new AsyncMutex()

  constructor(
    readonly id: string,
    readonly releaseDatabase: () => void,
    readonly expiry: NodeJS.Timeout,
  ) {}
}
