/**
 * What a CloudBase environment must hold, from the declarations the code runs on:
 * src/domain/collections.ts (collections and indexes) and cloudfunctions/manifest.ts (functions).
 */
import { FUNCTIONS, FUNCTION_RUNTIME, type FunctionManifest } from '../../cloudfunctions/manifest'
import { ALL_COLLECTIONS, type IndexDefinition } from '../../src/domain/collections'

/** Every collection is closed to clients: the app reads and writes only through the functions. */
export const CLOSED_RULE = { read: false, write: false } as const
/**
 * 仅创建者及管理员可读写: the app uploads its own photos and roster files; everyone else sees files
 * only through temporary links a function signs after checking the caller's scope.
 */
export const STORAGE_ACL = 'PRIVATE' as const

export interface DesiredIndex {
  name: string
  keys: { field: string; direction: 1 | -1 }[]
  unique: boolean
  sparse: boolean
}

export interface DesiredCollection {
  name: string
  indexes: DesiredIndex[]
}

export interface DesiredState {
  collections: DesiredCollection[]
  rule: typeof CLOSED_RULE
  storageAcl: typeof STORAGE_ACL
  runtime: string
  functions: FunctionManifest[]
}

function desiredIndex(index: IndexDefinition): DesiredIndex {
  return {
    name: index.name,
    keys: index.fields.map(({ field, direction }) => ({ field, direction })),
    unique: index.unique,
    sparse: index.sparse === true,
  }
}

export function desiredState(): DesiredState {
  return {
    collections: ALL_COLLECTIONS.map((collection) => ({ name: collection.name, indexes: collection.indexes.map(desiredIndex) })),
    rule: CLOSED_RULE,
    storageAcl: STORAGE_ACL,
    runtime: FUNCTION_RUNTIME,
    functions: FUNCTIONS,
  }
}
