import type { FunctionName } from '../src/domain/contracts'
import { activities } from './activities/activities'
import { checkin } from './checkin/checkin'
import { compliance } from './compliance/compliance'
import type { CloudFunction } from './_shared/define-function'
import { evidence } from './evidence/evidence'
import { identity } from './identity/identity'
import { ledger } from './ledger/ledger'
import { members } from './members/members'
import { org } from './org/org'
import { reminders } from './reminders/reminders'

/** Every cloud function by name; the local runtime serves these and the build bundles each folder. */
export const CLOUD_FUNCTIONS: Record<FunctionName, CloudFunction> = {
  identity,
  org,
  members,
  activities,
  checkin,
  reminders,
  evidence,
  ledger,
  compliance,
}
