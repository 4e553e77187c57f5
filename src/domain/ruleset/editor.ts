import type { EffectiveKind } from './effective'
import { entryTitle, expandPattern, fieldName, FIELDS, RECORDS, showValue, valueAt, type FieldInput, type FieldSpec } from './fields'
import { rulesetIssues } from './issues'
import type { Requirement, Ruleset } from './schema'
import { clone, setAt } from './tighten'
import { versionProblems } from './versions'

/**
 * The rules editor on the phone, as data: which fields a draft shows, grouped as people read
 * them; which a 党总支 may not touch; how typed text becomes a value; how entries are added; and
 * every problem of a draft (the schema's, by field, and the version's: time zone, semester dates,
 * tighten-only). The page only renders what this answers.
 */

type Json = unknown

export interface EditorField {
  path: string[]
  /** `path` joined with '.': the key of the field's problem and of its typed text. */
  key: string
  /** The name within its section ('每个周期至少次数'). */
  label: string
  input: FieldInput
  value: Json
  /** The value as people read it ('每月15日', '80 学时'). */
  shown: string
  /** A 党总支 cannot change it (the party committee sets it for all). */
  locked: boolean
  /** For a 党总支: the committee's value, the floor it may only tighten. */
  floor: string | null
}

export interface EditorSection {
  /** The section's path (an entry: ['requirements', 'theme_day_monthly']; a group: ['studyHours']). */
  path: string[]
  key: string
  title: string
  /** An entry of a record (activity type, requirement, sheet item, …). */
  entry: boolean
  /** The entry may be removed: a party committee's any, a 党总支's only those it added. */
  removable: boolean
  fields: EditorField[]
}

const joined = (path: readonly string[]) => path.join('.')
const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.every((part, index) => path[index] === part)

/** The section a field of the draft belongs to: the outermost entry it is in, else its top-level group. */
function sectionOf(path: readonly string[]): { path: string[]; entry: boolean } {
  for (const record of RECORDS) {
    const depth = record.path.length
    if (path.length > depth + 1 && record.path.every((part, index) => part === '*' || part === path[index])) {
      return { path: path.slice(0, depth + 1), entry: true }
    }
  }
  return { path: path[0] === 'studyHours' || path[0] === 'branchSetup' || path[0] === 'scoring' ? [path[0]] : ['general'], entry: false }
}

const GROUP_TITLES: Record<string, string> = {
  general: '学期、提醒与签到',
  studyHours: '学时',
  branchSetup: '支部设置',
  scoring: '达标测评表等次分数线',
}

/** The field's name inside its section: the entry's title dropped ('组织生活要求「主题党日（每月）」·启用' → '启用'). */
function labelWithin(path: string[], section: { path: string[]; entry: boolean }, title: string, draft: Ruleset): string {
  const name = fieldName(path, draft)
  if (!section.entry) return name
  return name.startsWith(title) ? name.slice(title.length).replace(/^(的|·)/, '') : name
}

/** Every field the draft shows, in sections: the general rules, then each entry (activity types, requirements, sheet items), then the groups. */
export function editorSections(draft: Ruleset, options: { floor: Ruleset | null }): EditorSection[] {
  const sections = new Map<string, EditorSection>()
  for (const field of FIELDS) {
    if (field.hidden) continue
    for (const path of expandPattern(field.path, draft, draft)) {
      const value = valueAt(draft, path)
      if (value === undefined) continue
      const section = sectionOf(path)
      const key = joined(section.path)
      const title = section.entry
        ? entryTitle(section.path.slice(0, -1), section.path[section.path.length - 1], [draft])
        : GROUP_TITLES[section.path[0]]
      if (!sections.has(key)) sections.set(key, { path: section.path, key, title, entry: section.entry, removable: section.entry && (options.floor === null || valueAt(options.floor, section.path) === undefined), fields: [] })
      const floorValue = options.floor ? valueAt(options.floor, path) : undefined
      sections.get(key)!.fields.push({
        path,
        key: joined(path),
        label: labelWithin(path, section, title, draft),
        input: field.input,
        value,
        shown: showValue(field, value, draft),
        locked: options.floor !== null && field.tighter === 'fixed' && floorValue !== undefined,
        floor: floorValue === undefined ? null : showValue(field, floorValue, options.floor),
      })
    }
  }
  const order = (section: EditorSection) => (section.entry ? 1 : section.key === 'general' ? 0 : 2)
  return [...sections.values()].sort((a, b) => order(a) - order(b))
}

/** The draft with one field (or entry) set; the draft itself is left as it was. */
export function withField(draft: Ruleset, path: readonly string[], value: Json): Ruleset {
  const next = clone(draft) as unknown as Record<string, Json>
  setAt(next, path, clone(value))
  return next as unknown as Ruleset
}

