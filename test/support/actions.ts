import type { FunctionName } from '../../src/domain/contracts'
import type { LocalCloud } from '../../cloud-runtime/local-cloud'
import type { ActionResult } from '../../src/domain/contracts'

/** Calls an action and answers its data, or throws with the refusal (for the happy paths of tests). */
export async function call<T = Record<string, unknown>>(
  cloud: LocalCloud,
  name: FunctionName,
  action: string,
  payload: unknown,
  openid: string | null,
): Promise<T> {
  const result = await cloud.invoke(name, { action, payload }, openid)
  if (!result.ok) throw new Error(`${name}.${action} refused: ${result.error.code} ${result.error.message}`)
  return result.data as T
}

/** The refusal of an action (fails the test when it succeeds). */
export async function refusal(
  cloud: LocalCloud,
  name: FunctionName,
  action: string,
  payload: unknown,
  openid: string | null,
): Promise<{ code: string; message: string }> {
  const result: ActionResult<unknown> = await cloud.invoke(name, { action, payload }, openid)
  if (result.ok) throw new Error(`${name}.${action} unexpectedly succeeded`)
  return result.error
}

export const CHINESE = /[\u4e00-\u9fa5]/
