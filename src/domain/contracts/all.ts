import { alertsContract } from './alerts'
import { CONTRACTS } from './index'
import { messagesContract } from './messages'
import { reportsContract } from './reports'
import { supervisionContract } from './supervision'

/** Every client contract, CONTRACTS and the on-demand ones (see OnDemandContracts): never imported by the app. */
export const ALL_CONTRACTS = {
  ...CONTRACTS,
  messages: messagesContract,
  alerts: alertsContract,
  supervision: supervisionContract,
  reports: reportsContract,
}
export type AnyFunctionName = keyof typeof ALL_CONTRACTS
