/**
 * The README's tables of collections and cloud functions, printed from the declarations
 * (src/domain/collections.ts, cloudfunctions/manifest.ts, src/domain/messages/templates.ts); test/unit/readme.test.ts checks the
 * README holds them verbatim. `npm run print:indexes` / `npm run print:functions` / `npm run print:templates` print them.
 */
import { FUNCTIONS } from '../cloudfunctions/manifest'
import { ALL_COLLECTIONS } from '../src/domain/collections'
import { RULESET_PRESETS } from '../src/domain/ruleset/presets'
import { MESSAGE_KIND_LABELS, MESSAGE_KINDS, MESSAGE_TEMPLATES } from '../src/domain/messages'

const code = (text: string) => `\`${text}\``

export function collectionTable(): string {
  const rows = ALL_COLLECTIONS.flatMap((collection) => {
    const lead = `| ${code(collection.name)} | ${collection.description} |`
    if (collection.indexes.length === 0) return [`${lead} — | — | 无索引（只需创建集合） |`]
    return collection.indexes.map((index) => {
      const fields = index.fields.map((field) => `${field.field} ${field.direction === 1 ? '升序' : '降序'}`).join(', ')
      const kind = index.unique ? (index.sparse ? '唯一（稀疏：仅有该字段的记录）' : '唯一') : '非唯一'
      return `${lead} ${code(index.name)} | ${fields} | ${kind} |`
    })
  })
  return ['| 集合 collection | 说明 | 索引名 index | 字段 fields | 属性 |', '|---|---|---|---|---|', ...rows].join('\n')
}

export function functionTable(): string {
  const rows = FUNCTIONS.map((manifest) => {
    const openapi = manifest.openapi.map(code).join('、') || '—'
    const triggers = manifest.triggers.map((trigger) => `${code(trigger.cron)}（${trigger.description}）`).join('、') || '—'
    const variables = manifest.environment.map((variable) => `${code(variable.name)}：${variable.description}`).join('；') || '—'
    return `| ${code(manifest.name)} | ${manifest.purpose} | ${manifest.timeoutSeconds} 秒 / ${manifest.memoryMb} MB | ${openapi} | ${triggers} | ${variables} |`
  })
  const steps = FUNCTIONS.flatMap((manifest) => manifest.manualSteps.map((step) => `- ${code(manifest.name)}：${step}`))
  return [
    '| 云函数 | 作用 | 超时 / 内存 | 开放接口权限 | 定时触发器（UTC+8） | 环境变量 |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '部署之后还需手动完成（接口不支持）：',
    '',
    ...steps,
  ].join('\n')
}

/** The ruleset presets (src/domain/ruleset/presets.ts): each rule that differs from the default, and where its document says so. */
export function presetTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|')
  const rows = RULESET_PRESETS.flatMap((preset) => preset.rules.map((rule) => `| ${cell(preset.label)} | ${cell(rule.rule)} | ${cell(rule.from)} |`))
  const sources = RULESET_PRESETS.map((preset) => `- ${preset.label}：${preset.source}`)
  return ['| 预设 | 规则 | 出处 |', '|---|---|---|', ...rows, '', ...sources].join('\n')
}

const RULE_LABELS = { thing: 'thing（≤ 20 个字符）', time: 'time（时间）', phrase: 'phrase（≤ 5 个汉字）' } as const

/** The subscribe-message template of each kind of message: what the deployer picks in the 公众平台. */
export function templateTable(): string {
  const rows = MESSAGE_KINDS.map((kind) => {
    const template = MESSAGE_TEMPLATES[kind]
    const fields = template.fields.map((field) => `${code(field.key)} ${field.name}：${RULE_LABELS[field.rule]}`).join('<br>')
    return `| ${MESSAGE_KIND_LABELS[kind]} | ${template.title} | ${code(template.envVar)} | ${fields} | ${template.usedFor} |`
  })
  return ['| 消息 | 模板（公共模板库中选同类） | 环境变量（messages 云函数） | 字段（key 关键词：类型） | 发给谁、何时 |', '|---|---|---|---|---|', ...rows].join('\n')
}
