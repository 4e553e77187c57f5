import Taro from '@tarojs/taro'
import type { z, ZodType } from 'zod'
import {
  actionFailureSchema,
  CONTRACTS,
  type ActionContract,
  type ActionInput,
  type ActionName,
  type ActionOutput,
  type ErrorBody,
  type FunctionContract,
  type FunctionName,
  type OnDemandFunctionName,
} from '../domain/contracts'
import type { ErrorCode } from '../domain/errors'
import { describeValidationError } from '../domain/validation'
import { devIdentityHeaders, ensureDevIdentity } from './dev-identity'

/** A refusal or failure of a backend call, with a message meant for people. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

export function initBackend(): void {
  if (process.env.TARO_ENV === 'weapp') {
    Taro.cloud.init({ env: process.env.CLOUD_ENV_ID || undefined, traceUser: true })
  } else {
    ensureDevIdentity()
  }
}

async function transport(name: FunctionName | OnDemandFunctionName, body: { action: string; payload: unknown }): Promise<unknown> {
  if (process.env.TARO_ENV === 'weapp') {
    const { result } = await Taro.cloud.callFunction({ name, data: body })
    return result
  }
  const response = await Taro.request({
    url: `/api/functions/${name}`,
    method: 'POST',
    header: { 'content-type': 'application/json', ...devIdentityHeaders() },
    data: body,
  })
  return response.data
}

/**
 * Calls one action of a cloud function. Input is checked before it leaves the phone,
 * the answer is checked against the same contract the function uses.
 */
export function callAction<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  payload: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  return invoke(name, action, CONTRACTS[name][action] as unknown as ActionContract, payload) as Promise<ActionOutput<F, A>>
}

/** The same for a function whose contract its service hands in (OnDemandContracts says why). */
export function callContract<C extends FunctionContract, A extends keyof C & string>(
  name: OnDemandFunctionName,
  contract: C,
  action: A,
  payload: z.input<C[A]['input']>,
): Promise<z.infer<C[A]['output']>> {
  return invoke(name, action, contract[action], payload) as Promise<z.infer<C[A]['output']>>
}

async function invoke(name: FunctionName | OnDemandFunctionName, action: string, contract: ActionContract, payload: unknown): Promise<unknown> {
  const { input: inputSchema, output } = contract as { input: ZodType; output: ZodType }
  const input = inputSchema.safeParse(payload)
  if (!input.success) {
    const problem = describeValidationError(input.error)
    throw new ServiceError('INVALID_INPUT', problem.message, problem.fields)
  }
  let answer: unknown
  try {
    answer = await transport(name, { action, payload: input.data })
  } catch {
    throw new ServiceError('INTERNAL', '网络不通或服务暂时不可用，请稍后重试')
  }
  const failure = actionFailureSchema.safeParse(answer)
  if (failure.success) throw toServiceError(failure.data.error)
  const success = (answer as { ok?: unknown; data?: unknown } | null)?.ok === true
  const data = success ? output.safeParse((answer as { data: unknown }).data) : null
  if (!data?.success) throw new ServiceError('INTERNAL', '服务返回的数据格式不正确，请稍后重试')
  return data.data
}

function toServiceError(error: ErrorBody): ServiceError {
  return new ServiceError(error.code, error.message, error.fields)
}
