import { CLOUD_FUNCTIONS } from '../cloudfunctions/registry'

export const POLICY_TABLE_START = '<!-- 下表由 `npm run docs:policies` 从代码生成 -->'
export const POLICY_TABLE_END = '<!-- /policies -->'

/** Every action's declared policy (cloudfunctions/registry.ts) as the Markdown table of docs/SECURITY.md. */
export function policyTable(): string {
  const rows = Object.entries(CLOUD_FUNCTIONS).flatMap(([name, fn]) =>
    Object.entries(fn.policies).map(([action, policy]) => `| \`${name}.${action}\` | ${policy.who} | ${policy.target} |`),
  )
  return ['| 操作 action | 谁可以调用 who | 作用对象 target |', '|---|---|---|', ...rows].join('\n')
}

/** The document with its policy table replaced by the current one. */
export function withPolicyTable(document: string): string {
  const start = document.indexOf(POLICY_TABLE_START)
  const end = document.indexOf(POLICY_TABLE_END)
  if (start < 0 || end < start) throw new Error('docs/SECURITY.md: policy table markers not found')
  return `${document.slice(0, start + POLICY_TABLE_START.length)}\n${policyTable()}\n${document.slice(end)}`
}
