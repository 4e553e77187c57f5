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
 * A request field with its Chinese name, declared once here beside its rules: refusals name the
 * field with it (`describeValidationError`), and forms take their labels and length counters from
 * it (`fieldOf`), on the phone and in the cloud function alike.
 */
export function named<Schema extends z.ZodType>(label: string, schema: Schema): Schema {
  return schema.meta({ title: label }) as Schema
}

/**
 * The id of a stored document in a request, named for the person reading the error: database
 * ids are letters, digits, `_` and `-` (CloudBase's own are 32 hex digits), at most 64 long.
 */
export const idOf = (label: string) =>
  named(
    label,
    z
      .string({ error: `请提供${label}` })
      .trim()
      .min(1, `请提供${label}`)
      .max(64, `${label}编号无效`)
      .regex(/^[A-Za-z0-9_-]+$/, `${label}编号无效`),
  )

export const REVIEW_REASON_MAX = 200

/** The reviewer's reason (请假, 补学, 自学学时, 绑定, 联合活动邀请): the one who asked sees it. */
export const reviewReasonSchema = named('理由', z.string().trim().max(REVIEW_REASON_MAX, `理由不超过 ${REVIEW_REASON_MAX} 个字`)).optional()

/** Turning a request down always says why (the `reason` field of a review). */
export function requireReasonToDecline<Decision extends string>(decision: Decision) {
  return (input: { reason?: string } & { [key in Decision]?: boolean }, context: z.RefinementCtx): void => {
    if (input[decision] === false && !input.reason) {
      context.addIssue({ code: 'custom', path: ['reason'], message: '不同意时请写明理由' })
    }
  }
}

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
