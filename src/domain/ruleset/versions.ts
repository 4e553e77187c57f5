import { z } from 'zod'
import type { Org } from '../model'
import type { Period, PeriodCalendar } from '../time'
import { DEFAULT_RULESET } from './default-ruleset'
import { tighteningProblems, tightenRuleset } from './tighten'
import { timelineOf, type RulesetTimeline } from './timeline'
import { EFFECTIVE_KINDS, type EffectiveFrom, type EffectiveKind } from './effective'
import { rulesetSchema, type Ruleset } from './schema'

/**
 * Rulesets as the database keeps them (collection `rulesets`, one document per organization that
 * has rules of its own): the party committee's complete rulesets, a 党总支's tightenings, each a
 * list of versions that take effect from a month, semester or year on.
 */


const storedEffectiveFromSchema = z.object({ kind: z.enum(EFFECTIVE_KINDS), key: z.string(), label: z.string(), start: z.date() })

const versionFields = {
  /** null: in force from the beginning (the rules that applied before the first change). */
  effectiveFrom: storedEffectiveFromSchema.nullable(),
  savedBy: z.string().nullable(),
  savedByName: z.string(),
  savedAt: z.date(),
  /** The preset the rules were started from, if any. */
  preset: z.string().nullable(),
}

export const committeeVersionSchema = z.object({ ...versionFields, ruleset: rulesetSchema })
export const tighteningVersionSchema = z.object({
  ...versionFields,
  /** Only the fields the 党总支 made stricter, and the entries it added (see tighten.ts). */
  tightening: z.record(z.string(), z.unknown()),
})
export type CommitteeVersion = z.infer<typeof committeeVersionSchema>
export type TighteningVersion = z.infer<typeof tighteningVersionSchema>

export const storedRulesSchema = z.discriminatedUnion('orgKind', [
  z.object({
    _id: z.string(),
    orgKind: z.literal('party_committee'),
    /** Raised by every save: a save names the revision it was edited from (two admins at once: the second is refused). */
    revision: z.number().int().min(1),
    versions: z.array(committeeVersionSchema).min(1),
  }),
  z.object({ _id: z.string(), orgKind: z.literal('general_branch'), revision: z.number().int().min(1), versions: z.array(tighteningVersionSchema).min(1) }),
])
export type StoredRules = z.infer<typeof storedRulesSchema>
export type CommitteeRules = Extract<StoredRules, { orgKind: 'party_committee' }>
export type GeneralBranchRules = Extract<StoredRules, { orgKind: 'general_branch' }>

/** The organizations whose rules apply to an org: its party committee and (below it) its 党总支. */
export function rulesOrgIds(org: Pick<Org, '_id' | 'kind' | 'ancestorIds'>): { committeeId: string; generalBranchId: string | null } {
  if (org.kind === 'party_committee') return { committeeId: org._id, generalBranchId: null }
  const committeeId = org.ancestorIds[0] ?? org._id
  if (org.kind === 'general_branch') return { committeeId, generalBranchId: org._id }
  return { committeeId, generalBranchId: org.ancestorIds[1] ?? null }
}

const startOf = (version: { effectiveFrom: { start: Date } | null }) => version.effectiveFrom?.start ?? null
const byStart = <T extends { effectiveFrom: { start: Date } | null }>(versions: readonly T[]) =>
  [...versions].sort((a, b) => (startOf(a)?.getTime() ?? -Infinity) - (startOf(b)?.getTime() ?? -Infinity))

function versionAt<T extends { effectiveFrom: { start: Date } | null }>(versions: readonly T[], instant: Date): T | null {
  let found: T | null = null
  for (const version of byStart(versions)) if ((startOf(version)?.getTime() ?? -Infinity) <= instant.getTime()) found = version
  return found
}

/** The committee's ruleset in force at an instant (the default where it has none). */
export function committeeRulesetAt(committee: CommitteeRules | null, instant: Date): Ruleset {
  return (committee && versionAt(committee.versions, instant)?.ruleset) ?? DEFAULT_RULESET
}

export interface ComposedRules {
  timeline: RulesetTimeline
  /** A 党总支's tightening that no longer applies after a change of the committee's rules. */
  problems: string[]
}

const composed = new Map<string, ComposedRules>()
const COMPOSED_CACHE_SIZE = 64

/**
 * The rules of a branch (or any org) over time: the committee's versions, each period tightened by
 * the 党总支's version in force then. Documents are immutable per revision, so the result is
 * cached by revision.
 */
