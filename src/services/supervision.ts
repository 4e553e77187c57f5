import { alertsContract } from '../domain/contracts/alerts'
import { supervisionContract } from '../domain/contracts/supervision'
import { callAction, registerContract } from './cloud'

registerContract('supervision', supervisionContract)
registerContract('alerts', alertsContract)

export const fetchTargets = (branchId: string) => callAction('supervision', 'targets', { branchId })
export const sendSupervision = (branchId: string, targetKey: string, note: string) =>
  callAction('supervision', 'send', { branchId, targetKey, note })
export const fetchBranchSupervisions = (branchId: string) => callAction('supervision', 'forBranch', { branchId })
export const fetchOrgSupervisions = (orgId?: string) => callAction('supervision', 'forOrg', orgId ? { orgId } : {})
export const fetchSupervision = (id: string) => callAction('supervision', 'detail', { id })
export const fetchAnswerOptions = (id: string) => callAction('supervision', 'answerOptions', { id })
export const answerSupervision = (id: string, activityId: string | null, reply: string | null) =>
  callAction('supervision', 'answer', { id, activityId, reply })

export const fetchAlertRouting = (branchId: string) => callAction('alerts', 'routing', { branchId })
export const assignAlertTopic = (branchId: string, topic: string, memberId: string | null) =>
  callAction('alerts', 'assign', { branchId, topic, memberId })
