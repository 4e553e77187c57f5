import { entryTitle, expandPattern, fieldName, FIELDS, RECORDS, showValue, valueAt, type FieldSpec, type Tightening } from './fields'
import { checkRuleset, issueLines } from './issues'
import type { Ruleset, SpeakerRule } from './schema'

/**
 * A 党总支 may tighten the party committee's rules, never loosen them. What "tighter" means is
 * declared per field in `FIELDS` (`tighter`); additions are tighter only where a new entry adds an
 * obligation (a new activity type or requirement). A 党总支's rules are stored as the fields it
 * changed and combined with the committee's field by field, each taking the stricter value, so a
 * later change of the committee's rules can never leave a branch under looser ones.
 */

type Json = unknown

const includesAll = (superset: readonly unknown[], subset: readonly unknown[]) => subset.every((value) => superset.includes(value))

/**
 * Stricter speakers: any speaker rule instead of none; the same speakers, but every one of them
 * instead of any one; or, for every one of them, more roles (more people who must speak).
 */
function speakersTighter(base: SpeakerRule | null, next: SpeakerRule | null): boolean {
  if (base === null) return true
  if (next === null) return false
  if (base.each && !next.each) return false
  if (next.each) return includesAll(next.roles, base.roles) && (next.leadingCadres || !base.leadingCadres)
  return next.roles.length === base.roles.length && includesAll(next.roles, base.roles) && next.leadingCadres === base.leadingCadres
}

/** Whether `next` is at least as strict as `base` for a field of this kind (null counts as "none required"). */
export function isAtLeastAsStrict(tightening: Tightening, base: Json, next: Json): boolean {
  if (JSON.stringify(base) === JSON.stringify(next)) return true
  switch (tightening) {
    case 'higher':
      return base === null || (typeof next === 'number' && typeof base === 'number' && next >= base)
    case 'lower':
      return typeof next === 'number' && typeof base === 'number' && next <= base
    case 'on':
      return next === true
    case 'off':
      return next === false
    case 'more':
      return Array.isArray(next) && Array.isArray(base) && includesAll(next, base)
    case 'speakers':
      return speakersTighter(base as SpeakerRule | null, next as SpeakerRule | null)
    case 'fixed':
      return false
  }
}

/** Sets a value at a path, making the objects on the way. */
export function setAt(root: Record<string, Json>, path: readonly string[], value: Json): void {
  let node = root
  for (const part of path.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {}
    node = node[part] as Record<string, Json>
  }
  node[path[path.length - 1]] = value
}

export const clone = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** Entries of `next` that `base` lacks, in records where a new entry may be added by a 党总支. */
function additions(base: Json, next: Json): string[][] {
  return RECORDS.filter((record) => record.additionsTighten).flatMap((record) =>
    expandPattern([...record.path, '*'], base, next).filter((path) => valueAt(base, path) === undefined && valueAt(next, path) !== undefined),
  )
}

const within = (path: readonly string[], entries: readonly string[][]) =>
  entries.some((entry) => entry.length <= path.length && entry.every((part, index) => part === path[index]))

function eachChangedField(base: Json, next: Json, visit: (field: FieldSpec, path: string[], from: Json, to: Json) => void): void {
  const added = additions(base, next)
  for (const field of FIELDS) {
    for (const path of expandPattern(field.path, base, next)) {
      const from = valueAt(base, path)
      const to = valueAt(next, path)
      if (to === undefined || within(path, added) || JSON.stringify(from) === JSON.stringify(to)) continue
      visit(field, path, from, to)
    }
  }
}

/**
 * Why `proposed` is not a tightening of `base` (the party committee's rules), in Chinese, one
 * line per field; empty when it is one.
 */
export function tighteningProblems(base: Ruleset, proposed: Ruleset): string[] {
  const problems: string[] = []
  for (const record of RECORDS) {
    for (const path of expandPattern([...record.path, '*'], base, proposed)) {
      const title = entryTitle(path.slice(0, -1), path[path.length - 1], [base, proposed])
      const inBase = valueAt(base, path) !== undefined
      const inProposed = valueAt(proposed, path) !== undefined
      if (inBase && !inProposed) problems.push(`不能删除党委规定的${title}`)
      if (!inBase && inProposed && !record.additionsTighten && valueAt(base, path.slice(0, -1)) !== undefined) {
        problems.push(`${title}由党委统一设置，党总支不能新增`)
      }
    }
  }
  eachChangedField(base, proposed, (field, path, from, to) => {
    // A field of an entry the committee does not have was named with the entry above.
    if (from === undefined || isAtLeastAsStrict(field.tighter, from, to)) return
    const name = fieldName(path, proposed, base)
    problems.push(
      field.tighter === 'fixed'
        ? `${name}由党委统一规定，党总支不能修改`
        : `${name}不能比党委的规定更宽松（党委规定：${showValue(field, from, base)}，这里是：${showValue(field, to, proposed)}）`,
    )
  })
  return problems
}

/** What a 党总支's ruleset changes relative to the committee's: its new entries whole, and each changed field. */
export function tighteningOf(base: Ruleset, proposed: Ruleset): Record<string, Json> {
  const overrides: Record<string, Json> = {}
  for (const path of additions(base, proposed)) setAt(overrides, path, clone(valueAt(proposed, path)))
  eachChangedField(base, proposed, (_field, path, _from, to) => setAt(overrides, path, clone(to)))
  return overrides
}

/**
 * The committee's ruleset with a 党总支's tightening applied: its new entries, and every changed
 * field where it is still at least as strict as the committee's (else the committee's stands).
 * `problems` names what no longer applies (e.g. a requirement on an activity type the committee
 * has since removed); the committee's rules then stand unchanged.
 */
export function tightenRuleset(base: Ruleset, tightening: Record<string, Json>): { ruleset: Ruleset; problems: string[] } {
  const combined = clone(base) as unknown as Record<string, Json>
  for (const path of additions(base, tightening)) setAt(combined, path, clone(valueAt(tightening, path)))
  eachChangedField(base, tightening, (field, path, from, to) => {
    if (from !== undefined && isAtLeastAsStrict(field.tighter, from, to)) setAt(combined, path, clone(to))
  })
  const checked = checkRuleset(combined)
  return checked.ruleset ? { ruleset: checked.ruleset, problems: [] } : { ruleset: base, problems: issueLines(checked.issues) }
}
