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
