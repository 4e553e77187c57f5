import { BRANCH_ROLE_LABELS, BRANCH_ROLES, EVIDENCE_KINDS, type BranchRole, type EvidenceKind } from '../model'
import { PERIOD_KINDS, type PeriodKind } from '../time'
import { activityTypeLabel, speakerLabel } from './labels'
import {
  APPLICABILITIES,
  REQUIREMENT_AUDIENCE_LABELS,
  REQUIREMENT_AUDIENCES,
  SETUP_CHECK_LABELS,
  type Applicability,
  type Requirement,
  type Ruleset,
  type SetupCheckId,
  type SpeakerRule,
} from './schema'

/**
 * Every field of a ruleset as people see it, declared once: its Chinese name (validation
 * messages, the change log, the form), how it is entered on the phone, how a value is shown,
 * and what "tighter" means for it (a 党总支 may only tighten the party committee's rules).
 */

export const PERIOD_LABELS: Record<PeriodKind, string> = { month: '每月', quarter: '每季度', semester: '每学期', year: '每年' }
export const APPLICABILITY_LABELS: Record<Applicability, string> = {
  always: '所有支部',
  has_committee: '设支委会的支部',
  has_groups: '划分党小组的支部',
}
export const EVIDENCE_LABELS: Record<EvidenceKind, string> = { photo: '照片', minutes: '会议记录' }
export const SEVERITY_FROM_LABELS = { warning: '提醒起扣分', violation: '不符合时扣分' } as const
export const SCORING_METHOD_LABELS = {
  manual: '人工评分',
  setup_checks: '按支部设置检查扣分',
  study_hours_share: '按学时达标党员比例计分',
  requirement_shortfall: '按组织生活缺次扣分',
  dual_org_life: '双重组织生活',
} as const

/** How a value is entered. Choices list their options; `activityType`/`requirement(s)`/`indicator` choose among the draft's own. */
export type FieldInput =
  | { kind: 'integer'; min: number; max?: number; unit?: string }
  | { kind: 'decimal'; min: number; positive?: boolean; unit?: string }
  | { kind: 'switch' }
  | { kind: 'text' }
  | { kind: 'choice'; options: readonly { value: string; label: string }[] }
  | { kind: 'roles' }
  | { kind: 'evidence' }
  /** A share 0–1 shown as a percentage; null: none required. */
  | { kind: 'share' }
  /** 1–28, null: no fixed day. */
  | { kind: 'dayOfMonth' }
  | { kind: 'speakers' }
  | { kind: 'activityType' }
  | { kind: 'requirement' }
  | { kind: 'requirements' }
  | { kind: 'indicator' }

/**
 * What a stricter value is: 'higher' (a bigger number, or any value instead of none), 'lower', 'on'
 * (true), 'off' (false), 'more' (a superset), 'speakers' (see `speakersTighter`), 'fixed' (only the
 * party committee sets it: names, structure, the calendar, the sheet's weights).
 */
export type Tightening = 'higher' | 'lower' | 'on' | 'off' | 'more' | 'speakers' | 'fixed'

export interface FieldSpec {
  /** Path in the ruleset; '*' stands for the id of an entry (activity type, requirement, item …). */
  path: readonly string[]
  label: string
  input: FieldInput
  tighter: Tightening
  /** Not shown on the form (the time zone). */
  hidden?: boolean
}

/** A record of entries (activity types, requirements, indicators, items, an item's deductions). */
export interface RecordSpec {
  path: readonly string[]
  /** '活动类型', '组织生活要求' … */
  noun: string
  /** Whether a 党总支 may add entries (a new activity type or requirement only adds an obligation). */
  additionsTighten: boolean
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }))
const integer = (min: number, unit?: string, max?: number): FieldInput => ({ kind: 'integer', min, max, unit })
const decimal = (min: number, unit?: string, positive = false): FieldInput => ({ kind: 'decimal', min, unit, positive })
const SWITCH: FieldInput = { kind: 'switch' }
const TEXT: FieldInput = { kind: 'text' }

export const RECORDS: readonly RecordSpec[] = [
  { path: ['activityTypes'], noun: '活动类型', additionsTighten: true },
  { path: ['requirements'], noun: '组织生活要求', additionsTighten: true },
  { path: ['scoring', 'indicators'], noun: '一级指标', additionsTighten: false },
  { path: ['scoring', 'items'], noun: '测评项', additionsTighten: false },
  { path: ['scoring', 'items', '*', 'method', 'deductions'], noun: '扣分规则', additionsTighten: false },
]

