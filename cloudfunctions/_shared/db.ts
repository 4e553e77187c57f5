import type { Db } from '@cloudbase/database'
import { COLLECTIONS, type CollectionKey } from '../../src/domain/collections'
import type { Member, Org } from '../../src/domain/model'

/** CloudBase answers at most this many documents per server-side read. */
export const PAGE_SIZE = 100

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
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const { data } = await query.skip(offset).limit(PAGE_SIZE).get()
    documents.push(...(data as T[]))
    if (data.length < PAGE_SIZE) return documents
  }
}

export async function findById<K extends keyof DocumentTypes>(
  db: Db,
  key: K,
  id: string,
): Promise<DocumentTypes[K] | null> {
  return findOne<DocumentTypes[K]>(collectionOf(db, key).where({ _id: id }))
}

/**
 * The rows of `aggregate().end()`: WeChat documents them as `list`, @cloudbase/node-sdk
 * (and the local runtime, which uses the same Db class) as `data`. Accept both.
 */
export function aggregateRows<T>(result: { list?: unknown[]; data?: unknown[] }): T[] {
  return (result.list ?? result.data ?? []) as T[]
}
