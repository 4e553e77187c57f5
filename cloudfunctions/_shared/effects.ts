import type { Activity, Org } from '../../src/domain/model'
import type { CloudContext } from './context'
import { collectionOf, findById, findOne } from './db'
import type { ActionCall, Effects } from './policy'
import {
  continueRulesRefresh,
  refreshBranchEverywhere,
  refreshBranchSummary,
  startRulesRefresh,
  summaryTargetsOf,
} from './summaries'

/**
 * The effects an action declares (see `Effects` in policy.ts): each names what the action changed,
 * and refreshes the summaries that read it once the handler has succeeded.
 */

type Select<Input, Access, Output, Value> = (call: ActionCall<Input, Access, Output>, context: CloudContext) => Value | Promise<Value>

/** Where an activity counted before the change (an edit may move it to another year or audience). */
export type ActivityPlacement = Pick<Activity, 'branchId' | 'audience' | 'startAt'>

/** An activity (its times, audience, status, attendance or 痕迹): the summaries of every branch it counts for, before and after. */
export function activityEffect<Input, Access, Output>(
  select: Select<Input, Access, Output, { activityId: string; before?: ActivityPlacement } | { activityIds: string[] } | null>,
): Effects<Input, Access, Output> {
  return {
    changes: '活动及其出勤、痕迹：刷新该活动所计入各支部当年的汇总',
    async apply(call, context) {
      const selected = await select(call, context)
      if (!selected) return
      const ids = 'activityIds' in selected ? selected.activityIds : [selected.activityId]
      const versions: ActivityPlacement[] = 'before' in selected && selected.before ? [selected.before] : []
      for (const activityId of new Set(ids)) {
        const activity = await findOne<Activity>(collectionOf(context.db, 'activities').where({ _id: activityId }))
        if (activity) versions.push(activity)
      }
      for (const { branchId, year } of await summaryTargetsOf(context, versions)) await refreshBranchSummary(context, branchId, year)
    },
  }
}

/** One branch's summary of one year (a manual score, an approved self-study). */
export function branchYearEffect<Input, Access, Output>(
  select: Select<Input, Access, Output, { branchId: string; year: number }>,
): Effects<Input, Access, Output> {
  return {
    changes: '人工评分或自学学时：刷新该支部当年的汇总',
    async apply(call, context) {
      const { branchId, year } = await select(call, context)
      await refreshBranchSummary(context, branchId, year)
    },
  }
}

/** A branch's roster, offices, flags, committee term or groups: every year it has a summary for. */
export function branchEffect<Input, Access, Output>(select: Select<Input, Access, Output, string[]>): Effects<Input, Access, Output> {
  return {
    changes: '支部的花名册、职务、党员标识、支委会任期或党小组：刷新该支部各年的汇总',
    async apply(call, context) {
      for (const branchId of new Set(await select(call, context))) await refreshBranchEverywhere(context, branchId)
    },
  }
}

/**
 * The org tree (an org added, renamed, moved or deleted, given as it was before the change): a
 * branch or its group refreshes the branch; a 党总支 renamed renames it in its branches' summaries.
 */
export function orgEffect<Input, Access, Output>(
  select: Select<Input, Access, Output, Pick<Org, '_id' | 'kind' | 'parentId'> | null>,
): Effects<Input, Access, Output> {
  return {
    changes: '组织架构：刷新所涉支部的汇总（党总支改名时改写其下各支部汇总中的名称）',
    async apply(call, context) {
      const org = await select(call, context)
      if (!org) return
      if (org.kind === 'branch') await refreshBranchEverywhere(context, org._id)
      if (org.kind === 'group' && org.parentId) await refreshBranchEverywhere(context, org.parentId)
      if (org.kind === 'general_branch') {
        const current = await findById(context.db, 'orgs', org._id)
        if (current) await collectionOf(context.db, 'branchSummaries').where({ ancestorIds: org._id }).update({ parentName: current.name })
      }
    },
  }
}

/** How long a ruleset save keeps refreshing before it answers; the page and the timer continue the rest. */
export const RULES_REFRESH_BUDGET_MS = 8_000

/** A ruleset of an org from a date on: every branch under it, in chunks (see `startRulesRefresh`). */
export function rulesEffect<Input, Access, Output>(
  select: Select<Input, Access, Output, { orgId: string; revision: number; from: Date } | null>,
): Effects<Input, Access, Output> {
  return {
    changes: '规则集：分批重算其下全部支部自生效年份起的汇总',
    async apply(call, context) {
      const change = await select(call, context)
      if (!change) return
      await startRulesRefresh(context, change)
      await continueRulesRefresh(context, change.orgId, RULES_REFRESH_BUDGET_MS)
    },
  }
}

/** Several effects, applied in order. */
export function effects<Input, Access, Output>(...parts: Effects<Input, Access, Output>[]): Effects<Input, Access, Output> {
  return {
    changes: parts.map((part) => part.changes).join('；'),
    async apply(call, context) {
      for (const part of parts) await part.apply(call, context)
    },
  }
}