export const FIELDS: readonly FieldSpec[] = [
  { path: ['timeZone'], label: '时区', input: TEXT, tighter: 'fixed', hidden: true },
  { path: ['semesters', 'spring', 'month'], label: '春季学期开始月份', input: integer(1, '月', 12), tighter: 'fixed' },
  { path: ['semesters', 'spring', 'day'], label: '春季学期开始日', input: integer(1, '日', 31), tighter: 'fixed' },
  { path: ['semesters', 'autumn', 'month'], label: '秋季学期开始月份', input: integer(1, '月', 12), tighter: 'fixed' },
  { path: ['semesters', 'autumn', 'day'], label: '秋季学期开始日', input: integer(1, '日', 31), tighter: 'fixed' },
  { path: ['dueSoonDays'], label: '临期提醒（周期结束前天数）', input: integer(0, '天'), tighter: 'higher' },

  { path: ['activityTypes', '*', 'label'], label: '名称', input: TEXT, tighter: 'fixed' },
  { path: ['activityTypes', '*', 'quorumShare'], label: '到会人数须超过应到人数的', input: { kind: 'share' }, tighter: 'higher' },
  { path: ['activityTypes', '*', 'requiredEvidence'], label: '计入前须有的痕迹', input: { kind: 'evidence' }, tighter: 'more' },

  { path: ['requirements', '*', 'activityTypeId'], label: '活动类型', input: { kind: 'activityType' }, tighter: 'fixed' },
  { path: ['requirements', '*', 'period'], label: '周期', input: { kind: 'choice', options: options(PERIOD_KINDS, PERIOD_LABELS) }, tighter: 'fixed' },
  { path: ['requirements', '*', 'minCount'], label: '每个周期至少次数', input: integer(1, '次'), tighter: 'higher' },
  {
    path: ['requirements', '*', 'audience'],
    label: '面向',
    input: { kind: 'choice', options: options(REQUIREMENT_AUDIENCES, REQUIREMENT_AUDIENCE_LABELS) },
    tighter: 'fixed',
  },
  {
    path: ['requirements', '*', 'applicability'],
    label: '适用于',
    input: { kind: 'choice', options: options(APPLICABILITIES, APPLICABILITY_LABELS) },
    tighter: 'fixed',
  },
  { path: ['requirements', '*', 'speakers'], label: '主讲人', input: { kind: 'speakers' }, tighter: 'speakers' },
  { path: ['requirements', '*', 'fixedDayOfMonth'], label: '固定日期', input: { kind: 'dayOfMonth' }, tighter: 'fixed' },
  { path: ['requirements', '*', 'enabled'], label: '启用', input: SWITCH, tighter: 'on' },

  { path: ['attendance', 'lateGraceMinutes'], label: '迟到宽限（开始后几分钟内签到不算迟到）', input: integer(0, '分钟'), tighter: 'lower' },
  { path: ['checkin', 'opensBeforeStartMinutes'], label: '默认签到开始（活动开始前）', input: integer(0, '分钟'), tighter: 'lower' },
  { path: ['checkin', 'closesAfterEndMinutes'], label: '默认签到截止（活动结束后）', input: integer(0, '分钟'), tighter: 'lower' },
  { path: ['scheduling', 'earliestStartMinutesAgo'], label: '发布活动时开始时间最早可在多久以前', input: integer(0, '分钟'), tighter: 'lower' },
  { path: ['scheduling', 'latestStartDaysAhead'], label: '最多可提前多少天发布活动', input: integer(1, '天'), tighter: 'lower' },

  { path: ['studyHours', 'yearlyTargets', 'member'], label: '党员年度学时目标', input: decimal(0, '学时'), tighter: 'higher' },
  { path: ['studyHours', 'yearlyTargets', 'leader'], label: '书记和支委年度学时目标', input: decimal(0, '学时'), tighter: 'higher' },
  { path: ['studyHours', 'leaderRoles'], label: '按书记和支委目标考核的职务', input: { kind: 'roles' }, tighter: 'more' },
  { path: ['studyHours', 'creditPerHour'], label: '每小时活动计学时', input: decimal(0, '学时', true), tighter: 'lower' },
  { path: ['studyHours', 'roundDownTo'], label: '学时向下取整到', input: decimal(0, '学时', true), tighter: 'higher' },
  { path: ['studyHours', 'maxCreditPerDay'], label: '每天最多计学时', input: decimal(0, '学时', true), tighter: 'lower' },
  { path: ['studyHours', 'makeupEarnsHours'], label: '补学计入学时', input: SWITCH, tighter: 'off' },

  { path: ['branchSetup', 'minFullMembers'], label: '成立党支部至少须有正式党员', input: integer(1, '人'), tighter: 'higher' },
  { path: ['branchSetup', 'maxMembers'], label: '党支部党员人数一般不超过', input: integer(1, '人'), tighter: 'lower' },
  { path: ['branchSetup', 'committeeRequiredAtFullMembers'], label: '正式党员达到多少人须设支委会', input: integer(1, '人'), tighter: 'lower' },
  { path: ['branchSetup', 'termYears'], label: '支委会每届任期', input: integer(1, '年'), tighter: 'lower' },
  { path: ['branchSetup', 'termExpiryWarningDays'], label: '换届提前提醒', input: integer(0, '天'), tighter: 'higher' },

  { path: ['scoring', 'indicators', '*', 'label'], label: '名称', input: TEXT, tighter: 'fixed' },
  { path: ['scoring', 'indicators', '*', 'maxScore'], label: '满分', input: decimal(0, '分', true), tighter: 'fixed' },
  { path: ['scoring', 'items', '*', 'indicatorId'], label: '所属一级指标', input: { kind: 'indicator' }, tighter: 'fixed' },
  { path: ['scoring', 'items', '*', 'label'], label: '名称', input: TEXT, tighter: 'fixed' },
  { path: ['scoring', 'items', '*', 'maxScore'], label: '满分', input: decimal(0, '分', true), tighter: 'fixed' },
  {
    path: ['scoring', 'items', '*', 'method', 'kind'],
    label: '计分方式',
    input: { kind: 'choice', options: Object.entries(SCORING_METHOD_LABELS).map(([value, label]) => ({ value, label })) },
    tighter: 'fixed',
    hidden: true,
  },
  { path: ['scoring', 'items', '*', 'method', 'requirementIds'], label: '计入的组织生活要求', input: { kind: 'requirements' }, tighter: 'fixed' },
  { path: ['scoring', 'items', '*', 'method', 'pointsPerMissing'], label: '每缺一次（一人）扣分', input: decimal(0, '分'), tighter: 'higher' },
  { path: ['scoring', 'items', '*', 'method', 'pointsPerAbsentLeadingCadre'], label: '每名未参加支部组织生活的党员领导干部扣分', input: decimal(0, '分'), tighter: 'higher' },
  { path: ['scoring', 'items', '*', 'method', 'pointsWithoutSecretaryLecture'], label: '书记未讲党课扣分', input: decimal(0, '分'), tighter: 'higher' },
  { path: ['scoring', 'items', '*', 'method', 'secretaryLectureRequirementId'], label: '书记讲党课的要求', input: { kind: 'requirement' }, tighter: 'fixed' },
  { path: ['scoring', 'items', '*', 'method', 'deductions', '*', 'points'], label: '扣分', input: decimal(0, '分'), tighter: 'higher' },
  {
    path: ['scoring', 'items', '*', 'method', 'deductions', '*', 'from'],
    label: '扣分条件',
    input: { kind: 'choice', options: Object.entries(SEVERITY_FROM_LABELS).map(([value, label]) => ({ value, label })) },
    tighter: 'fixed',
  },
  { path: ['scoring', 'gradeThresholds', 'excellent'], label: '“优秀”分数线', input: decimal(0, '分'), tighter: 'higher' },
  { path: ['scoring', 'gradeThresholds', 'qualified'], label: '“达标”分数线', input: decimal(0, '分'), tighter: 'higher' },
  { path: ['scoring', 'gradeThresholds', 'basic'], label: '“基本达标”分数线', input: decimal(0, '分'), tighter: 'higher' },
]

