import Taro from '@tarojs/taro'
import type { ZodType } from 'zod'
import type { ActionInput, ActionName, ActionOutput, CONTRACTS, ErrorBody, FunctionName } from '../domain/contracts'
import { actionFailureSchema } from '../domain/contracts/define'
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

async function transport(name: FunctionName, body: { action: string; payload: unknown }): Promise<unknown> {
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

type Contracts = typeof CONTRACTS
const registered: { [F in FunctionName]?: Contracts[F] } = {}

/**
 * Each service module registers the contract of the function it calls (or the part of it that it
 * calls: the actions add up). The phone then loads a function's schemas with the first page that
 * uses its service, and not every contract at start-up (a subpackage's services travel in the
 * subpackage; the weapp start-up budget in test/weapp/startup).
 */
export function registerContract<F extends FunctionName>(name: F, contract: Partial<Contracts[F]>): void {
  registered[name] = { ...registered[name], ...contract } as Contracts[F]
}

/**
 * Calls one action of a cloud function. Input is checked before it leaves the phone,
 * the answer is checked against the same contract the function uses.
 */
export async function callAction<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  payload: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  const contract = (registered[name] as Record<string, { input: ZodType; output: ZodType }> | undefined)?.[action]
  if (!contract) throw new Error(`the service of cloud function ${name} calls ${action} before registering its contract (registerContract)`)
  const input = contract.input.safeParse(payload)
  if (!input.success) {
    const problem = describeValidationError(input.error, contract.input)
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
  const data = success ? contract.output.safeParse((answer as { data: unknown }).data) : null
  if (!data?.success) throw new ServiceError('INTERNAL', '服务返回的数据格式不正确，请稍后重试')
  return data.data as ActionOutput<F, A>
}

function toServiceError(error: ErrorBody): ServiceError {
  return new ServiceError(error.code, error.message, error.fields)
}
