import cloud from 'wx-server-sdk'
import { createProductionContext } from '../_shared/production'
import { evidence } from './evidence'

/**
 * Calls from the app, and WeChat's asynchronous image-check result: with 云函数消息推送 set to this
 * function, a `wxa_media_check` event ({ Event, trace_id, result: { suggest } }) arrives here and is
 * handed to the `mediaCheckResult` action. A call from the mini program (SOURCE 'wx_client') is never
 * taken for a push, whatever it sends; trace ids never leave the server, and only pending photos change.
 */
export const main = (event: unknown) => {
  const push = event as { Event?: unknown; trace_id?: unknown; result?: { suggest?: unknown } } | null
  const fromApp = String(cloud.getWXContext().SOURCE ?? '').includes('wx_client')
  if (!fromApp && push && push.Event === 'wxa_media_check') {
    return evidence(
      { action: 'mediaCheckResult', payload: { traceId: push.trace_id, suggest: push.result?.suggest } },
      { ...createProductionContext(), openid: null },
    )
  }
  return evidence(event, createProductionContext())
}