/** Section titles for paths with no field of their own (a whole group, or an issue about several fields). */
const SECTION_LABELS: Record<string, string> = {
  semesters: '学期起止',
  'semesters.spring': '春季学期开始日期',
  'semesters.autumn': '秋季学期开始日期',
  activityTypes: '活动类型',
  requirements: '组织生活要求',
  attendance: '出勤',
  checkin: '签到',
  scheduling: '发布活动',
  studyHours: '学时',
  'studyHours.yearlyTargets': '年度学时目标',
  branchSetup: '支部设置',
  scoring: '达标测评表',
  'scoring.indicators': '一级指标',
  'scoring.items': '测评项',
  'scoring.gradeThresholds': '等次分数线',
}

type Json = unknown
type Path = readonly (string | number)[]

function matches(pattern: readonly string[], path: Path): boolean {
  return pattern.length === path.length && pattern.every((part, index) => part === '*' || part === String(path[index]))
}

export function fieldAt(path: Path): FieldSpec | undefined {
  return FIELDS.find((field) => matches(field.path, path))
}

export function valueAt(root: Json, path: Path): Json {
  let value = root
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, Json>)[String(part)]
  }
  return value
}

export function requirementTitle(requirement: Pick<Requirement, 'activityTypeId' | 'period' | 'speakers'>, ruleset: Pick<Ruleset, 'activityTypes'>): string {
  const speaker = requirement.speakers ? `，${requirement.speakers.each ? '每名' : ''}${speakerLabel(requirement.speakers)}讲授` : ''
  return `${activityTypeLabel(requirement.activityTypeId, ruleset)}（${PERIOD_LABELS[requirement.period]}${speaker}）`
}

