/** The dry run: what a deploy ensures, from the declarations alone (no network, no credentials). */
import type { FunctionManifest } from '../../cloudfunctions/manifest'
import { manualStepsOf } from './apply'
import type { DesiredIndex, DesiredState } from './desired'

export interface PlanEntry {
  kind: 'collection' | 'index' | 'rule' | 'storage' | 'function' | 'trigger' | 'variable'
  /** `collection`, `collection.index`, `function`, `function.trigger`, `function.VARIABLE`. */
  target: string
  detail: string
}

function indexDetail(index: DesiredIndex): string {
  const keys = index.keys.map(({ field, direction }) => `${field} ${direction === 1 ? '升序' : '降序'}`).join(', ')
  return `${keys}${index.unique ? '，唯一' : ''}${index.sparse ? '，稀疏' : ''}`
}

function functionEntries(manifest: FunctionManifest, runtime: string): PlanEntry[] {
  const openapi = manifest.openapi.length > 0 ? `，开放接口权限 ${manifest.openapi.join('、')}` : ''
  return [
    {
      kind: 'function',
      target: manifest.name,
      detail: `${runtime}，超时 ${manifest.timeoutSeconds} 秒，内存 ${manifest.memoryMb} MB，云端安装 ${['wx-server-sdk', '@cloudbase/node-sdk', ...manifest.packages].join('、')}${openapi}`,
    },
    ...manifest.triggers.map((trigger) => ({ kind: 'trigger' as const, target: `${manifest.name}.${trigger.name}`, detail: `定时 ${trigger.cron}（${trigger.description}）` })),
    ...manifest.environment.map((variable) => ({
      kind: 'variable' as const,
      target: `${manifest.name}.${variable.name}`,
      detail: { secret: '密钥：取自环境变量，否则保留已部署的值，否则随机生成', ask: '取自环境变量，否则保留已部署的值，否则询问', optional: '可选：取自环境变量或保留已部署的值' }[variable.source],
    })),
  ]
}

export function planOf(desired: DesiredState): PlanEntry[] {
  return [
    ...desired.collections.flatMap((collection) => [
      { kind: 'collection' as const, target: collection.name, detail: collection.indexes.length === 0 ? '无索引' : `${collection.indexes.length} 个索引` },
      ...collection.indexes.map((index) => ({ kind: 'index' as const, target: `${collection.name}.${index.name}`, detail: indexDetail(index) })),
      { kind: 'rule' as const, target: collection.name, detail: JSON.stringify(desired.rule) },
    ]),
    { kind: 'storage', target: '云存储', detail: `权限 ${desired.storageAcl}（仅创建者及管理员可读写）` },
    ...desired.functions.flatMap((manifest) => functionEntries(manifest, desired.runtime)),
  ]
}

const KIND_LABELS: Record<PlanEntry['kind'], string> = {
  collection: '集合',
  index: '  索引',
  rule: '  安全规则',
  storage: '云存储',
  function: '云函数',
  trigger: '  定时触发器',
  variable: '  环境变量',
}

export function formatPlan(desired: DesiredState): string {
  const lines = planOf(desired).map((entry) =>
    entry.kind === 'rule' || entry.kind === 'storage' ? `${KIND_LABELS[entry.kind]}：${entry.detail}` : `${KIND_LABELS[entry.kind]} ${entry.target}：${entry.detail}`,
  )
  return [
    '部署计划（--dry-run：只读代码中的声明，不连网络、不需要密钥；真正部署时只修改与之不同的部分）：',
    ...lines,
    '',
    '需要手动完成：',
    ...manualStepsOf(desired).map((line, i) => `  ${i + 1}. ${line}`),
  ].join('\n')
}
