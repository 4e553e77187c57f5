import { z } from 'zod'
import { ERROR_CODES } from '../errors'

/** One action of a cloud function: what it accepts and what it answers. */
export interface ActionContract<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType> {
  input: Input
  output: Output
}

export type FunctionContract = Record<string, ActionContract>

export function defineAction<Input extends z.ZodType, Output extends z.ZodType>(
  input: Input,
  output: Output,
): ActionContract<Input, Output> {
  return { input, output }
}

/**
 * The id of a stored document in a request, named for the person reading the error: database
 * ids are letters, digits, `_` and `-` (CloudBase's own are 32 hex digits), at most 64 long.
 */
export const idOf = (label: string) =>
  z
    .string({ error: `请提供${label}` })
    .trim()
    .min(1, `请提供${label}`)
    .max(64, `${label}编号无效`)
    .regex(/^[A-Za-z0-9_-]+$/, `${label}编号无效`)

/** What every call to a cloud function carries: `{ action, payload }`. */
export const functionRequestSchema = z.object({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
})
export type FunctionRequest = z.infer<typeof functionRequestSchema>

export const errorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Field-level problems of an INVALID_INPUT answer: path → Chinese message. */
  fields: z.record(z.string(), z.string()).optional(),
})
export type ErrorBody = z.infer<typeof errorBodySchema>

export type ActionResult<Data> = { ok: true; data: Data } | { ok: false; error: ErrorBody }

export const actionFailureSchema = z.object({ ok: z.literal(false), error: errorBodySchema })

/** ISO-8601 instant as sent over the wire (Dates do not survive JSON). */
export const isoInstantSchema = z.iso.datetime({ offset: true })
