import { LIGHT_LABELS, type Light } from '../compliance/labels'

/** How one branch would change under proposed rules: its light and whether it is 达标 (or better), now and then. */
export interface BranchPreview {
  branchId: string
  branchName: string
  before: { light: Light; qualified: boolean }
  after: { light: Light; qualified: boolean }
}

/**
 * '按新规则，2026年将有 3 个支部变为红灯、1 个支部变为黄灯，2 个支部不再达标（已评估 6 个支部）': what the admin
 * reads before saving. `changes` lists only branches that change.
 */
export function previewSentence(changes: readonly BranchPreview[], options: { periodLabel: string; evaluated: number }): string {
  const lights = (['red', 'amber', 'green'] as const)
    .map((light) => [light, changes.filter((change) => change.after.light === light && change.before.light !== light).length] as const)
    .filter(([, count]) => count > 0)
    .map(([light, count]) => `${count} 个支部变为${LIGHT_LABELS[light]}`)
  const lost = changes.filter((change) => change.before.qualified && !change.after.qualified).length
  const gained = changes.filter((change) => !change.before.qualified && change.after.qualified).length
  const grades = [...(lost > 0 ? [`${lost} 个支部不再达标`] : []), ...(gained > 0 ? [`${gained} 个支部变为达标`] : [])]
  const evaluated = `（已评估 ${options.evaluated} 个支部）`
  if (lights.length === 0 && grades.length === 0) return `按新规则，${options.periodLabel}各支部的红黄绿灯和达标情况都不变${evaluated}`
  return `按新规则，${options.periodLabel}将有 ${[lights.join('、'), grades.join('、')].filter(Boolean).join('，')}${evaluated}`
}
