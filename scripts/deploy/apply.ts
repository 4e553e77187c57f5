/**
 * Brings a CloudBase environment to the declared state: reads what is there, changes only what
 * differs, and reports every change, what already matched and what must be done by hand.
 * A second run against the same environment changes nothing and says so.
 */
import type { CreateIndex, DropIndex, ICloudFunction, IndexInfo, MgoKeySchema } from '@cloudbase/manager-node/types/interfaces'
import type { IFunctionInfo } from '@cloudbase/manager-node/types/function/types'
import type { EnvironmentVariable, FunctionManifest } from '../../cloudfunctions/manifest'
import type { DesiredCollection, DesiredIndex, DesiredState } from './desired'
import type { Management } from './management'

export interface BuiltCode {
  /** Folder holding one built folder per function (dist/cloudfunctions). */
  rootDir: string
  /** Hash of each function's built folder, kept in the function's description to tell whether the code changed. */
  sha256: Record<string, string>
}

export interface VariableValues {
  /** A value the person deploying gave (environment or `--set NAME=value`), if any. */
  given(name: string): string | undefined
  /** Asks for a value; undefined when nobody can answer (no terminal) or the answer is empty. */
  ask(variable: EnvironmentVariable, functionName: string): Promise<string | undefined>
  generateSecret(): string
}

export interface DeployReport {
  changes: string[]
  unchanged: string[]
  manual: string[]
}

type IndexSchema = MgoKeySchema & { MgoIsSparse: boolean }

const NOT_FOUND = /^ResourceNotFound/

export async function applyDeployment(
  management: Management,
  desired: DesiredState,
  code: BuiltCode,
  values: VariableValues,
): Promise<DeployReport> {
  const report: DeployReport = { changes: [], unchanged: [], manual: [] }
  for (const collection of desired.collections) await ensureCollection(management, collection, report)
  for (const collection of desired.collections) await ensureRule(management, collection.name, desired.rule, report)
  await ensureStorageAcl(management, desired.storageAcl, report)
  for (const manifest of desired.functions) await ensureFunction(management, manifest, desired.runtime, code, values, report)
  report.manual.push(...manualStepsOf(desired))
  return report
}

// ---- collections and indexes ----

function indexSchemaOf(index: DesiredIndex): CreateIndex {
  const schema: IndexSchema = {
    MgoIndexKeys: index.keys.map(({ field, direction }) => ({ Name: field, Direction: String(direction) })),
    MgoIsUnique: index.unique,
    MgoIsSparse: index.sparse,
  }
  return { IndexName: index.name, MgoKeySchema: schema }
}

/** DescribeTable does not answer sparseness, so an index matches on its keys, their order and directions, and uniqueness. */
function sameIndex(existing: IndexInfo, index: DesiredIndex): boolean {
  return (
    existing.Unique === index.unique &&
    existing.Keys.length === index.keys.length &&
    existing.Keys.every((key, i) => key.Name === index.keys[i].field && Number(key.Direction) === index.keys[i].direction)
  )
}

async function ensureCollection(management: Management, collection: DesiredCollection, report: DeployReport): Promise<void> {
  const { database } = management
  const { Exists } = await database.checkCollectionExists(collection.name)
  if (!Exists) {
    await database.createCollection(collection.name)
    report.changes.push(`+ 集合 ${collection.name}`)
  }
  const existing = Exists ? ((await database.describeCollection(collection.name)).Indexes ?? []) : []
  const create: CreateIndex[] = []
  const drop: DropIndex[] = []
  for (const index of collection.indexes) {
    const current = existing.find((candidate) => candidate.Name === index.name)
    if (current && sameIndex(current, index)) {
      report.unchanged.push(`集合 ${collection.name} 索引 ${index.name}`)
      continue
    }
    if (current) {
      drop.push({ IndexName: index.name })
      report.changes.push(`~ 集合 ${collection.name} 索引 ${index.name}：与声明不同，删除后重建`)
    } else {
      report.changes.push(`+ 集合 ${collection.name} 索引 ${index.name}`)
    }
    create.push(indexSchemaOf(index))
  }
  for (const extra of existing.filter((index) => index.Name !== '_id_' && !collection.indexes.some((declared) => declared.name === index.Name))) {
    report.manual.push(`集合 ${collection.name} 有代码中未声明的索引 ${extra.Name}：部署不删除它，确认无用后可在控制台删除`)
  }
  // Drops go first in the same request, so a changed index is rebuilt under its own name.
  if (drop.length > 0) await database.updateCollection(collection.name, { DropIndexes: drop })
  if (create.length > 0) await database.updateCollection(collection.name, { CreateIndexes: create })
  if (Exists && create.length === 0) report.unchanged.push(`集合 ${collection.name}`)
}

// ---- security rules ----

