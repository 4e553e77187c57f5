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

/** What every call to a cloud function carries: `{ action, payload }`. */
export const functionRequestSchema = z.object({
  action: z.string().min(1),
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
