import path from 'node:path'
import Datastore from '@seald-io/nedb'
import type { CollectionDefinition } from '../../src/domain/collections'
import { type Document, isPlainObject, valueAtPath } from './dialect'
import { duplicateKeyError } from './errors'
import { stringifyDocument } from './extended-json'

export type DocumentId = string | number
export type StoredDocument = Document & { _id: DocumentId }

export const COLLECTION_FILE_EXTENSION = '.db'

/** Equality lookups on one field: key text → the documents holding that value (each array element counts). */
interface LookupIndex {
  field: string
  entries: Map<string, Set<StoredDocument>>
}

interface UniqueIndex {
  name: string
  fields: string[]
  /** Documents with any of the fields null or absent are not indexed. */
  sparse: boolean
  /** Key text → id of the document holding it. */
  owners: Map<string, DocumentId>
}

interface UniqueKey {
  values: unknown[]
  text: string
}

/** nedb's index on `_id`; not in its typings, but the object its own queries use. */
interface NedbIdIndex {
  getMatching(id: DocumentId): StoredDocument[]
}

/**
 * One collection. nedb keeps the documents in memory, appends every write to one file per
 * collection and answers `_id` lookups. The lookup indexes (first field of every declared
 * index) and the unique indexes are hash maps kept here: nedb's own secondary indexes cost
 * O(documents sharing the value) per write, and cannot express compound or null-tolerant
 * unique indexes. Uniqueness is checked under the database write lock.
 *
 * Stored documents are nedb's own objects: nedb replaces them on every write and never mutates
 * them, so readers may hold them without copying, and they must never be mutated.
 */
export class CollectionStore {
  private constructor(
    readonly name: string,
    /** The file nedb appends to; null in memory. */
    readonly file: string | null,
    private readonly datastore: Datastore<Document>,
    private readonly lookupIndexes: Map<string, LookupIndex>,
    private readonly uniqueIndexes: UniqueIndex[],
  ) {}

  static async open(
    name: string,
    dir: string | null,
    definition: CollectionDefinition | undefined,
  ): Promise<CollectionStore> {
    const file = dir === null ? null : path.join(dir, `${name}${COLLECTION_FILE_EXTENSION}`)
    const datastore =
      file === null ? new Datastore<Document>({ inMemoryOnly: true }) : new Datastore<Document>({ filename: file })
    if (file !== null) await datastore.loadDatabaseAsync()

    const declared = definition?.indexes ?? []
    // Through an array, a dotted path treats missing subfields as null, which these keys do not model:
    // dotted fields are scanned instead.
    const lookupIndexes = new Map(
      declared
        .map(({ fields: [{ field }] }) => field)
        .filter((field) => !field.includes('.'))
        .map((field) => [field, { field, entries: new Map<string, Set<StoredDocument>>() }]),
    )
    const uniqueIndexes = declared
      .filter((index) => index.unique)
      .map((index) => ({
        name: index.name,
        fields: index.fields.map(({ field }) => field),
        sparse: index.sparse ?? false,
        owners: new Map<string, DocumentId>(),
      }))
    const store = new CollectionStore(name, file, datastore, lookupIndexes, uniqueIndexes)
    store.rebuildIndexes()
    return store
  }

  all(): readonly StoredDocument[] {
    return this.datastore.getAllData() as StoredDocument[]
  }

  byId(id: DocumentId): StoredDocument | undefined {
    return (this.datastore as unknown as { indexes: { _id: NedbIdIndex } }).indexes._id.getMatching(id)[0]
  }

  /**
   * A superset of the documents matching `query`, from the most selective index usable for
   * a top-level equality or `$in` (also inside a top-level `$and`); all documents otherwise.
   */
  candidates(query: Document): readonly StoredDocument[] {
    const conditions = [...indexableConditions(query)]
    let best: { size: number; collect: () => StoredDocument[] } | null = this.uniqueLookup(conditions)
    for (const [field, values] of conditions) {
      const lookup = field === '_id' ? this.idLookup(values) : this.fieldLookup(field, values)
      if (lookup && (best === null || lookup.size < best.size)) best = lookup
    }
    return best ? best.collect() : this.all()
  }

