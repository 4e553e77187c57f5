import type { Ruleset } from '../ruleset/schema'
import { GRADE_LABELS, LIGHT_LABELS } from './labels'
import type { OverviewStats } from './stats'
import { overviewStats, type BranchSummary } from './summary'

/**
 * The dashboard's two measures, which answer different questions: 达标率 grades a year's work by
 * the 达标 sheet; the lights say whether anything is late now. A 基本达标 branch can be green and a
 * 达标 branch red. One line each, from the rules in force, so the text never drifts from them.
 */
export function measureExplanations(ruleset: Pick<Ruleset, 'dueSoonDays' | 'scoring'>): { qualifiedRate: string; lights: string } {
  const { qualified } = ruleset.scoring.gradeThresholds
  return {
    qualifiedRate: `达标率看全年质量：达标测评表得分 ${qualified} 分（${GRADE_LABELS.qualified}）及以上的支部占全部支部的比例，人工评分项未评时按 0 分计`,
    lights: `灯看时效：有要求过期未完成为${LIGHT_LABELS.red}；有要求临期（周期结束前 ${ruleset.dueSoonDays} 天内）或活动待补痕迹为${LIGHT_LABELS.amber}；其余为${LIGHT_LABELS.green}`,
  }
}

/** A branch directly under the party committee is listed under this name in the rollup. */
export const DIRECT_BRANCHES_LABEL = '直属党支部'

/** Lights and 达标率 per 党总支 (by the branches' parent), in the order the branches come. */
export function rollupByParent(rows: readonly Pick<BranchSummary, 'parentName' | 'light' | 'qualified'>[]): { orgName: string; stats: OverviewStats }[] {
  const byParent = new Map<string, Pick<BranchSummary, 'light' | 'qualified'>[]>()
  for (const row of rows) {
    const name = row.parentName || DIRECT_BRANCHES_LABEL
    byParent.set(name, [...(byParent.get(name) ?? []), row])
  }
  return [...byParent].map(([orgName, members]) => ({ orgName, stats: overviewStats(members) }))
}
