import type { DeployedFunctionName } from '../../cloudfunctions/registry'
import type { LocalCloud } from '../../cloud-runtime/local-cloud'
import type { ActionResult } from '../../src/domain/contracts'

/** Calls an action and answers its data, or throws with the refusal (for the happy paths of tests). */
export async function call<T = Record<string, unknown>>(
  cloud: LocalCloud,
  name: DeployedFunctionName,
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
  name: DeployedFunctionName,
  action: string,
  payload: unknown,
  openid: string | null,
): Promise<{ code: string; message: string }> {
  const result: ActionResult<unknown> = await cloud.invoke(name, { action, payload }, openid)
  if (result.ok) throw new Error(`${name}.${action} unexpectedly succeeded`)
  return result.error
}

export const CHINESE = /[\u4e00-\u9fa5]/

const MINUTE_MS = 60_000

/** The secretary posts a 90-minute 主题党日 for the whole branch, starting `startsInMinutes` from the clock's now; answers its id. */
export async function postThemeDay(cloud: LocalCloud, secretaryOpenid: string, branchId: string, now: Date, startsInMinutes = 5): Promise<string> {
  const start = new Date(now.getTime() + startsInMinutes * MINUTE_MS)
  const posted = await call<{ id: string }>(
    cloud,
    'activities',
    'post',
    {
      branchId,
      types: ['theme_day'],
      topic: '主题党日：参观校史馆',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 90 * MINUTE_MS).toISOString(),
      place: '校史馆',
      audience: { kind: 'branch' },
    },
    secretaryOpenid,
  )
  return posted.id
}
