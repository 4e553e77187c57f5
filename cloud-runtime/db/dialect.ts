import { BSONRegExp } from 'bson'
import { updateMany } from 'mingo/updater'
import { LocalDatabaseError, invalidRequest, unsupported } from './errors'
import { stringifyDocument } from './extended-json'

export type Document = Record<string, unknown>

/*
 * The subset of MongoDB that CloudBase (and so this runtime) accepts. mingo knows more
 * ($where, $jsonSchema, $function, $merge...): anything outside these lists is refused
 * up front rather than answered differently from production.
 */
const LOGICAL_OPERATORS = new Set(['$and', '$or', '$nor'])
const FIELD_OPERATORS = new Set([
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin',
  '$all', '$elemMatch', '$exists', '$size', '$mod', '$not', '$regex', '$options',
])
const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$push', '$pull', '$pullAll',
  '$addToSet', '$pop', '$min', '$max', '$rename', '$bit',
])
const ARRAY_UPDATE_OPERATORS = new Set(['$push', '$pull', '$pullAll', '$addToSet', '$pop'])
/** What @cloudbase/database's Aggregation builder can send, minus $geoNear. */
const PIPELINE_STAGES = new Set([
  '$addFields', '$bucket', '$bucketAuto', '$count', '$group', '$limit', '$lookup', '$match',
  '$project', '$replaceRoot', '$sample', '$skip', '$sort', '$sortByCount', '$unwind',
])
const SERVER_DATE_KEY = '$tcb_server_date'
const JS_REGEXP_FLAGS = new Set(['i', 'm', 's', 'u'])

export function isPlainObject(value: unknown): value is Document {
  if (typeof value !== 'object' || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function isOperatorObject(value: unknown): value is Document {
  return isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))
}

export interface DecodeOptions {
  /** The server time of this request: `db.serverDate({ offset })` becomes now + offset. */
  now: Date
  /** Queries may hold regular expressions; stored documents may not. */
  allowRegExp: boolean
}

/**
 * Turns a value parsed from the wire (relaxed EJSON) into what is matched or stored:
 * server dates become Dates, BSON regular expressions become RegExps, and anything
 * the store cannot keep faithfully (ObjectId, Decimal128, Binary, 64-bit integers) is refused.
 * Works in place: the parsed value belongs to this request.
 */
export function decodeValue(value: unknown, options: DecodeOptions): unknown {
  const type = typeof value
  if (value === null || value instanceof Date || type === 'string' || type === 'number' || type === 'boolean') return value
  if (value instanceof BSONRegExp) {
    if (!options.allowRegExp) throw invalidRequest('regular expressions cannot be stored in documents')
    return toRegExp(value)
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = decodeValue(value[index], options)
    return value
  }
  if (isPlainObject(value)) {
    const serverDate = value[SERVER_DATE_KEY]
    if (isPlainObject(serverDate)) return new Date(options.now.getTime() + Number(serverDate.offset ?? 0))
    for (const key of Object.keys(value)) value[key] = decodeValue(value[key], options)
    return value
  }
  throw unsupported('value type', typeof value === 'object' ? value.constructor.name : type)
}

function toRegExp(value: BSONRegExp): RegExp {
  for (const flag of value.options) {
    if (!JS_REGEXP_FLAGS.has(flag)) throw unsupported('regular expression option', flag)
  }
  return new RegExp(value.pattern, value.options)
}

export function validateQuery(query: Document): void {
  for (const [key, condition] of Object.entries(query)) {
    if (LOGICAL_OPERATORS.has(key)) {
      if (!Array.isArray(condition)) throw invalidRequest(`${key} needs an array of conditions`)
      for (const clause of condition) validateQuery(asDocument(clause, key))
    } else if (key === '$expr') {
      continue // an aggregation expression: mingo refuses unknown expression operators itself
    } else if (key.startsWith('$')) {
      throw unsupported('query operator', key)
    } else {
      validateCondition(condition)
    }
  }
}

function validateCondition(condition: unknown): void {
  if (!isOperatorObject(condition)) return
  for (const [operator, operand] of Object.entries(condition)) {
    if (!FIELD_OPERATORS.has(operator)) throw unsupported('query operator', operator)
    if (operator === '$elemMatch') {
      if (isOperatorObject(operand)) validateCondition(operand)
      else validateQuery(asDocument(operand, operator))
    } else if (operator === '$not') {
      validateCondition(operand)
    } else if (operator === '$all' && Array.isArray(operand)) {
      operand.forEach(validateCondition)
    }
  }
}

function asDocument(value: unknown, context: string): Document {
  if (!isPlainObject(value)) throw invalidRequest(`${context} needs an object`)
  return value
}

export function validateUpdate(update: Document): void {
  const operators = Object.keys(update)
  if (operators.length === 0) throw invalidRequest('an update needs at least one field')
  for (const operator of operators) {
    if (!UPDATE_OPERATORS.has(operator)) throw unsupported('update operator', operator)
    asDocument(update[operator], operator)
  }
}

export function validateReplacement(document: Document): void {
  const operator = Object.keys(document).find((key) => key.startsWith('$'))
  if (operator) {
    throw invalidRequest(`set() replaces the whole document and cannot use the update operator "${operator}"`)
  }
  if ('_id' in document) throw invalidRequest('set() cannot change _id')
}

/**
 * Applies update operators to `documents` (private copies, changed in place) and tells which changed.
 * `query` resolves the positional `field.$` path, as in MongoDB.
 */
export function applyUpdate(documents: Document[], update: Document, query: Document): boolean[] {
  for (const document of documents) rejectArrayOperatorsOnScalars(document, update)
  const paths = Object.values(update).flatMap((fields) => Object.keys(fields as Document))
  const positional = paths.some((path) => path.split('.').includes('$'))
  const before = documents.map(stringifyDocument)
  // One call for every document: mingo's per-call setup costs far more than applying the operators.
  updateMany(documents, positional ? query : {}, update)
  return documents.map((document, index) => stringifyDocument(document) !== before[index])
}

// mingo skips an array operator on a non-array field; MongoDB fails the write.
function rejectArrayOperatorsOnScalars(document: Document, update: Document): void {
  for (const [operator, fields] of Object.entries(update)) {
    if (!ARRAY_UPDATE_OPERATORS.has(operator)) continue
    for (const path of Object.keys(fields as Document)) {
      const current = valueAtPath(document, path)
      if (current !== undefined && !Array.isArray(current)) {
        const held = current === null ? 'null' : typeof current
        throw new LocalDatabaseError(
          'DATABASE_REQUEST_FAILED',
          `LocalDatabase: ${operator} needs an array, but field "${path}" holds ${held}`,
        )
      }
    }
  }
}

/** The value at a dotted path; through arrays it collects every element's value, like a multikey index. */
export function valueAtPath(document: unknown, path: string): unknown {
  if (!path.includes('.')) return isPlainObject(document) ? document[path] : undefined
  let current: unknown = document
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && !/^\d+$/.test(segment)) {
      current = current.flatMap((element) => {
        const inner = valueAtPath(element, segment)
        return inner === undefined ? [] : [inner]
      })
    } else if (Array.isArray(current) || isPlainObject(current)) {
      current = (current as Record<string, unknown>)[segment]
    } else {
      return undefined
    }
  }
  return current
}

export interface PipelineStage {
  name: string
  argument: unknown
}

export function validatePipeline(stages: PipelineStage[]): void {
  for (const { name, argument } of stages) {
    if (!PIPELINE_STAGES.has(name)) throw unsupported('aggregation stage', name)
    if (name === '$match') validateQuery(asDocument(argument, name))
  }
}
