/**
 * Errors of the local database, shaped like what production code catches:
 * `code` like @cloudbase/node-sdk's TcbError, `errCode`/`errMsg` like wx-server-sdk's errors.
 */
export type LocalErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'INVALID_PARAM'

// wx-server-sdk maps the TcbError code to these numbers; codes it does not know become SYS_ERR.
const WX_ERR_CODES: Partial<Record<LocalErrorCode, number>> = {
  DATABASE_REQUEST_FAILED: -502001,
  DATABASE_INVALID_OPERRATOR: -502002,
  DATABASE_COLLECTION_NOT_EXIST: -502005,
  INVALID_PARAM: -501007,
}
const WX_SYS_ERR = -501001

export class LocalDatabaseError extends Error {
  readonly errCode: number
  readonly errMsg: string

  constructor(
    readonly code: LocalErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'LocalDatabaseError'
    this.errCode = WX_ERR_CODES[code] ?? WX_SYS_ERR
    this.errMsg = message
  }
}

export function unsupported(kind: string, name: string): LocalDatabaseError {
  return new LocalDatabaseError('DATABASE_INVALID_OPERRATOR', `LocalDatabase: unsupported ${kind} "${name}"`)
}

export function invalidRequest(message: string): LocalDatabaseError {
  return new LocalDatabaseError('INVALID_PARAM', `LocalDatabase: ${message}`)
}

/** Same wording as MongoDB's E11000, which CloudBase passes through. */
export function duplicateKeyError(
  collection: string,
  indexName: string,
  key: Record<string, unknown>,
): LocalDatabaseError {
  const keyText = Object.entries(key)
    .map(([field, value]) => `${field}: ${JSON.stringify(value) ?? 'null'}`)
    .join(', ')
  return new LocalDatabaseError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: ${indexName} dup key: { ${keyText} }`,
  )
}
