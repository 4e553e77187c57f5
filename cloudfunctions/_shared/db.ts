import type { Db } from '@cloudbase/database'
import { COLLECTIONS, type CollectionKey } from '../../src/domain/collections'
import type { Member, Org } from '../../src/domain/model'

/**
 * CloudBase's server SDK answers at most 1000 documents per read (default 100). We ask for
 * the maximum, and only an answer shorter than the smallest cap there has ever been (100)
 * proves the end: a shorter answer than requested could otherwise be a lower cap.
 */
export const PAGE_SIZE = 1000
const SMALLEST_SERVER_CAP = 100
/** Longest list we put in one `_.in(...)`: CloudBase limits the size of a query. */
export const IN_QUERY_LIMIT = 100

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size))
  return chunks
}

export interface DocumentTypes {
  orgs: Org
  members: Member
}

interface ReadableQuery {
  skip(offset: number): ReadableQuery
  limit(count: number): ReadableQuery
  get(): Promise<{ data: unknown[] }>
}

export function collectionOf(db: Db, key: CollectionKey) {
  return db.collection(COLLECTIONS[key].name)
}

export async function findOne<T>(query: ReadableQuery): Promise<T | null> {
  const { data } = await query.limit(1).get()
  return (data[0] as T | undefined) ?? null
}

/** Reads every matching document, page by page (order the query for stable paging). */
export async function findAll<T>(query: ReadableQuery): Promise<T[]> {
  const documents: T[] = []
  for (;;) {
    const { data } = await query.skip(documents.length).limit(PAGE_SIZE).get()
    documents.push(...(data as T[]))
    if (data.length < SMALLEST_SERVER_CAP) return documents
  }
}

export async function findById<K extends keyof DocumentTypes>(
  db: Db,
  key: K,
  id: string,
): Promise<DocumentTypes[K] | null> {
  return findOne<DocumentTypes[K]>(collectionOf(db, key).where({ _id: id }))
}

/** The documents with these ids (any order), read in chunks under the `in` limit. */
export async function findByIds<T>(db: Db, key: CollectionKey, ids: readonly string[]): Promise<T[]> {
  const found: T[] = []
  for (const part of chunk([...new Set(ids)], IN_QUERY_LIMIT)) {
    found.push(...(await findAll<T>(collectionOf(db, key).where({ _id: db.command.in(part) }).orderBy('_id', 'asc'))))
  }
  return found
}

/** Names of members by id (a missing one answers its id). */
export async function memberNames(db: Db, ids: readonly string[]): Promise<(id: string) => string> {
  const names = new Map((await findByIds<Member>(db, 'members', ids)).map((member) => [member._id, member.name]))
  return (id) => names.get(id) ?? id
}

/**
 * The rows of `aggregate().end()`: WeChat documents them as `list`, @cloudbase/node-sdk
 * (and the local runtime, which uses the same Db class) as `data`. Accept both.
 */
export function aggregateRows<T>(result: { list?: unknown[]; data?: unknown[] }): T[] {
  return (result.list ?? result.data ?? []) as T[]
}
