/**
 * A recording fake of the @cloudbase/manager-node surface the deploy uses (scripts/deploy/management.ts):
 * an in-memory environment that answers like the SDK (absent function → ResourceNotFound.Function,
 * a new collection has only `_id_`, creating an index that exists fails) and records every call.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { IFunctionInfo } from '@cloudbase/manager-node/types/function/types'
import type { CreateIndex, ICloudFunction, ICloudFunctionTrigger, IndexInfo } from '@cloudbase/manager-node/types/interfaces'
import type { AclType } from '@cloudbase/manager-node/types/storage'
import type { Management } from '../../scripts/deploy/management'

export interface RecordedCall {
  method: string
  args: unknown[]
}

interface FakeFunction {
  runtime: string
  description: string
  timeout: number
  memorySize: number
  variables: Record<string, string>
  triggers: { name: string; cron: string }[]
  codeUploads: number
}

/** Calls that only read; everything else changes the environment. */
const READS = new Set([
  'database.checkCollectionExists',
  'database.describeCollection',
  'functions.getFunctionDetail',
  'functions.waitFunctionActive',
  'storage.getStorageAcl',
  'tcb.DescribeSafeRule',
])

const response = { RequestId: 'fake-request' }

export class FakeManagement implements Management {
  readonly calls: RecordedCall[] = []
  readonly collections = new Map<string, IndexInfo[]>()
  readonly rules = new Map<string, { AclTag: string; Rule: string | null }>()
  readonly functionsByName = new Map<string, FakeFunction>()
  /** CloudBase's default for a new environment: everyone reads, creators write. */
  storageAcl: AclType = 'READONLY'

