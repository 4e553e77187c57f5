import { z } from 'zod'
import { zhCN } from 'zod/locales'

z.config(zhCN())

export interface ValidationProblem {
  message: string
  /** Path of the field ('hours', 'audience.branchIds.0') → its Chinese message, naming the field. */
  fields: Record<string, string>
}

/** What a form shows for one field of a contract: its Chinese name and length limits. */
export interface FieldRules {
  label: string | null
  minLength: number | null
  maxLength: number | null
}

type Schema = z.core.$ZodType
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'])

/** The schema itself and what it wraps (optional, default, pipe …), outermost first. */
function layers(schema: Schema): Schema[] {
  const found: Schema[] = []
  let current: Schema | undefined = schema
  while (current && !found.includes(current)) {
    found.push(current)
    const def = current._zod.def as { type: string; innerType?: Schema; in?: Schema; getter?: () => Schema }
    current = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : def.type === 'lazy' ? def.getter?.() : undefined
  }
  return found
}

/** The schema one step down `key` (an object's field, an array's element, a union's option that has it). */
function childOf(schema: Schema, key: PropertyKey): Schema | null {
  for (const layer of layers(schema)) {
    const def = layer._zod.def as {
      type: string
      shape?: Record<string, Schema>
      element?: Schema
      valueType?: Schema
      options?: Schema[]
      left?: Schema
      right?: Schema
    }
    if (def.type === 'object' && def.shape && typeof key === 'string' && Object.hasOwn(def.shape, key)) return def.shape[key]
    if (def.type === 'array' && def.element) return def.element
    if (def.type === 'record' && def.valueType) return def.valueType
    for (const option of def.type === 'union' ? (def.options ?? []) : def.type === 'intersection' ? [def.left!, def.right!] : []) {
      const child = childOf(option, key)
      if (child) return child
    }
  }
  return null
}

/** The Chinese name (`named`) and length limits of the field at `path` of a contract's input. */
export function fieldOf(schema: Schema, path: readonly PropertyKey[]): FieldRules {
  let current: Schema | null = schema
  let label: string | null = null
  for (const key of path) {
    current = current && childOf(current, key)
    if (!current) break
    label = layers(current).map((layer) => z.globalRegistry.get(layer)?.title).find(Boolean) ?? label
  }
  const text = current ? layers(current).find((layer) => layer instanceof z.ZodString) : undefined
  return {
    label,
    minLength: text instanceof z.ZodString ? text.minLength : null,
    maxLength: text instanceof z.ZodString ? text.maxLength : null,
  }
}

/** A message that names its field: '学时至少 0.5' as it is, '无效输入' as '学时：无效输入'. */
function naming(label: string | null, message: string): string {
  return label && !message.includes(label) ? `${label}：${message}` : message
}

/**
 * Turns zod issues into one Chinese sentence plus a message per field path. Given the schema the
 * issues came from, every message names its field in Chinese (never by its path in the code).
 */
export function describeValidationError(error: z.ZodError, schema?: Schema): ValidationProblem {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(整体)'
    fields[path] ??= naming(schema ? fieldOf(schema, issue.path).label : null, issue.message)
  }
  const first = Object.values(fields)[0]
  return { message: first ?? '提交的内容有误', fields }
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