  /** Throws the E11000 error if inserting `documents` would break a unique index, `_id` included. */
  assertInsertable(documents: StoredDocument[]): void {
    const batchIds = new Set<DocumentId>()
    for (const document of documents) {
      if (this.byId(document._id) || batchIds.has(document._id)) {
        throw duplicateKeyError(this.name, '_id_', { _id: document._id })
      }
      batchIds.add(document._id)
    }
    for (const index of this.uniqueIndexes) {
      const batchKeys = new Set<string>()
      for (const document of documents) {
        for (const key of uniqueKeys(document, index)) {
          if (index.owners.has(key.text) || batchKeys.has(key.text)) throw this.violation(index, key)
          batchKeys.add(key.text)
        }
      }
    }
  }

  /** Throws the E11000 error if `document` would break a unique index once it replaces the version with its id. */
  assertReplaceable(document: StoredDocument): void {
    for (const index of this.uniqueIndexes) {
      for (const key of uniqueKeys(document, index)) {
        const owner = index.owners.get(key.text)
        if (owner !== undefined && owner !== document._id) throw this.violation(index, key)
      }
    }
  }

  insert(documents: StoredDocument[]): Promise<void> {
    return this.write(documents, [], () => this.datastore.insertAsync(documents))
  }

  replace(document: StoredDocument): Promise<void> {
    const current = this.byId(document._id)
    return this.write([document], current ? [current] : [], () =>
      this.datastore.updateAsync({ _id: document._id }, document, {}),
    )
  }

  remove(ids: DocumentId[]): Promise<void> {
    const current = ids.flatMap((id) => this.byId(id) ?? [])
    if (current.length === 0) return Promise.resolve()
    return this.write([], current, () => this.datastore.removeAsync({ _id: { $in: ids } }, { multi: true }))
  }

  /** Rewrites the file without superseded lines (nedb appends every write). */
  compact(): Promise<void> {
    return this.datastore.compactDatafileAsync()
  }

  /** Equality on every field of a unique index names at most one document (e.g. attendance by activity and member). */
  private uniqueLookup(conditions: [string, unknown[]][]) {
    const equalities = new Map(
      conditions.filter(([, values]) => values.length === 1).map(([field, [value]]) => [field, value]),
    )
    for (const index of this.uniqueIndexes) {
      if (!index.fields.every((field) => equalities.has(field))) continue
      const values = index.fields.map((field) => equalities.get(field))
      // A sparse index does not hold the documents a null would match.
      if (index.sparse && values.includes(null)) continue
      const owner = index.owners.get(values.map(canonicalKey).join('\u0001'))
      const document = owner === undefined ? undefined : this.byId(owner)
      return { size: document ? 1 : 0, collect: () => (document ? [document] : []) }
    }
    return null
  }

  private idLookup(ids: unknown[]) {
    const valid = ids.filter((id): id is DocumentId => typeof id === 'string' || typeof id === 'number')
    return { size: valid.length, collect: () => valid.flatMap((id) => this.byId(id) ?? []) }
  }

  private fieldLookup(field: string, values: unknown[]) {
    const index = this.lookupIndexes.get(field)
    if (!index) return null
    const sets = values.flatMap((value) => index.entries.get(canonicalKey(value)) ?? [])
    return {
      size: sets.reduce((total, set) => total + set.size, 0),
      collect: () => (sets.length === 1 ? [...sets[0]] : [...new Set(sets.flatMap((set) => [...set]))]),
    }
  }

