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

/** An action with its policy; only `action()` makes one, so no action exists without a policy. */
export interface Action<Input, Output> {
  readonly [ACTION]: true
  readonly policy: PolicyDescription
  run(input: Input, context: CloudContext): Promise<Output>
}

export function action<Input, Access, Output>(
  policy: Policy<Input, Access>,
  handler: (input: Input, access: Access, context: CloudContext) => Promise<Output>,
): Action<Input, Output> {
  return {
    [ACTION]: true,
    policy: { who: policy.who, target: policy.target },
    async run(input, context) {
      return handler(input, await policy.authorize(input, context), context)
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
