import type { FunctionRequest } from '../../src/domain/contracts/define'
import type { InvocationOrigin } from './context'

/** SOURCE values of a call made by a person through the mini program (or its developer tool). */
const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_crawler']

/**
 * What started a CloudBase invocation, from `getWXContext().SOURCE` (a comma-separated chain
 * the platform sets; a client cannot change it): `wx_trigger` first is a timer trigger, any
 * client source in the chain is a client call, and the rest (WeChat's message push) is 'push'.
 */
export function invocationOriginOf(source: string | undefined): InvocationOrigin {
  const chain = (source ?? '').split(',').map((part) => part.trim())
  if (chain[0] === 'wx_trigger') return 'timer'
  if (chain[0] === '' || chain.some((part) => CLIENT_SOURCES.includes(part))) return 'client'
  return 'push'
}

/** How a function turns what the platform sends it into one of its platform actions. */
export interface PlatformEvents {
  /** The action a timer trigger runs (by trigger: the event names it as `TriggerName`). */
  timer?: string | ((event: unknown) => string)
  /** The action a pushed event runs, and its payload; null when the push is not for this function. */
  push?: (event: unknown) => FunctionRequest | null
}

/**
 * The request a function runs: a platform invocation becomes its declared platform action;
 * a client's event is passed on as it is (its policy refuses platform actions).
 */
export function requestFor(event: unknown, origin: InvocationOrigin, events: PlatformEvents): unknown {
  if (origin === 'timer' && events.timer) return { action: typeof events.timer === 'string' ? events.timer : events.timer(event), payload: {} }
  if (origin === 'push' && events.push) return events.push(event) ?? event
  return event
}