/** '活动类型「主题党日」', '组织生活要求「党课（每年，书记讲授）」', '测评项「4.4 主题党日活动」', '测评项「1.1 …」的扣分规则「正式党员人数」'. */
export function entryTitle(recordPath: readonly string[], id: string, rulesets: readonly Json[]): string {
  /** The entry in the first ruleset where it has `key` (an override may hold only some of its fields). */
  const entryWith = (path: Path, key: string) =>
    rulesets.map((ruleset) => valueAt(ruleset, path) as Record<string, Json> | undefined).find((entry) => entry?.[key] !== undefined)
  const labelOf = (path: Path) => (entryWith(path, 'label')?.label as string | undefined) ?? ''
  const typesOf = () => (rulesets.find((ruleset) => valueAt(ruleset, ['activityTypes']) !== undefined) ?? {}) as Ruleset
  const [first, second] = recordPath
  if (first === 'activityTypes') return `活动类型「${labelOf(['activityTypes', id]) || id}」`
  if (first === 'requirements') {
    const requirement = entryWith(['requirements', id], 'activityTypeId') as Requirement | undefined
    return `组织生活要求「${requirement?.period ? requirementTitle({ ...requirement, speakers: requirement.speakers ?? null }, typesOf()) : id}」`
  }
  const numbered = (label: string) => `「${label ? `${id} ${label}` : id}」`
  if (second === 'indicators') return `一级指标${numbered(labelOf(['scoring', 'indicators', id]))}`
  if (second === 'items' && recordPath.length === 2) return `测评项${numbered(labelOf(['scoring', 'items', id]))}`
  const itemId = String(recordPath[2])
  return `${entryTitle(['scoring', 'items'], itemId, rulesets)}的扣分规则「${SETUP_CHECK_LABELS[id as SetupCheckId] ?? id}」`
}

/**
 * The Chinese name of whatever lives at `path` (a field, an entry or a section), for validation
 * messages and the change log: '组织生活要求「主题党日（每月）」· 每个周期至少次数'.
 */
export function fieldName(path: Path, ...rulesets: Json[]): string {
  const parts = path.map(String)
  const field = fieldAt(parts)
  let entry = ''
  let entryDepth = 0
  for (const record of RECORDS) {
    const depth = record.path.length
    if (parts.length > depth && matches(record.path, parts.slice(0, depth)) && depth >= entryDepth) {
      entry = entryTitle(parts.slice(0, depth), parts[depth], rulesets)
      entryDepth = depth + 1
    }
  }
  if (field) return entry ? `${entry}·${field.label}` : field.label
  if (entry) return entry
  for (let length = parts.length; length > 0; length -= 1) {
    const section = SECTION_LABELS[parts.slice(0, length).join('.')]
    if (section) return section
  }
  return parts.join('.')
}

const formatNumber = (value: number, unit = '') => `${value}${unit ? ` ${unit}` : ''}`

