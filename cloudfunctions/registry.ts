import type { FunctionName } from '../src/domain/contracts'
import { activities } from './activities/activities'
import { alerts } from './alerts/alerts'
import { checkin } from './checkin/checkin'
import { compliance } from './compliance/compliance'
import { complianceTimer } from './compliance-timer/compliance-timer'
import type { CloudFunction } from './_shared/define-function'
import { evidence } from './evidence/evidence'
import { identity } from './identity/identity'
import { inbox } from './inbox/inbox'
import { ledger } from './ledger/ledger'
import { members } from './members/members'
import { messages } from './messages/messages'
import { org } from './org/org'
import { reminders } from './reminders/reminders'
import { rulesets } from './rulesets/rulesets'
import { reports } from './reports/reports'
import { supervision } from './supervision/supervision'

/** Every deployed function: those the app calls, and those only the platform starts. */
export type DeployedFunctionName = FunctionName | 'compliance-timer'

/** Every cloud function by name; the local runtime serves these and the build bundles each folder. */
export const CLOUD_FUNCTIONS: Record<DeployedFunctionName, CloudFunction> = {
  identity,
  org,
  members,
  activities,
  checkin,
  reminders,
  evidence,
  ledger,
  compliance,
  rulesets,
  inbox,
  'compliance-timer': complianceTimer,
  messages,
  alerts,
  supervision,
  reports,
}
