import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ALL_COLLECTIONS, COLLECTIONS } from '../src/domain/collections'
import { MESSAGE_KINDS, type MessageKind } from '../src/domain/messages/model'
import { MESSAGE_TEMPLATES } from '../src/domain/messages/templates'
import type { ActionResult } from '../src/domain/contracts'
import type { CloudContext, CloudOpenApi, InvocationOrigin } from '../cloudfunctions/_shared/context'
import { requestFor } from '../cloudfunctions/_shared/origin'
import { rulesAccessOn } from '../cloudfunctions/_shared/rules'
import { CLOUD_FUNCTIONS, type DeployedFunctionName } from '../cloudfunctions/registry'
import { LocalDatabase } from './db/local-database'
import { LocalContentSecurity } from './content-security'
import { recoveryLog, SdkPath } from './sdk-path'
import { LocalStorage } from './storage'

export interface LocalCloudOptions {
  /** Folder for the database and stored files; null keeps everything in memory (tests). */
  dataDir: string | null
  /** The clock every function sees; tests pass a fixed one. */
  now?: () => Date
  publicBaseUrl?: () => string
  log?: (message: string, detail?: unknown) => void
  /** Reminder template id the app asks to subscribe to; a fixed dev id by default. */
  reminderTemplateId?: string | null
  /** Template ids of the messages' subscribe messages; fixed dev ids (`dev-alert` …) by default, null turns a kind off. */
  messageTemplates?: Partial<Record<MessageKind, string | null>>
  /**
   * How the functions reach the database, storage and WeChat APIs. 'embedded' (default): the Db runs
   * in process. 'sdk': the production context (cloudfunctions/_shared/production.ts), whose
   * @cloudbase/node-sdk and wx-server-sdk send their real signed requests to a local TcbEndpoint.
   */
  through?: 'embedded' | 'sdk'
}

/** Used when everything is in memory (tests): no file to keep a generated key in. */
export const DEV_CHECKIN_KEY = 'local-dev-checkin-key-not-for-production-use'
export const DEV_FILE_URL_KEY = 'local-dev-file-url-key-not-for-production-use'
export const DEV_REMINDER_TEMPLATE_ID = 'dev-activity-reminder'
export const DEV_MESSAGE_TEMPLATE_IDS = Object.fromEntries(MESSAGE_KINDS.map((kind) => [kind, `dev-${kind}`])) as Record<MessageKind, string>

/** A random key generated once per data folder and kept in it as `<name>` (never in the repository); `devKey` in memory. */
function keyFor(dataDir: string | null, name: string, devKey: string): string {
  if (!dataDir) return devKey
  const file = path.join(dataDir, name)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const key = randomBytes(32).toString('base64url')
  writeFileSync(file, key + '\n', { mode: 0o600 })
  return key
}

/**
 * The local stand-in for CloudBase: the same cloud-function code, one context per call
 * (caller identity, db, storage, clock), so many callers run concurrently in one process.
 */
