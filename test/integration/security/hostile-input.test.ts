import { createHash } from 'node:crypto'
import { LocalRequest } from '../../../cloud-runtime/db/local-request'
import { createRandom } from '../../../cloud-runtime/seed/random'
import { collectionOf, findAll } from '../../../cloudfunctions/_shared/db'
import { ALL_COLLECTIONS, COLLECTIONS, type CollectionKey } from '../../../src/domain/collections'
import { CONTRACTS, type FunctionContract } from '../../../src/domain/contracts'
import {
  alertsPlatformContract,
  complianceTimerContract,
  evidencePlatformContract,
  messagesPlatformContract,
  remindersPlatformContract,
  reportsPlatformContract,
} from '../../../src/domain/contracts/platform'
import { castOf, type Cast, type CallerKind } from '../authorization/cast'
import { invocationOf, MATRIX, PAYLOADS } from '../authorization/matrix'

jest.setTimeout(120_000)

/**
 * Hostile input to every action of every function: generated from each action's valid payload
 * (the authorization matrix's) with a fixed seed. Every answer must be a clear refusal or a
 * harmless read — never INTERNAL — and no call may write anything.
 */

const WRITE_ACTIONS = new Set(['database.insertDocument', 'database.modifyDocument', 'database.modifyAndReturnDoc', 'database.removeDocument', 'database.addCollection'])
let writes = 0
const send = LocalRequest.prototype.send
LocalRequest.prototype.send = function countingSend(this: LocalRequest, action: string, params?: Record<string, unknown>) {
  // Writes inside a transaction count once, at its commit.
  if (action === 'database.commitTransaction' || (WRITE_ACTIONS.has(action) && !params?.transactionId)) writes += 1
  return send.call(this, action, params)
}