function parseRule(rule: unknown): unknown {
  if (typeof rule !== 'string') return null
  try {
    return JSON.parse(rule)
  } catch {
    return null
  }
}

function sameRule(current: unknown, rule: Record<string, boolean>): boolean {
  if (typeof current !== 'object' || current === null) return false
  const entries = Object.entries(current)
  return entries.length === Object.keys(rule).length && entries.every(([key, value]) => rule[key] === value)
}

async function ensureRule(management: Management, collection: string, rule: Record<string, boolean>, report: DeployReport): Promise<void> {
  const current = (await management.tcb.call({ Action: 'DescribeSafeRule', Param: { CollectionName: collection } })) as {
    AclTag?: string
    Rule?: string | null
  }
  if (current.AclTag === 'CUSTOM' && sameRule(parseRule(current.Rule), rule)) {
    report.unchanged.push(`集合 ${collection} 安全规则`)
    return
  }
  await management.tcb.call({ Action: 'ModifySafeRule', Param: { CollectionName: collection, AclTag: 'CUSTOM', Rule: JSON.stringify(rule) } })
  report.changes.push(`~ 集合 ${collection} 安全规则 → ${JSON.stringify(rule)}（原为 ${current.AclTag ?? '未设置'}）`)
}

async function ensureStorageAcl(management: Management, acl: DesiredState['storageAcl'], report: DeployReport): Promise<void> {
  const current = await management.storage.getStorageAcl()
  if (current === acl) {
    report.unchanged.push(`云存储权限 ${acl}`)
    return
  }
  await management.storage.setStorageAcl(acl)
  report.changes.push(`~ 云存储权限 → ${acl}（仅创建者及管理员可读写；原为 ${current}）`)
}

// ---- functions ----

/** SCF descriptions allow letters, digits, spaces and Chinese: the code version rides along in it. */
export function descriptionOf(sha256: string): string {
  return `支部通云函数 代码版本 ${sha256.slice(0, 16)}`
}

async function functionDetail(management: Management, name: string): Promise<IFunctionInfo | null> {
  try {
    return await management.functions.getFunctionDetail(name)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && NOT_FOUND.test(code)) return null
    throw error
  }
}

/** A timer trigger's TriggerDesc is its cron, or `{"cron": …}` as SCF answers it. */
function cronOf(triggerDesc: string): string {
  const parsed = parseRule(triggerDesc) as { cron?: unknown } | null
  return typeof parsed?.cron === 'string' ? parsed.cron : triggerDesc
}

async function resolveVariables(
  manifest: FunctionManifest,
  deployed: Record<string, string>,
  values: VariableValues,
  report: DeployReport,
): Promise<Record<string, string>> {
  const resolved: Record<string, string> = {}
  // Variables someone set by hand stay: the deploy only owns the ones the manifest declares.
  for (const [name, value] of Object.entries(deployed)) {
    if (!manifest.environment.some((variable) => variable.name === name)) resolved[name] = value
  }
  for (const variable of manifest.environment) {
    const value = values.given(variable.name) ?? deployed[variable.name] ?? (await newValue(variable, manifest.name, values))
    if (value === undefined) {
      if (variable.source === 'ask') report.manual.push(`${manifest.name} 的环境变量 ${variable.name} 未设置：${variable.description}。再次部署时用环境变量 ${variable.name}=… 给出`)
      continue
    }
    resolved[variable.name] = value
  }
  return resolved
}

async function newValue(variable: EnvironmentVariable, functionName: string, values: VariableValues): Promise<string | undefined> {
  if (variable.source === 'secret') return values.generateSecret()
  if (variable.source === 'ask') return values.ask(variable, functionName)
  return undefined
}

function variablesOf(detail: IFunctionInfo): Record<string, string> {
  return Object.fromEntries((detail.Environment?.Variables ?? []).map(({ Key, Value }) => [Key, Value]))
}