  /**
   * Runs a nedb write, then moves the indexes to the new state. They are updated after the
   * write so that they point to nedb's own copies; the write lock keeps other writers out
   * meanwhile. If the write fails, they are rebuilt from what nedb holds.
   */
  private async write(
    added: StoredDocument[],
    removed: StoredDocument[],
    nedbWrite: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await nedbWrite()
    } catch (error) {
      this.rebuildIndexes()
      throw error
    }
    for (const document of removed) this.unindex(document)
    for (const { _id: id } of added) this.index(this.byId(id) as StoredDocument)
  }

  // Also refuses stored duplicates, as MongoDB refuses to build a unique index over them.
  private rebuildIndexes(): void {
    for (const index of this.lookupIndexes.values()) index.entries.clear()
    for (const index of this.uniqueIndexes) index.owners.clear()
    for (const document of this.all()) {
      for (const index of this.uniqueIndexes) {
        for (const key of uniqueKeys(document, index)) {
          if (index.owners.has(key.text)) throw this.violation(index, key)
        }
      }
      this.index(document)
    }
  }

  private index(document: StoredDocument): void {
    for (const { field, entries } of this.lookupIndexes.values()) {
      for (const key of lookupKeys(document, field)) {
        const holders = entries.get(key)
        if (holders) holders.add(document)
        else entries.set(key, new Set([document]))
      }
    }
    for (const index of this.uniqueIndexes) {
      for (const key of uniqueKeys(document, index)) index.owners.set(key.text, document._id)
    }
  }

  private unindex(document: StoredDocument): void {
    for (const { field, entries } of this.lookupIndexes.values()) {
      for (const key of lookupKeys(document, field)) {
        const holders = entries.get(key)
        holders?.delete(document)
        if (holders?.size === 0) entries.delete(key)
      }
    }
    for (const index of this.uniqueIndexes) {
      for (const key of uniqueKeys(document, index)) index.owners.delete(key.text)
    }
  }

  private violation(index: UniqueIndex, key: UniqueKey) {
    const keyByField = Object.fromEntries(index.fields.map((field, position) => [field, key.values[position]]))
    return duplicateKeyError(this.name, index.name, keyByField)
  }
}

function* indexableConditions(query: Document): Generator<[string, unknown[]]> {
  for (const [key, condition] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) yield* indexableConditions(clause)
    } else if (!key.startsWith('$')) {
      if (isIndexableScalar(condition)) yield [key, [condition]]
      else if (isPlainObject(condition)) {
        if (isIndexableScalar(condition.$eq)) yield [key, [condition.$eq]]
        else if (Array.isArray(condition.$in) && condition.$in.every(isIndexableScalar)) yield [key, condition.$in]
      }
    }
  }
}

/** `{ field: null }` matches null and absent fields, both indexed under the null key. */
function isIndexableScalar(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    value instanceof Date
  )
}

/** Every value an equality on `field` may match: arrays are flattened (more keys only add candidates). */
function lookupKeys(document: Document, field: string): Iterable<string> {
  const value = valueAtPath(document, field) ?? null
  return Array.isArray(value) ? new Set(value.flat(Infinity).map(canonicalKey)) : [canonicalKey(value)]
}

/** Every key `document` holds in `index`: one per combination of array elements, as in a multikey index. */
function uniqueKeys(document: Document, index: UniqueIndex): UniqueKey[] {
  const fieldValues = index.fields.map((field) => valueAtPath(document, field) ?? null)
  if (index.sparse && fieldValues.some((value) => value === null)) return []
  if (!fieldValues.some(Array.isArray)) {
    return [{ values: fieldValues, text: fieldValues.map(canonicalKey).join('\u0001') }]
  }
  let combinations: unknown[][] = [[]]
  for (const value of fieldValues) {
    const options = Array.isArray(value) ? value : [value]
    combinations = combinations.flatMap((prefix) => options.map((option) => [...prefix, option]))
  }
  const keys = new Map<string, UniqueKey>()
  for (const values of combinations) {
    const text = values.map(canonicalKey).join('\u0001')
    keys.set(text, { values, text })
  }
  return [...keys.values()]
}

function canonicalKey(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return `s${JSON.stringify(value)}`
  if (typeof value === 'number') return `n${value}`
  if (typeof value === 'boolean') return `b${value}`
  if (value instanceof Date) return `d${value.getTime()}`
  return `j${stringifyDocument(value)}`
}
