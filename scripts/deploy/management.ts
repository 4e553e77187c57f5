/**
 * The part of @cloudbase/manager-node the deploy uses, typed from the SDK itself so a fake
 * (test/support/fake-management.ts) must answer the same calls with the same shapes.
 */
import CloudBase from '@cloudbase/manager-node'
import type { CommonService } from '@cloudbase/manager-node/types/common'
import type { DatabaseService } from '@cloudbase/manager-node/types/database'
import type { FunctionService } from '@cloudbase/manager-node/types/function'
import type { AclType, StorageService } from '@cloudbase/manager-node/types/storage'

export interface Management {
  database: Pick<DatabaseService, 'checkCollectionExists' | 'createCollection' | 'describeCollection' | 'updateCollection'>
  functions: Pick<
    FunctionService,
    | 'getFunctionDetail'
    | 'createFunction'
    | 'updateFunctionCode'
    | 'updateFunctionConfig'
    | 'waitFunctionActive'
    | 'createFunctionTriggers'
    | 'deleteFunctionTrigger'
  >
  storage: { getStorageAcl(): Promise<AclType>; setStorageAcl: StorageService['setStorageAcl'] }
  /** TCB cloud API actions the SDK has no method for (database security rules: DescribeSafeRule, ModifySafeRule). */
  tcb: Pick<CommonService, 'call'>
}

export interface Credentials {
  envId: string
  secretId: string
  secretKey: string
  /** Only for temporary keys. */
  sessionToken?: string
}

export function managementOf({ envId, secretId, secretKey, sessionToken }: Credentials): Management {
  const manager = new CloudBase({ envId, secretId, secretKey, token: sessionToken })
  return {
    database: manager.database,
    functions: manager.functions,
    storage: manager.storage,
    tcb: manager.commonService('tcb', '2018-06-08'),
  }
}
