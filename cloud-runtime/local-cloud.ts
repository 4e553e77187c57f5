import path from 'node:path'
import { ALL_COLLECTIONS } from '../src/domain/collections'
import type { ActionResult, FunctionName } from '../src/domain/contracts'
import type { CloudContext } from '../cloudfunctions/_shared/context'
import { CLOUD_FUNCTIONS } from '../cloudfunctions/registry'
import { LocalDatabase } from './db/local-database'
import { LocalStorage } from './storage'

export interface LocalCloudOptions {
  /** Folder for the database and stored files; null keeps everything in memory (tests). */
  dataDir: string | null
  /** The clock every function sees; tests pass a fixed one. */
  now?: () => Date
  publicBaseUrl?: () => string
  log?: (message: string, detail?: unknown) => void
}

/**
 * The local stand-in for CloudBase: the same cloud-function code, one context per call
 * (caller identity, db, storage, clock), so many callers run concurrently in one process.
 */
export class LocalCloud {
  private constructor(
    readonly database: LocalDatabase,
    readonly storage: LocalStorage,
    private readonly options: Required<Pick<LocalCloudOptions, 'now' | 'log'>>,
  ) {}

  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    const now = options.now ?? (() => new Date())
    const database = await LocalDatabase.open({
      dir: options.dataDir && path.join(options.dataDir, 'db'),
      collections: ALL_COLLECTIONS,
    })
    const storageRoot = options.dataDir ? path.join(options.dataDir, 'storage') : await memoryStorageRoot()
    const storage = new LocalStorage(storageRoot, options.publicBaseUrl ?? (() => ''))
    return new LocalCloud(database, storage, { now, log: options.log ?? ((m, d) => console.error(m, d)) })
  }

  readonly db = () => this.database.createDb({ now: this.options.now })

  contextFor(openid: string | null): CloudContext {
    return { openid, db: this.db(), storage: this.storage, now: this.options.now, log: this.options.log }
  }

  isFunction(name: string): name is FunctionName {
    return Object.hasOwn(CLOUD_FUNCTIONS, name)
  }

  invoke(name: FunctionName, event: unknown, openid: string | null): Promise<ActionResult<unknown>> {
    return CLOUD_FUNCTIONS[name](event, this.contextFor(openid))
  }

  close(): Promise<void> {
    return this.database.close()
  }
}

async function memoryStorageRoot(): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  return mkdtemp(path.join(tmpdir(), 'zbt-storage-'))
}
