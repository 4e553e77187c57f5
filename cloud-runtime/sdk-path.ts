/**
 * The production path, locally: contexts made by cloudfunctions/_shared/production.ts from the real
 * @cloudbase/node-sdk database and wx-server-sdk, both pointed at a TcbEndpoint that executes their
 * signed HTTP requests on the local engine and storage. Only the caller's identity is handed in
 * per call (on CloudBase, getWXContext reads it from the invocation's environment, one call per instance).
 */
import tcb from '@cloudbase/node-sdk'
import type { Db } from '@cloudbase/database'
import cloud from 'wx-server-sdk'
import type { CollectionDefinition } from '../src/domain/collections'
import type { CloudContext, InvocationOrigin } from '../cloudfunctions/_shared/context'
import { contextOn, type WxServer } from '../cloudfunctions/_shared/production'
import type { LocalContentSecurity } from './content-security'
import { DatabaseEngine } from './db/engine'
import { DEFAULT_TRANSACTION_TIMEOUT_MS } from './db/local-database'
import type { LocalStorage } from './storage'
import { TcbEndpoint } from './tcb-endpoint'

export interface SdkPathOptions {
  dbDir: string | null
  collections: CollectionDefinition[]
  /** The runtime's storage; the endpoint answers the SDK's storage requests with it. */
  storage: LocalStorage
  contentSecurity: LocalContentSecurity
  now: () => Date
  log: CloudContext['log']
  environment: Record<string, string | undefined>
}

const ENV_ID = 'local-sdk'
/** Keys the endpoint checks the requests' TC3 signatures with; nothing leaves this machine. */
const CREDENTIALS = { secretId: 'local-secret-id', secretKey: 'local-secret-key' }

/**
 * Variables CloudBase sets for every function instance. With them the SDKs know they run on the platform
 * and do not probe Tencent Cloud's metadata service on each request, whose failing DNS lookups would
 * otherwise fill libuv's thread pool here and stall the database files behind them.
 */
const FUNCTION_INSTANCE_ENVIRONMENT = { TENCENTCLOUD_RUNENV: 'SCF', SCF_NAMESPACE: ENV_ID, TCB_ENV: ENV_ID, TENCENTCLOUD_REGION: 'ap-shanghai' }

/** getWXContext().SOURCE for each origin (see cloudfunctions/_shared/origin.ts): a push is any other source. */
const SOURCES: Record<InvocationOrigin, string> = { client: 'wx_client', timer: 'wx_trigger', push: 'wx_unknown' }

/** wx-server-sdk's `createNewInstance` (untyped): an independent instance with its own init config. */
type WxServerSdk = { createNewInstance(config: Record<string, unknown>): WxServer }

/** What the runtime says when opening its database rolled back a transaction the last process left unfinished. */
export function recoveryLog(log: CloudContext['log']): (restoredFiles: string[]) => void {
  return (files) => log('本地数据库：上次退出时有未完成的事务，已回滚', files)
}

export class SdkPath {
  private constructor(
    readonly endpoint: TcbEndpoint,
    private readonly engine: DatabaseEngine,
    private readonly wx: WxServer,
    private readonly database: Db,
    private readonly options: SdkPathOptions,
  ) {}

  static async start(options: SdkPathOptions): Promise<SdkPath> {
    Object.assign(process.env, FUNCTION_INSTANCE_ENVIRONMENT)
    const engine = await DatabaseEngine.open({
      dir: options.dbDir,
      collections: options.collections,
      transactionTimeoutMs: DEFAULT_TRANSACTION_TIMEOUT_MS,
      onRecovery: recoveryLog(options.log),
    })
    const endpoint = await TcbEndpoint.start({
      engine,
      storage: options.storage,
      contentSecurity: options.contentSecurity,
      now: options.now,
      credentials: CREDENTIALS,
    })
    // keepalive off: CloudBase functions do not keep sockets either, and tests end without open handles.
    const config = { env: ENV_ID, serviceUrl: endpoint.serviceUrl, ...CREDENTIALS, keepalive: false }
    const wx = (cloud as unknown as WxServerSdk).createNewInstance(config)
    return new SdkPath(endpoint, engine, wx, tcb.init(config).database(), options)
  }

  db(): Db {
    return this.database
  }

  contextFor(openid: string | null, origin: InvocationOrigin): CloudContext {
    const wxContext = { OPENID: openid ?? '', SOURCE: SOURCES[origin] }
    const wx: WxServer = { ...this.wx, getWXContext: () => wxContext as ReturnType<WxServer['getWXContext']> }
    return contextOn({ wx, database: this.database, environment: this.options.environment, now: this.options.now, log: this.options.log })
  }

  async close(): Promise<void> {
    await this.endpoint.close()
    await this.engine.close()
  }
}