const nest = (depth: number): unknown => (depth === 0 ? 'bottom' : { inner: nest(depth - 1) })
const withKey = (payload: unknown, key: string, value: unknown) =>
  // JSON.parse makes `__proto__` an own key, as a request body would.
  JSON.parse(JSON.stringify({ ...(payload as object) }).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value)}${Object.keys(payload as object).length ? ',' : ''}`))

/** Values no field takes: wrong types, operators, oversized, malformed text, non-finite numbers, deep nesting. */
const ALWAYS_BAD: unknown[] = [
  null, true, 12345, -1, 1e308, NaN, Infinity, -Infinity, [], [1, 2], {}, { $ne: null }, { $gt: '' }, { $regex: '.*' },
  { $where: 'sleep(100)' }, 'x'.repeat(1_000_000), '\uD800', 'a\u0000b', nest(40), new Date(Number.NaN),
]
/** Strings shaped like ids or paths: valid strings, so the action itself must refuse them. */
const ID_LIKE: unknown[] = [
  '../../etc/passwd', '..%2f..%2fsecret', 'cloud://local/../../storage/x', '..\\..\\x', '<script>alert(1)</script>',
  '😀党支部', '\u202eevil', ' ', "' OR '1'='1", '$where', '__proto__', 'constructor', 'org-cs-teacher/../org-fl-teacher',
]
const DATE_LIKE: unknown[] = ['not-a-date', '2026-13-45T25:61:00Z', '0000-00-00T00:00:00Z', '2026-02-30', '9'.repeat(30), '+275760-09-13T00:00:00.001Z']

const isIdLike = (key: string) => /(^id$|Id$|Ids$|token|Key$|month)/.test(key)
const isDateLike = (key: string) => /(At|On|Start)$/.test(key)

/**
 * A hostile variant of a valid payload: 'malformed' ones break the payload's shape (the schema
 * must refuse them, unless the value happens to be valid there, e.g. `true` for a flag); 'shaped'
 * ones are strings of a valid shape that the action itself must refuse or read harmlessly.
 */
interface Variant {
  kind: 'malformed' | 'shaped'
  payload: unknown
}

/** The hostile variants of one valid payload: the whole of it, each field (one level into objects), extra keys. */
function variants(base: unknown): Variant[] {
  const out: Variant[] = [null, 0, 'payload', [], true, nest(40), { $where: '1' }].map((payload) => ({ kind: 'malformed' as const, payload }))
  const fields = (object: Record<string, unknown>, path: string[]) => {
    for (const [key, value] of Object.entries(object)) {
      const set = (kind: Variant['kind'], replacement: unknown) => {
        const copy = structuredClone(base) as Record<string, unknown>
        let target = copy
        for (const step of path) target = target[step] as Record<string, unknown>
        target[key] = replacement
        out.push({ kind, payload: copy })
      }
      for (const bad of ALWAYS_BAD) set('malformed', bad)
      if (isIdLike(key)) for (const bad of ID_LIKE) set(Array.isArray(value) ? 'malformed' : 'shaped', bad)
      if (isDateLike(key)) for (const bad of DATE_LIKE) set('shaped', bad)
      if (Array.isArray(value)) {
        for (const bad of ALWAYS_BAD.slice(0, 8)) set('malformed', [bad])
        for (const bad of ID_LIKE) set('shaped', [bad])
      }
      if (value && typeof value === 'object' && !Array.isArray(value) && path.length === 0) fields(value as Record<string, unknown>, [key])
    }
  }
  if (base && typeof base === 'object') {
    fields(base as Record<string, unknown>, [])
    for (const key of ['__proto__', 'constructor', 'prototype', '$where', '_id', 'openid', 'caller']) {
      out.push({ kind: 'malformed', payload: withKey(base, key, key === '__proto__' ? { polluted: true } : { $ne: null }) })
    }
  }
  return out
}

const CONTRACT_OF: Record<string, FunctionContract> = {
  ...CONTRACTS,
  messages: { ...CONTRACTS.messages, ...messagesPlatformContract },
  alerts: { ...CONTRACTS.alerts, ...alertsPlatformContract },
  reports: { ...CONTRACTS.reports, ...reportsPlatformContract },
  reminders: { ...CONTRACTS.reminders, ...remindersPlatformContract },
  evidence: { ...CONTRACTS.evidence, ...evidencePlatformContract },
  'compliance-timer': complianceTimerContract,
}

async function digest(cast: Cast): Promise<string> {
  const hash = createHash('sha256')
  const db = cast.env.cloud.db()
  for (const collection of ALL_COLLECTIONS) {
    const key = (Object.keys(COLLECTIONS) as CollectionKey[]).find((name) => COLLECTIONS[name].name === collection.name)!
    const documents = await findAll<object>(collectionOf(db, key).where({}).orderBy('_id', 'asc')).catch(() => [])
    hash.update(collection.name).update(JSON.stringify(documents))
  }
  return hash.digest('hex')
}

describe('hostile input to every action', () => {
  let cast: Cast
  beforeAll(async () => {
    cast = await castOf()
  })
  afterAll(async () => {
    LocalRequest.prototype.send = send
    await cast.dispose()
  })

  it('never answers INTERNAL and never writes', async () => {
    const { pick } = createRandom(20261201)
    const bases = new Map<string, unknown>()
    // Valid payloads first: building them writes fixtures, which must happen before the digest.
    for (const [label] of MATRIX) bases.set(label, await PAYLOADS[label](cast, 'pcAdmin'))
    const before = await digest(cast)
    const problems: string[] = []
    let calls = 0
    for (const [label] of MATRIX) {
      const { fn, action } = invocationOf(label)
      const callers: CallerKind[] = fn === 'compliance-timer' || action === 'sendDue' || action === 'mediaCheckResult'
        ? ['platform']
        : ['members.me', 'members.claim', 'members.cancelClaim'].includes(`${fn}.${action}`) ? ['unbound', 'pcAdmin'] : ['pcAdmin']
      for (const { kind, payload } of variants(bases.get(label))) {
        // A generated value that is valid where it landed is not hostile (the matrix covers valid calls).
        const valid = CONTRACT_OF[fn][action].input.safeParse(payload ?? {}).success
        if (kind === 'malformed' && valid) continue
        const caller = pick(callers)
        const written = writes
        const answer = await cast.invoke(fn, action, payload, caller)
        calls += 1
        const shown = `${label} ${JSON.stringify(payload)?.slice(0, 120)}`
        if (answer.ok ? kind === 'malformed' : answer.error.code === 'INTERNAL') problems.push(`${shown} → ${answer.ok ? 'accepted' : 'INTERNAL'}`)
        if (!answer.ok && !/[\u4e00-\u9fa5]/.test(answer.error.message)) problems.push(`${shown} → no Chinese message`)
        if (writes !== written) problems.push(`${shown} → ${answer.ok ? 'accepted and wrote' : `${answer.error.code} but wrote`}`)
      }
    }
    expect(problems).toEqual([])
    expect(calls).toBeGreaterThan(2000)
    expect(await digest(cast)).toBe(before)
  })
})