export class LocalCloud {
  private constructor(
    /** The embedded database, or the SDK path with its endpoint (`through: 'sdk'`). */
    private readonly backend: { database: LocalDatabase } | { sdk: SdkPath },
    readonly storage: LocalStorage,
    /** Content checks: pass-through, tests queue 'pending'/'reject' answers (see content-security.ts). */
    readonly contentSecurity: LocalContentSecurity,
    private readonly options: Required<Pick<LocalCloudOptions, 'now' | 'log' | 'reminderTemplateId'>> & {
      checkinKey: string
      messageTemplates: Record<MessageKind, string | null>
    },
  ) {}

  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    const settings = {
      now: options.now ?? (() => new Date()),
      log: options.log ?? ((message: string, detail?: unknown) => console.error(message, detail)),
      reminderTemplateId: options.reminderTemplateId === undefined ? DEV_REMINDER_TEMPLATE_ID : options.reminderTemplateId,
      checkinKey: keyFor(options.dataDir, 'checkin.key', DEV_CHECKIN_KEY),
      messageTemplates: { ...DEV_MESSAGE_TEMPLATE_IDS, ...options.messageTemplates },
    }
    const dbDir = options.dataDir && path.join(options.dataDir, 'db')
    const storageRoot = options.dataDir ? path.join(options.dataDir, 'storage') : await memoryStorageRoot()
    const storage = new LocalStorage({
      root: storageRoot,
      publicBaseUrl: options.publicBaseUrl ?? (() => ''),
      now: settings.now,
      urlKey: keyFor(options.dataDir, 'file-url.key', DEV_FILE_URL_KEY),
    })
    const contentSecurity = new LocalContentSecurity()
    if (options.through === 'sdk') {
      const sdk = await SdkPath.start({
        dbDir,
        collections: ALL_COLLECTIONS,
        storage,
        contentSecurity,
        now: settings.now,
        log: settings.log,
        environment: {
          CHECKIN_TOKEN_SECRET: settings.checkinKey,
          REMINDER_TEMPLATE_ID: settings.reminderTemplateId ?? undefined,
          ...Object.fromEntries(MESSAGE_KINDS.map((kind) => [MESSAGE_TEMPLATES[kind].envVar, settings.messageTemplates[kind] ?? undefined])),
        },
      })
      return new LocalCloud({ sdk }, storage, contentSecurity, settings)
    }
    const database = await LocalDatabase.open({ dir: dbDir, collections: ALL_COLLECTIONS, onRecovery: recoveryLog(settings.log) })
    return new LocalCloud({ database }, storage, contentSecurity, settings)
  }

  /** The TcbEndpoint the SDKs talk to (`through: 'sdk'` only). */
  get endpoint() {
    return 'sdk' in this.backend ? this.backend.sdk.endpoint : null
  }

  readonly db = () => ('sdk' in this.backend ? this.backend.sdk.db() : this.backend.database.createDb({ now: this.options.now }))

  /** The context of one call: a client's (openid null: no identity) or the platform's (never an identity). */
  contextFor(openid: string | null, origin: InvocationOrigin = 'client'): CloudContext {
    if ('sdk' in this.backend) return this.backend.sdk.contextFor(openid, origin)
    const db = this.db()
    return {
      ...rulesAccessOn(db, this.options.log),
      openid: origin === 'client' ? openid : null,
      origin,
      db,
      storage: this.storage,
      now: this.options.now,
      log: this.options.log,
      openapi: this.openapiFor(db),
      secrets: { checkinKey: this.options.checkinKey },
      settings: { reminderTemplateId: this.options.reminderTemplateId, messageTemplates: this.options.messageTemplates },
      contentSecurity: this.contentSecurity,
    }
  }

  /** Subscribe messages land in the dev outbox (GET /dev/outbox); there is no mini program code locally. */
  private openapiFor(db: CloudContext['db']): CloudOpenApi {
    const now = this.options.now
    return {
      async sendSubscribeMessage(message) {
        await db.collection(COLLECTIONS.outbox.name).add({ kind: 'subscribeMessage', ...message, sentAt: now() })
      },
      getUnlimitedWxacode: async () => null,
    }
  }

  isFunction(name: string): name is DeployedFunctionName {
    return Object.hasOwn(CLOUD_FUNCTIONS, name)
  }

  /** A call from the app (as it arrives at /api/functions), under the caller's openid. */
  invoke(name: DeployedFunctionName, event: unknown, openid: string | null): Promise<ActionResult<unknown>> {
    return CLOUD_FUNCTIONS[name](event, this.contextFor(openid))
  }

  /** The functions CloudBase starts on a timer (manifest triggers); locally run on demand (POST /dev/timers/<name>). */
  timerFunctions(): DeployedFunctionName[] {
    return (Object.keys(CLOUD_FUNCTIONS) as DeployedFunctionName[]).filter((name) => CLOUD_FUNCTIONS[name].events.timer !== undefined)
  }

  /** What CloudBase does when the function's timer fires or WeChat pushes it an event. */
  invokeFromPlatform(name: DeployedFunctionName, origin: Exclude<InvocationOrigin, 'client'>, event: unknown = {}): Promise<ActionResult<unknown>> {
    const fn = CLOUD_FUNCTIONS[name]
    return fn(requestFor(event, origin, fn.events), this.contextFor(null, origin))
  }

  close(): Promise<void> {
    return 'sdk' in this.backend ? this.backend.sdk.close() : this.backend.database.close()
  }
}

async function memoryStorageRoot(): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  return mkdtemp(path.join(tmpdir(), 'zbt-storage-'))
}
