import type { z } from 'zod'
import { zhCN } from 'zod/locales'
import { fieldName } from './fields'
import { rulesetSchema, type Ruleset } from './schema'

/**
 * A ruleset's problems in Chinese, with their fields' names. Apart from resolve.ts (and its
 * AppError) so that the rules editor on the phone checks drafts without the error classes of the
 * functions: shared code the phone's main package also uses stays as small as it was.
 */

export const chineseErrors = zhCN().localeError

/** One problem of a ruleset: where (for the form), the field's Chinese name, and what is wrong. */
export interface RulesetIssue {
  path: string[]
  field: string
  message: string
}

export function issuesOf(error: z.ZodError, ...values: unknown[]): RulesetIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String),
    field: issue.path.length > 0 ? fieldName(issue.path as (string | number)[], ...values) : '',
    message: issue.message,
  }))
}

/** '组织生活要求「主题党日（每月）」·每个周期至少次数：数值过小…', one line per problem. */
export const issueLines = (issues: readonly RulesetIssue[]) => issues.map((issue) => (issue.field ? `${issue.field}：${issue.message}` : issue.message))

/** A complete ruleset, validated: the ruleset, or every problem with its Chinese field name. */
export function checkRuleset(value: unknown): { ruleset: Ruleset; issues: [] } | { ruleset: null; issues: RulesetIssue[] } {
  const result = rulesetSchema.safeParse(value, { error: chineseErrors })
  return result.success ? { ruleset: result.data, issues: [] } : { ruleset: null, issues: issuesOf(result.error, value) }
}

/** Every problem of a complete ruleset (none: it is valid), with Chinese field names: what the form shows beside each field. */
export const rulesetIssues = (value: unknown): RulesetIssue[] => checkRuleset(value).issues
