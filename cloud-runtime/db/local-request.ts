import type { SortSpec } from 'mingo/types'
import {
  type DecodeOptions,
  type Document,
  type PipelineStage,
  decodeValue,
  isPlainObject,
  validateQuery,
  validateReplacement,
  validateUpdate,
} from './dialect'
import type { DatabaseEngine, ModifyRequest } from './engine'
import { LocalDatabaseError, invalidRequest, unsupported } from './errors'
import { parseExtendedJson, stringifyDocument } from './extended-json'

/** `get()` without `limit()`; @cloudbase/database itself sends 100 then, and never more than 1000. */
export const DEFAULT_GET_LIMIT = 100
export const MAX_GET_LIMIT = 1000

/** Where a Db made by LocalDatabase.createDb keeps its database, in the config each request receives. */
export const LOCAL_BINDING = Symbol('LocalDatabase binding')

export interface LocalBinding {
  engine: DatabaseEngine
  now: () => Date
}

type Params = Record<string, unknown>
type Answer = Record<string, unknown>

let requestCount = 0

/**
 * Stands in for the network request class of @cloudbase/database (`Db.reqClass`):
 * `new Db.reqClass(db.config).send(action, params)`. Answers have the shapes the SDK
 * reads (`data.list`, `data.insertedIds`, `data.updated`...); failures throw, as
 * @cloudbase/node-sdk does by default.
 */
export class LocalRequest {
  private readonly binding: LocalBinding

  constructor(config: unknown) {
    const binding = isPlainObject(config) ? (config as Record<symbol, unknown>)[LOCAL_BINDING] : undefined
    if (!binding) throw new Error('LocalDatabase: this Db was not made by LocalDatabase.createDb()')
    this.binding = binding as LocalBinding
  }

  async send(action: string, params: Params = {}): Promise<Answer> {
    requestCount += 1
    const requestId = `local-${requestCount}`
    try {
      return { ...(await this.execute(action, params, this.binding.now())), requestId }
    } catch (error) {
      if (error instanceof LocalDatabaseError) throw error
      const message = error instanceof Error ? error.message : String(error)
      throw new LocalDatabaseError('DATABASE_REQUEST_FAILED', `LocalDatabase: ${message}`, { cause: error })
    }
  }

  private async execute(action: string, params: Params, now: Date): Promise<Answer> {
    const { engine } = this.binding
    switch (action) {
      case 'database.getDocument': {
        const list = await engine.find({
          ...target(params),
          query: queryOf(params, now),
          order: params.order === undefined ? null : sortOf(params.order, now),
          offset: integer(params.offset ?? 0, 'offset'),
          limit: Math.min(integer(params.limit ?? DEFAULT_GET_LIMIT, 'limit'), MAX_GET_LIMIT),
          projection: params.projection === undefined ? null : projectionOf(params.projection, now),
        })
        return { data: { list: list.map(stringifyDocument) } }
      }
      case 'database.calculateDocument':
        return { data: { total: await engine.count({ ...target(params), query: queryOf(params, now) }) } }
      case 'database.insertDocument': {
        if (!Array.isArray(params.data)) throw invalidRequest('insertDocument needs data: string[]')
        const documents = params.data.map((text) => documentOf(text, 'document', { now, allowRegExp: false }))
        return { data: { insertedIds: await engine.insert(target(params), documents) } }
      }
      case 'database.modifyDocument': {
        const { updated, upsertedId } = await engine.modify(modifyRequest(params, now))
        return { data: { updated, ...(upsertedId === null ? {} : { upsert_id: upsertedId }) } }
      }
      case 'database.modifyAndReturnDoc': {
        const request = { ...modifyRequest({ ...params, merge: true }, now), multi: false, upsert: false }
        const { updated, documents } = await engine.modify(request)
        return { data: { updated, doc: documents.length > 0 ? stringifyDocument(documents[0]) : null } }
      }
      case 'database.removeDocument': {
        const request = { ...target(params), query: queryOf(params, now), multi: params.multi === true }
        return { data: { deleted: await engine.remove(request) } }
      }
      case 'database.aggregateDocuments': {
        const list = await engine.aggregate(collectionName(params), stagesOf(params, now))
        return { data: { list: list.map(stringifyDocument) } }
      }
      case 'database.startTransaction':
        return { transactionId: await engine.beginTransaction() }
      case 'database.commitTransaction':
        await engine.commitTransaction(transactionIdOf(params) ?? '')
        return {}
      case 'database.abortTransaction':
        await engine.abortTransaction(transactionIdOf(params) ?? '')
        return {}
      case 'database.addCollection':
        await engine.createCollection(collectionName(params))
        return {}
      default:
        throw unsupported('action', action)
    }
  }
}

function target(params: Params) {
  return { collection: collectionName(params), transactionId: transactionIdOf(params) }
}

function collectionName(params: Params): string {
  if (typeof params.collectionName !== 'string') throw invalidRequest('collectionName is required')
  return params.collectionName
}

function transactionIdOf(params: Params): string | null {
  return typeof params.transactionId === 'string' ? params.transactionId : null
}

function integer(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidRequest(`${name} must be a non-negative integer`)
  }
  return value
}

function documentOf(text: unknown, what: string, options: DecodeOptions): Document {
  const value = decodeValue(parseExtendedJson(text, what), options)
  if (!isPlainObject(value)) throw invalidRequest(`${what} must be an object`)
  return value
}

function queryOf(params: Params, now: Date): Document {
  if (params.query === undefined) return {}
  const query = documentOf(params.query, 'query', { now, allowRegExp: true })
  validateQuery(query)
  return query
}

function projectionOf(text: unknown, now: Date): Document {
  return documentOf(text, 'projection', { now, allowRegExp: false })
}

function sortOf(text: unknown, now: Date): SortSpec {
  const order = documentOf(text, 'order', { now, allowRegExp: false })
  for (const [field, direction] of Object.entries(order)) {
    if (direction !== 1 && direction !== -1) throw invalidRequest(`orderBy direction of "${field}" must be 1 or -1`)
  }
  return order as SortSpec
}

function modifyRequest(params: Params, now: Date): ModifyRequest {
  const replace = params.merge === false
  const update = parseExtendedJson(params.data, 'data')
  if (!isPlainObject(update)) throw invalidRequest('data must be an object')
  if (replace) {
    decodeValue(update, { now, allowRegExp: false })
    validateReplacement(update)
  } else {
    validateUpdate(update)
    // Only $pull conditions may hold regular expressions; values that get stored may not.
    for (const [operator, fields] of Object.entries(update)) {
      decodeValue(fields, { now, allowRegExp: operator === '$pull' })
    }
  }
  return {
    ...target(params),
    query: queryOf(params, now),
    update,
    replace,
    multi: params.multi === true,
    upsert: params.upsert === true,
  }
}

function stagesOf(params: Params, now: Date): PipelineStage[] {
  if (!Array.isArray(params.stages)) throw invalidRequest('aggregateDocuments needs stages')
  return params.stages.map((stage: unknown) => {
    if (!isPlainObject(stage) || typeof stage.stageKey !== 'string') {
      throw invalidRequest('a stage needs stageKey and stageValue')
    }
    return {
      name: stage.stageKey,
      argument: decodeValue(parseExtendedJson(stage.stageValue, stage.stageKey), { now, allowRegExp: true }),
    }
  })
}