export function composeRules(
  committee: CommitteeRules | null,
  generalBranch: GeneralBranchRules | null,
  options: { cached: boolean } = { cached: true },
): ComposedRules {
  const key = `${committee?._id}@${committee?.revision}|${generalBranch?._id}@${generalBranch?.revision}`
  const known = options.cached ? composed.get(key) : undefined
  if (known) return known
  const starts = new Map<number, Date>()
  for (const version of [...(committee?.versions ?? []), ...(generalBranch?.versions ?? [])]) {
    const start = startOf(version)
    if (start) starts.set(start.getTime(), start)
  }
  const boundaries: (Date | null)[] = [null, ...[...starts.values()].sort((a, b) => a.getTime() - b.getTime())]
  const problems = new Set<string>()
  const versions = boundaries.map((from) => {
    const at = from ?? new Date(-8.64e15)
    const base = committeeRulesetAt(committee, at)
    const tightening = generalBranch ? versionAt(generalBranch.versions, at) : null
    if (!tightening) return { from, ruleset: base }
    const result = tightenRuleset(base, tightening.tightening)
    for (const problem of result.problems) problems.add(problem)
    return { from, ruleset: result.ruleset }
  })
  const result = { timeline: timelineOf(versions), problems: [...problems] }
  if (!options.cached) return result
  if (composed.size >= COMPOSED_CACHE_SIZE) composed.delete(composed.keys().next().value!)
  composed.set(key, result)
  return result
}

/** The period a version would take effect from, or the Chinese reason it cannot. */
export function effectivePeriod(effectiveFrom: EffectiveFrom, calendar: PeriodCalendar, now: Date): { period: Period } | { problem: string } {
  let period: Period
  try {
    period = calendar.periodFromKey(effectiveFrom.key)
  } catch {
    return { problem: '生效周期无效' }
  }
  if (period.kind !== effectiveFrom.kind) return { problem: '生效周期无效' }
  if (period.end.getTime() <= now.getTime()) return { problem: `${period.label}已经结束，已结束的周期按当时的规则评定，不能修改` }
  return { period }
}

/** Periods a version may take effect from: the current one and a few after it, for each kind. */
export function effectivePeriodChoices(calendar: PeriodCalendar, now: Date): Record<EffectiveKind, Period[]> {
  const ahead: Record<EffectiveKind, number> = { month: 6, semester: 3, year: 2 }
  const choices = {} as Record<EffectiveKind, Period[]>
  for (const kind of EFFECTIVE_KINDS) {
    const periods: Period[] = [calendar.periodOf(kind, now)]
    while (periods.length < ahead[kind]) periods.push(calendar.periodOf(kind, periods[periods.length - 1].end))
    choices[kind] = periods
  }
  return choices
}

/**
 * Why a ruleset cannot take effect from `period` (Chinese, one line per problem): the time zone
 * never changes; the semester dates change only from a year on (a semester is cut by the dates
 * of the year it belongs to); a 党总支 may only tighten `floor`, the committee's rules then.
 */
export function versionProblems(
  proposed: Ruleset,
  options: { period: Pick<Period, 'kind'>; inForce: Ruleset; floor: Ruleset | null },
): string[] {
  const problems: string[] = []
  if (proposed.timeZone !== options.inForce.timeZone) problems.push(`时区不能修改（${options.inForce.timeZone}）`)
  const semestersChanged = JSON.stringify(proposed.semesters) !== JSON.stringify(options.inForce.semesters)
  if (semestersChanged && options.period.kind !== 'year') problems.push('学期起止日期只能从某一年起调整，请把生效时间选为“从某年起”')
  if (options.floor) problems.push(...tighteningProblems(options.floor, proposed))
  return problems
}

/** The versions with one saved from `effectiveFrom` on: it replaces one of the same period, or goes in between. */
export function withVersion<V extends { effectiveFrom: { key: string; kind: string; start: Date } | null }>(versions: readonly V[], version: V): V[] {
  const key = version.effectiveFrom ? `${version.effectiveFrom.kind}:${version.effectiveFrom.key}` : null
  const others = versions.filter((existing) => (existing.effectiveFrom ? `${existing.effectiveFrom.kind}:${existing.effectiveFrom.key}` : null) !== key)
  // Two versions starting at the same instant (e.g. from 2027 and from 2027年1月): the newer save wins.
  const start = startOf(version)?.getTime() ?? null
  return byStart([...others.filter((existing) => (startOf(existing)?.getTime() ?? null) !== start), version])
}
