import type { z } from 'zod'
// From the module itself, not the contracts index: a bundle then builds only its own function's schemas.
import { functionRequestSchema, type ActionContract, type ActionResult, type FunctionContract } from '../../src/domain/contracts/define'
import { AppError } from '../../src/domain/errors'
import { describeValidationError, malformedPayloadProblem } from '../../src/domain/validation'
import type { CloudContext } from './context'
import type { PlatformEvents } from './origin'
import type { Action, PolicyDescription } from './policy'

type Actions<Contract extends FunctionContract> = {
  [Name in keyof Contract]: Action<z.infer<Contract[Name]['input']>, z.input<Contract[Name]['output']>>
}

export interface CloudFunction {
  (event: unknown, context: CloudContext): Promise<ActionResult<unknown>>
  /** Every action's policy, for the authorization matrix and docs/SECURITY.md. */
  readonly policies: Readonly<Record<string, PolicyDescription>>
  /** Which platform action a timer trigger or a pushed event runs. */
  readonly events: PlatformEvents
}

/**
 * A cloud function: validates `{ action, payload }` against the contract, enforces the
 * action's policy, runs it, checks its answer against the contract, and turns every failure
 * into `{ ok: false, error }` with a Chinese message.
 */
export function defineCloudFunction<Contract extends FunctionContract>(
  contract: Contract,
  actions: Actions<Contract>,
  events: PlatformEvents = {},
): CloudFunction {
  const invoke = async (event: unknown, context: CloudContext): Promise<ActionResult<unknown>> => {
    const request = functionRequestSchema.safeParse(event)
    if (!request.success) return failure(new AppError('INVALID_INPUT', '请求格式不正确'))
    const { action: name, payload } = request.data
    if (!Object.hasOwn(contract, name)) {
      return failure(new AppError('INVALID_INPUT', `未知的操作：${name.slice(0, 40)}`))
    }
    const malformed = malformedPayloadProblem(payload)
    if (malformed) return failure(new AppError('INVALID_INPUT', malformed))
    const actionContract: ActionContract = contract[name]
    const input = actionContract.input.safeParse(payload ?? {})
    if (!input.success) {
      const problem = describeValidationError(input.error, actionContract.input)
      return { ok: false, error: { code: 'INVALID_INPUT', message: problem.message, fields: problem.fields } }
    }
    try {
      const action = actions[name] as Action<unknown, unknown>
      const data = await action.run(input.data, context)
      return { ok: true, data: actionContract.output.parse(data) }
    } catch (error) {
      if (error instanceof AppError) return failure(error)
      context.log(`cloud function action "${name}" failed`, error)
      return failure(new AppError('INTERNAL'))
    }
  }
  const policies = Object.fromEntries(
    Object.entries(actions as Record<string, Action<unknown, unknown>>).map(([name, action]) => [name, action.policy]),
  )
  return Object.assign(invoke, { policies, events })
}

function failure(error: AppError): ActionResult<never> {
  return {
    ok: false,
    error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
  }
}
