import { EJSON } from 'bson'
import { invalidRequest } from './errors'

/** @cloudbase/database sends queries and documents as canonical EJSON strings. */
export function parseExtendedJson(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw invalidRequest(`${what} must be an EJSON string`)
  return EJSON.parse(text, { relaxed: true })
}

/**
 * Encodes a stored document for the SDK, which decodes answers with `EJSON.parse`.
 * Stored documents hold only JSON values and Dates (the store refuses anything else),
 * so plain JSON with Dates as `$date` is exact, and much faster than `EJSON.stringify`.
 */
export function stringifyDocument(document: unknown): string {
  return JSON.stringify(document, encodeDate)
}

// JSON.stringify has already called Date#toJSON on `encoded`; the holder still has the Date.
function encodeDate(this: Record<string, unknown>, key: string, encoded: unknown): unknown {
  const original = this[key]
  return original instanceof Date ? { $date: { $numberLong: String(original.getTime()) } } : encoded
}
