import type { z } from 'zod'
import type { ActionContract, ActionResult, FunctionContract } from '../../src/domain/contracts'
import { functionRequestSchema } from '../../src/domain/contracts'
import { AppError } from '../../src/domain/errors'
import { describeValidationError } from '../../src/domain/validation'
import type { CloudContext } from './context'

type ActionHandlers<Contract extends FunctionContract> = {
  [Action in keyof Contract]: (
    input: z.infer<Contract[Action]['input']>,
    context: CloudContext,
  ) => Promise<z.input<Contract[Action]['output']>>
}

export type CloudFunction = (event: unknown, context: CloudContext) => Promise<ActionResult<unknown>>

/**
 * A cloud function: validates `{ action, payload }` against the contract, runs the
 * action, checks its answer against the contract, and turns every failure into
 * `{ ok: false, error }` with a Chinese message.
 */
export function defineCloudFunction<Contract extends FunctionContract>(
  contract: Contract,
  handlers: ActionHandlers<Contract>,
): CloudFunction {
  return async (event, context) => {
    const request = functionRequestSchema.safeParse(event)
    if (!request.success) return failure(new AppError('INVALID_INPUT', '请求格式不正确'))
    const { action, payload } = request.data
    if (!Object.hasOwn(contract, action)) {
      return failure(new AppError('INVALID_INPUT', `未知的操作：${action}`))
    }
    const actionContract: ActionContract = contract[action]
    const input = actionContract.input.safeParse(payload ?? {})
    if (!input.success) {
      const problem = describeValidationError(input.error)
      return { ok: false, error: { code: 'INVALID_INPUT', message: problem.message, fields: problem.fields } }
    }
    try {
      const handler = handlers[action] as (input: unknown, context: CloudContext) => Promise<unknown>
      const data = await handler(input.data, context)
      return { ok: true, data: actionContract.output.parse(data) }
    } catch (error) {
      if (error instanceof AppError) return failure(error)
      context.log(`cloud function action "${action}" failed`, error)
      return failure(new AppError('INTERNAL'))
    }
  }
}

function failure(error: AppError): ActionResult<never> {
  return {
    ok: false,
    error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
  }
}
