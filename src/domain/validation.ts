import { z } from 'zod'
import { zhCN } from 'zod/locales'

z.config(zhCN())

export interface ValidationProblem {
  message: string
  fields: Record<string, string>
}

/** Turns zod issues into one Chinese sentence plus a message per field path. */
export function describeValidationError(error: z.ZodError): ValidationProblem {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(整体)'
    fields[path] ??= issue.message
  }
  const first = Object.entries(fields)[0]
  const message = first ? `提交的内容有误：${first[0] === '(整体)' ? '' : `${first[0]} `}${first[1]}` : '提交的内容有误'
  return { message, fields }
}

/** Deeper than any contract's input: refused before the schema walks it. */
const MAX_PAYLOAD_DEPTH = 12

function isWellFormedText(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 0) return false
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false
      index++
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false
    }
  }
  return true
}

/**
 * What no contract accepts and a schema does not see: text that is not well-formed Unicode
 * (lone surrogates, NUL) in any key or value, and nesting deeper than any contract.
 * Answers the Chinese refusal, or null when the payload may go on to the schema.
 */
export function malformedPayloadProblem(payload: unknown): string | null {
  const walk = (value: unknown, depth: number): string | null => {
    if (depth > MAX_PAYLOAD_DEPTH) return '提交的内容层级过深'
    if (typeof value === 'string') return isWellFormedText(value) ? null : '提交的内容包含无法识别的字符'
    if (value === null || typeof value !== 'object') return null
    for (const [key, item] of Object.entries(value)) {
      if (!isWellFormedText(key)) return '提交的内容包含无法识别的字符'
      const problem = walk(item, depth + 1)
      if (problem) return problem
    }
    return null
  }
  return walk(payload, 0)
}
