/**
 * Recognises a unique-index violation, whichever layer surfaced it:
 * - wx-server-sdk: an Error with `errCode: -502001` and an `errMsg` that carries the
 *   MongoDB text ("collection.add:fail -502001 database request fail. ... E11000 duplicate key ...");
 * - @cloudbase/node-sdk: a TcbError with `code: 'DATABASE_REQUEST_FAILED'` and the same text in `message`;
 * - the local runtime: a LocalDatabaseError shaped like both of the above;
 * - a raw MongoDB driver error: `code: 11000`.
 * The MongoDB text is the one stable part, so it is what this checks.
 */
const DUPLICATE_KEY_TEXT = /E11000|duplicate key/i
const MONGO_DUPLICATE_KEY_CODE = 11000

export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, errCode, message, errMsg } = error as Record<string, unknown>
  if (code === MONGO_DUPLICATE_KEY_CODE || errCode === MONGO_DUPLICATE_KEY_CODE) return true
  return [message, errMsg].some((text) => typeof text === 'string' && DUPLICATE_KEY_TEXT.test(text))
}