/** The draft without an entry (an activity type, a requirement, …). */
export function withoutEntry(draft: Ruleset, path: readonly string[]): Ruleset {
  const next = clone(draft)
  const parent = valueAt(next, path.slice(0, -1)) as Record<string, Json> | undefined
  if (parent) delete parent[path[path.length - 1]]
  return next
}

/** A new, unused id in a record: `prefix_1`, `prefix_2`, … (ids are ASCII and stable; people see labels). */
function freshId(record: Record<string, Json>, prefix: string): string {
  let number = 1
  while (`${prefix}_${number}` in record) number += 1
  return `${prefix}_${number}`
}

/** The draft with a new activity type (e.g. 支部班子集体学习) and a yearly requirement for it, for the admin to set its frequency. */
export function withNewActivityType(draft: Ruleset, label: string): { ruleset: Ruleset; activityTypeId: string; requirementId: string } {
  const activityTypeId = freshId(draft.activityTypes, 'custom')
  const withType = withField(draft, ['activityTypes', activityTypeId], { label: label.trim(), quorumShare: null, requiredEvidence: ['photo', 'minutes'] })
  const { ruleset, requirementId } = withNewRequirement(withType, activityTypeId)
  return { ruleset, activityTypeId, requirementId }
}

/** The draft with a new requirement on an activity type: once a year for the whole branch, until the admin sets otherwise. */
export function withNewRequirement(draft: Ruleset, activityTypeId: string): { ruleset: Ruleset; requirementId: string } {
  const requirementId = freshId(draft.requirements, activityTypeId)
  const requirement: Requirement = {
    activityTypeId,
    period: 'year',
    minCount: 1,
    audience: 'branch',
    applicability: 'always',
    speakers: null,
    fixedDayOfMonth: null,
    enabled: true,
  }
  return { ruleset: withField(draft, ['requirements', requirementId], requirement), requirementId }
}

/** What an input field shows for a value (the text a person edits). */
export function textOf(input: FieldInput, value: Json): string {
  if (value === null || value === undefined) return ''
  if (input.kind === 'share') return String(Math.round((value as number) * 1000) / 10)
  return String(value)
}

/**
 * Typed text as a field's value, or why it is not one. Limits are the schema's (see `draftProblems`);
 * this only reads the number. An empty share or day is "none".
 */
export function valueFromText(input: FieldInput, text: string): { value: Json } | { problem: string } {
  const trimmed = text.trim()
  switch (input.kind) {
    case 'text':
      return { value: text }
    case 'share':
    case 'dayOfMonth': {
      if (trimmed === '') return { value: null }
      const number = Number(trimmed)
      if (!Number.isFinite(number)) return { problem: '请输入数字' }
      return { value: input.kind === 'share' ? number / 100 : number }
    }
    case 'integer':
    case 'decimal': {
      if (trimmed === '') return { problem: '请填写' }
      const number = Number(trimmed)
      return Number.isFinite(number) ? { value: number } : { problem: '请输入数字' }
    }
    default:
      return { value: text }
  }
}

export interface DraftProblems {
  /** By field key (`EditorField.key`), or by a section's key for a problem of several fields. */
  byField: Record<string, string>
  /** Every problem, one Chinese line each, as the function would refuse the save. */
  all: string[]
}

/**
 * Every problem of a draft that would take effect from a period of `effectiveKind`: the schema's,
 * by field, with Chinese field names; then the version's (see `versionProblems`), a 党总支's
 * loosening among them.
 */
export function draftProblems(draft: Ruleset, options: { effectiveKind: EffectiveKind; inForce: Ruleset; floor: Ruleset | null }): DraftProblems {
  const issues = rulesetIssues(draft)
  if (issues.length > 0) {
    const byField: Record<string, string> = {}
    for (const issue of issues) byField[joined(issue.path)] ??= issue.message
    return { byField, all: issues.map((issue) => (issue.field ? `${issue.field}：${issue.message}` : issue.message)) }
  }
  return { byField: {}, all: versionProblems(draft, { period: { kind: options.effectiveKind }, inForce: options.inForce, floor: options.floor }) }
}

/** Problems about a section as a whole or several of its fields ('等次分数线必须满足…'), not about one field it shows. */
export function sectionProblems(problems: DraftProblems, section: EditorSection): string[] {
  const own = new Set(section.fields.map((field) => field.key))
  return Object.entries(problems.byField)
    .filter(([key]) => !own.has(key))
    .filter(([key]) => key.startsWith(`${section.key}.`) || section.fields.some((field) => startsWith(field.path, key.split('.'))))
    .map(([, message]) => message)
}

/** Whether a field is the kind typed on the keyboard (the rest are pickers, switches and chips). */
export const isTyped = (field: Pick<FieldSpec, 'input'>) => ['integer', 'decimal', 'text', 'share', 'dayOfMonth'].includes(field.input.kind)
