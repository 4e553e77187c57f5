import type { z } from 'zod'
import type { ActionContract } from './define'
import { identityContract } from './identity'

export * from './define'
export * from './identity'

/** Every cloud function and its actions: the one contract both ends use. */
export const CONTRACTS = {
  identity: identityContract,
}

export type FunctionName = keyof typeof CONTRACTS
export type ActionName<F extends FunctionName> = keyof (typeof CONTRACTS)[F] & string
type ContractOf<F extends FunctionName, A extends ActionName<F>> = (typeof CONTRACTS)[F][A] extends ActionContract
  ? (typeof CONTRACTS)[F][A]
  : never
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<ContractOf<F, A>['input']>
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = z.infer<ContractOf<F, A>['output']>
