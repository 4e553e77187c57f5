import type { z } from 'zod'
import { activitiesContract } from './activities'
import { checkinContract } from './checkin'
import { complianceContract } from './compliance'
import { alertsContract } from './alerts'
import type { ActionContract } from './define'
import { messagesContract } from './messages'
import { reportsContract } from './reports'
import { supervisionContract } from './supervision'
import { evidenceContract } from './evidence'
import { identityContract } from './identity'
import { inboxContract } from './inbox'
import { ledgerContract } from './ledger'
import { membersContract } from './members'
import { orgContract } from './org'
import { remindersContract } from './reminders'
import { rulesetsContract } from './rulesets'

export * from './compliance'
export * from './define'
export * from './evidence'
export * from './identity'
export * from './inbox'
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
  inbox: inboxContract,
  messages: messagesContract,
  alerts: alertsContract,
  supervision: supervisionContract,
  reports: reportsContract,
}

export type FunctionName = keyof typeof CONTRACTS
export type ActionName<F extends FunctionName> = keyof (typeof CONTRACTS)[F] & string
type ContractOf<F extends FunctionName, A extends ActionName<F>> = (typeof CONTRACTS)[F][A] extends ActionContract
  ? (typeof CONTRACTS)[F][A]
  : never
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<ContractOf<F, A>['input']>
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = z.infer<ContractOf<F, A>['output']>

export type { AlertRouting } from './alerts'
export type { MessageView, SubscriptionView } from './messages'
export type { ReportView } from './reports'
export type { SupervisionView } from './supervision'