function sameVariables(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

/** Names only: values of secrets are never printed. */
function variableNames(variables: Record<string, string>): string {
  return Object.keys(variables).join(', ') || '无'
}

async function ensureFunction(
  management: Management,
  manifest: FunctionManifest,
  runtime: string,
  code: BuiltCode,
  values: VariableValues,
  report: DeployReport,
): Promise<void> {
  const { functions } = management
  const { name } = manifest
  const sha256 = code.sha256[name]
  if (!sha256) throw new Error(`cloud function ${name} was not built`)
  const detail = await functionDetail(management, name)
  const envVariables = await resolveVariables(manifest, detail ? variablesOf(detail) : {}, values, report)
  const config: ICloudFunction = {
    name,
    description: descriptionOf(sha256),
    timeout: manifest.timeoutSeconds,
    memorySize: manifest.memoryMb,
    envVariables,
  }
  const triggers = manifest.triggers.map((trigger) => ({ name: trigger.name, type: 'timer', config: trigger.cron }))
  if (!detail) {
    await functions.createFunction({
      func: { ...config, runtime, handler: 'index.main', installDependency: true, triggers },
      functionRootPath: code.rootDir,
      force: false,
    })
    report.changes.push(
      `+ 云函数 ${name}（${runtime}，超时 ${manifest.timeoutSeconds} 秒，内存 ${manifest.memoryMb} MB，环境变量 ${variableNames(envVariables)}，定时触发器 ${triggers.map((t) => t.name).join(', ') || '无'}）`,
    )
    return
  }
  if (detail.Runtime !== runtime) {
    report.manual.push(`云函数 ${name} 的运行时是 ${detail.Runtime}，代码按 ${runtime} 构建：运行时只能在创建时设定，请在控制台删除该函数后再次部署`)
  }
  if (detail.Description !== config.description) {
    await functions.updateFunctionCode({ func: { name, installDependency: true }, functionRootPath: code.rootDir })
    report.changes.push(`~ 云函数 ${name} 代码（${config.description}）`)
  } else {
    report.unchanged.push(`云函数 ${name} 代码`)
  }
  const configChanged =
    detail.Description !== config.description ||
    detail.Timeout !== manifest.timeoutSeconds ||
    detail.MemorySize !== manifest.memoryMb ||
    !sameVariables(variablesOf(detail), envVariables)
  if (configChanged) {
    await functions.updateFunctionConfig(config)
    // SCF refuses trigger changes while the configuration update is still being applied.
    await functions.waitFunctionActive(name)
    report.changes.push(
      `~ 云函数 ${name} 配置（超时 ${manifest.timeoutSeconds} 秒，内存 ${manifest.memoryMb} MB，环境变量 ${variableNames(envVariables)}）`,
    )
  } else {
    report.unchanged.push(`云函数 ${name} 配置`)
  }
  await ensureTriggers(management, name, manifest, detail, report)
}

async function ensureTriggers(
  management: Management,
  name: string,
  manifest: FunctionManifest,
  detail: IFunctionInfo,
  report: DeployReport,
): Promise<void> {
  const existing = (detail.Triggers ?? []).filter((trigger) => trigger.Type === 'timer')
  const missing = []
  for (const trigger of manifest.triggers) {
    const current = existing.find((candidate) => candidate.TriggerName === trigger.name)
    if (current && cronOf(current.TriggerDesc) === trigger.cron) {
      report.unchanged.push(`云函数 ${name} 定时触发器 ${trigger.name}`)
      continue
    }
    if (current) await management.functions.deleteFunctionTrigger(name, trigger.name)
    missing.push({ name: trigger.name, type: 'timer', config: trigger.cron })
    report.changes.push(`${current ? '~' : '+'} 云函数 ${name} 定时触发器 ${trigger.name}（${trigger.cron}）`)
  }
  for (const stale of existing.filter((trigger) => !manifest.triggers.some((declared) => declared.name === trigger.TriggerName))) {
    await management.functions.deleteFunctionTrigger(name, stale.TriggerName)
    report.changes.push(`- 云函数 ${name} 定时触发器 ${stale.TriggerName}（代码中未声明）`)
  }
  if (missing.length > 0) await management.functions.createFunctionTriggers(name, missing)
}

// ---- what no API does ----

export function manualStepsOf(desired: DesiredState): string[] {
  const openapi = desired.functions.filter((manifest) => manifest.openapi.length > 0)
  return [
    ...openapi.map(
      (manifest) =>
        `云函数 ${manifest.name} 的开放接口权限 ${manifest.openapi.join('、')}：腾讯云管理接口不能设置微信云调用权限，它写在 dist/cloudfunctions/${manifest.name}/config.json 的 permissions.openapi 中，在微信开发者工具中右键该目录“上传并部署：云端安装依赖”一次即生效`,
    ),
    ...desired.functions.flatMap((manifest) => manifest.manualSteps.map((step) => `云函数 ${manifest.name}：${step}`)),
    '小程序：把 project.config.json 的 appid 改为你的 AppID，用 CLOUD_ENV_ID=<环境ID> npm run build:weapp 构建后在微信开发者工具中上传（小程序代码的上传需要微信的上传密钥，不属于云开发环境）',
  ]
}

export function formatReport(report: DeployReport): string {
  const lines = report.changes.length > 0 ? ['已修改：', ...report.changes.map((line) => `  ${line}`)] : ['没有需要修改的内容：环境已与代码中的声明一致。']
  lines.push(`已一致（未改动）：${report.unchanged.length} 项`)
  if (report.manual.length > 0) lines.push('', '需要手动完成：', ...report.manual.map((line, i) => `  ${i + 1}. ${line}`))
  return lines.join('\n')
}