/** A value as shown in the change log and on the form's summary lines. */
export function showValue(field: Pick<FieldSpec, 'input'>, value: Json, ruleset?: Json): string {
  if (value === undefined) return '—'
  const input = field.input
  switch (input.kind) {
    case 'integer':
    case 'decimal':
      return formatNumber(value as number, input.unit)
    case 'switch':
      return value ? '是' : '否'
    case 'text':
      return String(value)
    case 'choice':
      return input.options.find((option) => option.value === value)?.label ?? String(value)
    case 'roles':
      return (value as BranchRole[]).map((role) => BRANCH_ROLE_LABELS[role]).join('、') || '无'
    case 'evidence':
      return (value as EvidenceKind[]).map((kind) => EVIDENCE_LABELS[kind]).join('、') || '无'
    case 'share':
      return value === null ? '不要求' : `${Math.round((value as number) * 1000) / 10}%`
    case 'dayOfMonth':
      return value === null ? '不固定' : `每月${value}日`
    case 'speakers': {
      const speakers = value as SpeakerRule | null
      return speakers === null ? '不限' : `${speakers.each ? '每名' : ''}${speakerLabel(speakers)}`
    }
    case 'activityType':
      return ruleset ? activityTypeLabel(String(value), ruleset as Ruleset) : String(value)
    case 'requirement':
    case 'requirements': {
      const ids = input.kind === 'requirement' ? [String(value)] : (value as string[])
      const requirements = (ruleset as Ruleset | undefined)?.requirements
      return ids.map((id) => (requirements?.[id] ? requirementTitle(requirements[id], ruleset as Ruleset) : id)).join('、') || '无'
    }
    case 'indicator': {
      const label = (ruleset as Ruleset | undefined)?.scoring.indicators[String(value)]?.label
      return label ? `${value} ${label}` : String(value)
    }
  }
}

export interface RulesetChange {
  /** Where in the ruleset, for the form to find the field. */
  path: string[]
  field: string
  before: string | null
  after: string | null
}

function same(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

const keysOf = (value: Json): string[] => (typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [])

/** Every concrete path of a field pattern present in either ruleset ('*' expanded over both). */
export function expandPattern(pattern: readonly string[], a: Json, b: Json): string[][] {
  let paths: string[][] = [[]]
  for (const part of pattern) {
    if (part !== '*') {
      paths = paths.map((path) => [...path, part])
      continue
    }
    paths = paths.flatMap((path) => [...new Set([...keysOf(valueAt(a, path)), ...keysOf(valueAt(b, path))])].map((key) => [...path, key]))
  }
  return paths
}

/**
 * A readable diff of two rulesets: one line per changed field, entry added or removed, with
 * Chinese names and values as people read them (the audit log keeps it; the form shows it).
 */
export function describeChanges(before: Ruleset, after: Ruleset): RulesetChange[] {
  const changes: RulesetChange[] = []
  for (const record of RECORDS) {
    for (const entryPath of expandPattern([...record.path, '*'], before, after)) {
      const wasThere = valueAt(before, entryPath) !== undefined
      const isThere = valueAt(after, entryPath) !== undefined
      if (wasThere === isThere) continue
      const title = entryTitle(entryPath.slice(0, -1), entryPath[entryPath.length - 1], [after, before])
      changes.push({ path: entryPath, field: title, before: wasThere ? '有' : null, after: isThere ? '新增' : '删除' })
    }
  }
  const entries = changes.map((change) => change.path)
  const insideAddedOrRemoved = (path: string[]) =>
    entries.some((entry) => entry.length < path.length && entry.every((part, index) => part === path[index]))
  for (const field of FIELDS) {
    for (const path of expandPattern(field.path, before, after)) {
      const from = valueAt(before, path)
      const to = valueAt(after, path)
      if (same(from, to) || insideAddedOrRemoved(path)) continue
      changes.push({
        path,
        field: fieldName(path, after, before),
        before: from === undefined ? null : showValue(field, from, before),
        after: to === undefined ? null : showValue(field, to, after),
      })
    }
  }
  return changes
}

/** Every role, for the form's role pickers. */
export const ROLE_OPTIONS = options(BRANCH_ROLES, BRANCH_ROLE_LABELS)
export const EVIDENCE_OPTIONS = options(EVIDENCE_KINDS, EVIDENCE_LABELS)
