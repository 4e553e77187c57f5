import type { z } from 'zod'
import { zhCN } from 'zod/locales'
import { AppError } from '../errors'
import { DEFAULT_RULESET } from './default-ruleset'
import { fieldName } from './fields'
import { rulesetOverridesSchema, rulesetSchema } from './schema'
import type { Ruleset } from './schema'

/** A ruleset or an override that does not validate; `issues` are Chinese, one per problem, with their path. */
export class RulesetValidationError extends AppError {
  constructor(
    summary: string,
    readonly issues: readonly string[],
  ) {
    super('INVALID_INPUT', `${summary}：${issues.join('；')}`)
    this.name = 'RulesetValidationError'
  }
}

const chineseErrors = zhCN().localeError

/** One problem of a ruleset: where (for the form), the field's Chinese name, and what is wrong. */
export interface RulesetIssue {
  path: string[]
  field: string
  message: string
}

function issuesOf(error: z.ZodError, ...values: unknown[]): RulesetIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String),
    field: issue.path.length > 0 ? fieldName(issue.path as (string | number)[], ...values) : '',
    message: issue.message,
  }))
}

function describeIssues(error: z.ZodError, ...values: unknown[]): string[] {
  return issuesOf(error, ...values).map((issue) => (issue.field ? `${issue.field}：${issue.message}` : issue.message))
}

/** Every problem of a complete ruleset (none: it is valid), with Chinese field names: what the form shows beside each field. */
export function rulesetIssues(value: unknown): RulesetIssue[] {
  const result = rulesetSchema.safeParse(value, { error: chineseErrors })
  return result.success ? [] : issuesOf(result.error, value)
}

type PlainObject = Record<string, unknown>

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

/**
 * Objects merge key by key; arrays and scalars replace. An object carrying a
 * different `kind` than the one it overrides replaces it (a scoring method
 * switched from one kind to another must not inherit the old kind's fields).
 */
function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base
  if (!isPlainObject(base) || !isPlainObject(override)) return override
  if ('kind' in override && override.kind !== base.kind) return override
  const merged: PlainObject = { ...base }
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(base[key], value)
  return merged
}

/** Validates a complete ruleset (e.g. one stored in the database). */
export function parseRuleset(value: unknown): Ruleset {
  const result = rulesetSchema.safeParse(value, { error: chineseErrors })
  if (!result.success) throw new RulesetValidationError('规则集配置有误', describeIssues(result.error, value))
  return result.data
}

/**
 * The default ruleset (or `base`) with an organization's overrides deep-merged
 * in, validated as a whole. Throws RulesetValidationError with every problem.
 */
export function resolveRuleset(overrides: unknown = {}, base: Ruleset = DEFAULT_RULESET): Ruleset {
  const parsedOverrides = rulesetOverridesSchema.safeParse(overrides, { error: chineseErrors })
  if (!parsedOverrides.success) {
    throw new RulesetValidationError('规则集覆盖项有误', describeIssues(parsedOverrides.error, overrides, base))
  }
  return parseRuleset(deepMerge(base, parsedOverrides.data))
}
