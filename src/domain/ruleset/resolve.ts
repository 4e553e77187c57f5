import type { z } from 'zod'
import { AppError } from '../errors'
import { DEFAULT_RULESET } from './default-ruleset'
import { chineseErrors, checkRuleset, issueLines, issuesOf } from './issues'
import { rulesetOverridesSchema } from './schema'
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

function describeIssues(error: z.ZodError, ...values: unknown[]): string[] {
  return issueLines(issuesOf(error, ...values))
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
  const checked = checkRuleset(value)
  if (!checked.ruleset) throw new RulesetValidationError('规则集配置有误', issueLines(checked.issues))
  return checked.ruleset
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
