import { firstRefusal, type Rule } from '../../src/domain/authorization'
import { AppError } from '../../src/domain/errors'
import type { Member } from '../../src/domain/model'
import type { CloudContext, InvocationOrigin } from './context'
import { collectionOf, findOne } from './db'

/**
 * Who may call an action and on which target. The runtime (`defineCloudFunction`) runs the
 * policy after the input is validated and before the handler, and hands the handler what the
 * policy resolved (the caller, the branch, the activity…), so handlers hold no access checks.
 */
export interface Policy<Input, Access> {
  /** Who may call, in Chinese (docs/SECURITY.md lists every action's). */
  readonly who: string
  /** How the target's scope is resolved, in Chinese. */
  readonly target: string
  authorize(input: Input, context: CloudContext): Promise<Access>
}

export interface PolicyDescription {
  who: string
  target: string
}

const ACTION = Symbol('action')

/** What an action did, as its effects see it. */
export interface ActionCall<Input, Access, Output> {
  input: Input
  access: Access
  /** The handler's answer; undefined for an action that answers after its effects (`answerAfterEffects`). */
  output: Output | undefined
}

/**
 * What an action changes that the compliance summaries read (an activity, a branch's roster or
 * offices, the org tree, a ruleset), declared beside its policy: the runtime refreshes the
 * summaries it names once the handler has succeeded. Builders are in `_shared/effects.ts`.
 */
export interface Effects<Input, Access, Output> {
  /** In Chinese, for docs/SECURITY.md's table of actions. */
  readonly changes: string
  apply(call: ActionCall<Input, Access, Output>, context: CloudContext): Promise<void>
}

/** For actions that change nothing a summary reads (every read, and writes such as a leave request). */
export const noSummaryEffect: Effects<unknown, unknown, unknown> = { changes: '—', async apply() {} }

const AFTER_EFFECTS = Symbol('afterEffects')

/** An answer read once the effects have run (an action that shows the summary it just changed). */
export interface AfterEffects<Output> {
  readonly [AFTER_EFFECTS]: () => Promise<Output>
}

export function answerAfterEffects<Output>(read: () => Promise<Output>): AfterEffects<Output> {
  return { [AFTER_EFFECTS]: read }
}

function isAfterEffects<Output>(value: Output | AfterEffects<Output>): value is AfterEffects<Output> {
  return typeof value === 'object' && value !== null && AFTER_EFFECTS in value
}

/** An action with its policy and effects; only `action()` makes one, so no action exists without them. */
export interface Action<Input, Output> {
  readonly [ACTION]: true
  readonly policy: PolicyDescription
  /** What it changes that summaries read (docs/SECURITY.md). */
  readonly changes: string
  run(input: Input, context: CloudContext): Promise<Output>
}

export function action<Input, Access, Output>(
  policy: Policy<Input, Access>,
  effects: Effects<NoInfer<Input>, NoInfer<Access>, NoInfer<Output>>,
  handler: (input: Input, access: Access, context: CloudContext) => Promise<Output | AfterEffects<Output>>,
): Action<Input, Output> {
  return {
    [ACTION]: true,
    policy: { who: policy.who, target: policy.target },
    changes: effects.changes,
    async run(input, context) {
      const access = await policy.authorize(input, context)
      const result = await handler(input, access, context)
      try {
        await effects.apply({ input, access, output: isAfterEffects(result) ? undefined : result }, context)
      } catch (error) {
        // The change itself is saved: the summaries it leaves stale are repaired by the nightly rebuild.
        context.log('refreshing the compliance summaries after an action failed', error)
      }
      return isAfterEffects(result) ? result[AFTER_EFFECTS]() : result
    },
  }
}

function requireClient(context: CloudContext): void {
  if (context.origin !== 'client') throw new AppError('FORBIDDEN', '该操作只能由小程序用户发起')
}

/** Any WeChat identity, bound to a roster entry or not (binding itself, "who am I"). */
export function wechatUser<Input>(): Policy<Input, { openid: string }> {
  return {
    who: '任何微信用户（无需绑定）',
    target: '本人的微信身份',
    async authorize(_input, context) {
      requireClient(context)
      if (!context.openid) throw new AppError('UNAUTHENTICATED')
      return { openid: context.openid }
    },
  }
}

/** The roster member bound to the caller's WeChat identity, or a clear refusal. */
async function boundCaller(context: CloudContext): Promise<Member> {
  requireClient(context)
  if (!context.openid) throw new AppError('UNAUTHENTICATED')
  const caller = await findOne<Member>(collectionOf(context.db, 'members').where({ openid: context.openid, active: true }))
  if (!caller) throw new AppError('NOT_BOUND')
  return caller
}

/** Any bound member, acting on their own records (or on what every member may read, named in `target`). */
export function member<Input>(target = '本人的记录'): Policy<Input, { caller: Member }> {
  return {
    who: '已绑定身份的党员',
    target,
    async authorize(_input, context) {
      return { caller: await boundCaller(context) }
    },
  }
}

const PLATFORM_ORIGINS: Record<Exclude<InvocationOrigin, 'client'>, string> = {
  timer: '定时触发器',
  push: '微信平台的事件推送',
}

/** Only the platform (a timer trigger, a pushed event); refused for every client call. */
export function platform<Input>(origin: Exclude<InvocationOrigin, 'client'>): Policy<Input, Record<string, never>> {
  return {
    who: `仅${PLATFORM_ORIGINS[origin]}`,
    target: '—',
    async authorize(_input, context) {
      if (context.origin !== origin) throw new AppError('FORBIDDEN', `该操作只能由${PLATFORM_ORIGINS[origin]}发起`)
      return {}
    },
  }
}

/**
 * A bound member acting on a target resolved from the input: `resolve` loads it (NOT_FOUND
 * when it does not exist), then every rule must allow the caller on it; the first that does
 * not gives its refusal (FORBIDDEN).
 */
export function scoped<Input, Target>(spec: {
  target: string
  resolve(input: Input, caller: Member, context: CloudContext): Promise<Target>
  rules: Rule<NoInfer<Target>, Member>[]
}): Policy<Input, { caller: Member } & Target> {
  return {
    who: spec.rules.map((part) => part.who).join('，且'),
    target: spec.target,
    async authorize(input, context) {
      const caller = await boundCaller(context)
      const target = await spec.resolve(input, caller, context)
      const refusal = firstRefusal(spec.rules, caller, target)
      if (refusal) throw new AppError('FORBIDDEN', refusal)
      return { caller, ...target }
    },
  }
}