  writes(): RecordedCall[] {
    return this.calls.filter((call) => !READS.has(call.method))
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args: structuredClone(args) })
  }

  private collection(name: string): IndexInfo[] {
    const indexes = this.collections.get(name)
    if (!indexes) throw Object.assign(new Error(`collection ${name} does not exist`), { code: 'ResourceNotFound' })
    return indexes
  }

  private fn(name: string): FakeFunction {
    const found = this.functionsByName.get(name)
    if (!found) throw Object.assign(new Error(`function ${name} not found`), { code: 'ResourceNotFound.Function' })
    return found
  }

  readonly database: Management['database'] = {
    checkCollectionExists: async (name) => {
      this.record('database.checkCollectionExists', name)
      return { ...response, Exists: this.collections.has(name) }
    },
    createCollection: async (name) => {
      this.record('database.createCollection', name)
      if (this.collections.has(name)) throw Object.assign(new Error(`collection ${name} exists`), { code: 'ResourceInUse' })
      this.collections.set(name, [{ Name: '_id_', Size: 0, Unique: true, Keys: [{ Name: '_id', Direction: '1' }], Accesses: { Ops: 0, Since: '' } }])
      this.rules.set(name, { AclTag: 'ADMINONLY', Rule: null })
      return response
    },
    describeCollection: async (name) => {
      this.record('database.describeCollection', name)
      const indexes = this.collection(name)
      return { ...response, Indexes: structuredClone(indexes), IndexNum: indexes.length }
    },
    updateCollection: async (name, { CreateIndexes = [], DropIndexes = [] }) => {
      this.record('database.updateCollection', name, { CreateIndexes, DropIndexes })
      const indexes = this.collection(name)
      for (const { IndexName } of DropIndexes) {
        const at = indexes.findIndex((index) => index.Name === IndexName)
        if (at === -1) throw new Error(`index ${IndexName} does not exist`)
        indexes.splice(at, 1)
      }
      for (const { IndexName, MgoKeySchema } of CreateIndexes as CreateIndex[]) {
        if (indexes.some((index) => index.Name === IndexName)) throw new Error(`index ${IndexName} exists`)
        indexes.push({ Name: IndexName, Size: 0, Unique: MgoKeySchema.MgoIsUnique, Keys: MgoKeySchema.MgoIndexKeys, Accesses: { Ops: 0, Since: '' } })
      }
      return response
    },
  }

  readonly tcb: Management['tcb'] = {
    call: async ({ Action, Param }) => {
      this.record(`tcb.${Action}`, Param)
      const name = String(Param.CollectionName)
      this.collection(name)
      if (Action === 'DescribeSafeRule') return { ...response, ...this.rules.get(name) }
      if (Action === 'ModifySafeRule') {
        this.rules.set(name, { AclTag: String(Param.AclTag), Rule: typeof Param.Rule === 'string' ? Param.Rule : null })
        return response
      }
      throw new Error(`FakeManagement: unknown action ${Action}`)
    },
  }

  readonly storage: Management['storage'] = {
    getStorageAcl: async () => {
      this.record('storage.getStorageAcl')
      return this.storageAcl
    },
    setStorageAcl: async (acl) => {
      this.record('storage.setStorageAcl', acl)
      this.storageAcl = acl
      return response
    },
  }

  readonly functions: Management['functions'] = {
    getFunctionDetail: async (name) => {
      this.record('functions.getFunctionDetail', name)
      const found = this.fn(name)
      const detail: Partial<IFunctionInfo> = {
        FunctionName: name,
        Runtime: found.runtime,
        Description: found.description,
        Timeout: found.timeout,
        MemorySize: found.memorySize,
        Environment: { Variables: Object.entries(found.variables).map(([Key, Value]) => ({ Key, Value })) },
        // SCF answers a timer's TriggerDesc as JSON.
        Triggers: found.triggers.map((trigger) => ({ Name: trigger.name, TriggerName: trigger.name, Type: 'timer', Config: '', TriggerDesc: JSON.stringify({ cron: trigger.cron }) })),
        ...response,
      }
      return detail as IFunctionInfo
    },
    createFunction: async ({ func, functionRootPath }) => {
      this.record('functions.createFunction', { func, functionRootPath })
      if (this.functionsByName.has(func.name)) throw Object.assign(new Error('exists'), { code: 'ResourceInUse.Function' })
      this.requireCode(functionRootPath, func.name)
      this.functionsByName.set(func.name, {
        runtime: func.runtime ?? 'Nodejs10.15',
        description: func.description ?? '',
        timeout: func.timeout ?? 3,
        memorySize: func.memorySize ?? 256,
        variables: stringValues(func.envVariables),
        triggers: (func.triggers ?? []).map((trigger) => ({ name: trigger.name, cron: trigger.config })),
        codeUploads: 1,
      })
      return response
    },
    updateFunctionCode: async ({ func, functionRootPath }) => {
      this.record('functions.updateFunctionCode', { func, functionRootPath })
      this.requireCode(functionRootPath, func.name)
      this.fn(func.name).codeUploads += 1
      return response
    },
    updateFunctionConfig: async (func: ICloudFunction) => {
      this.record('functions.updateFunctionConfig', func)
      const found = this.fn(func.name)
      if (func.description !== undefined) found.description = func.description
      if (func.timeout !== undefined) found.timeout = func.timeout
      if (func.memorySize !== undefined) found.memorySize = func.memorySize
      // UpdateFunctionConfiguration replaces the variables when it is given any.
      if (func.envVariables && Object.keys(func.envVariables).length > 0) found.variables = stringValues(func.envVariables)
      return response
    },
    waitFunctionActive: async (name) => {
      this.record('functions.waitFunctionActive', name)
      this.fn(name)
    },
    createFunctionTriggers: async (name: string, triggers: ICloudFunctionTrigger[] = []) => {
      this.record('functions.createFunctionTriggers', name, triggers)
      const found = this.fn(name)
      for (const trigger of triggers) {
        if (found.triggers.some((existing) => existing.name === trigger.name)) throw new Error(`trigger ${trigger.name} exists`)
        found.triggers.push({ name: trigger.name, cron: trigger.config })
      }
      return response
    },
    deleteFunctionTrigger: async (name, triggerName) => {
      this.record('functions.deleteFunctionTrigger', name, triggerName)
      const found = this.fn(name)
      found.triggers = found.triggers.filter((trigger) => trigger.name !== triggerName)
      return response
    },
  }

  private requireCode(root: string | undefined, name: string): void {
    if (!root || !existsSync(path.join(root, name, 'index.js'))) throw new Error(`no built code for ${name} under ${root}`)
  }
}

function stringValues(variables: ICloudFunction['envVariables']): Record<string, string> {
  return Object.fromEntries(Object.entries(variables ?? {}).map(([key, value]) => [key, String(value)]))
}
