import type { z } from 'zod'
import { activitiesContract } from './activities'
import { checkinContract } from './checkin'
import { complianceContract } from './compliance'
import type { alertsContract } from './alerts'
import type { ActionContract } from './define'
import type { messagesContract } from './messages'
import type { reportsContract } from './reports'
import type { supervisionContract } from './supervision'
import { evidenceContract } from './evidence'
import { identityContract } from './identity'
import { ledgerContract } from './ledger'
import { membersContract } from './members'
import { orgContract } from './org'
import { remindersContract } from './reminders'
import { rulesetsContract } from './rulesets'

export * from './compliance'
export * from './define'
export * from './evidence'
export * from './identity'
export * from './ledger'
export * from './members'
export * from './org'
export * from './rulesets'

/** Every cloud function and its actions: the one contract both ends use. */
export const CONTRACTS = {
  identity: identityContract,
  org: orgContract,
  members: membersContract,
  activities: activitiesContract,
  checkin: checkinContract,
  reminders: remindersContract,
  evidence: evidenceContract,
  ledger: ledgerContract,
  compliance: complianceContract,
  rulesets: rulesetsContract,
}

export type FunctionName = keyof typeof CONTRACTS
export type ActionName<F extends FunctionName> = keyof (typeof CONTRACTS)[F] & string
type ContractOf<F extends FunctionName, A extends ActionName<F>> = (typeof CONTRACTS)[F][A] extends ActionContract
  ? (typeof CONTRACTS)[F][A]
  : never
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<ContractOf<F, A>['input']>
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = z.infer<ContractOf<F, A>['output']>

/**
 * Functions only pages off a member's start call (消息 center, 督办, 通报, 预警接收人). Their contracts
 * are not in CONTRACTS, which sits in the main package's common code through services/cloud.ts: each
 * of their services imports its contract module and hands it to callContract, so only the pages that
 * call one carry it (npm run bench:weapp). ALL_CONTRACTS (./all) holds every contract, for the server
 * side and the tests.
 */
export interface OnDemandContracts {
  messages: typeof messagesContract
  alerts: typeof alertsContract
  supervision: typeof supervisionContract
  reports: typeof reportsContract
}
export type OnDemandFunctionName = keyof OnDemandContracts

export type { AlertRouting } from './alerts'
export type { MessageView, SubscriptionView } from './messages'
export type { ReportView } from './reports'
export type { SupervisionView } from './supervision'
