import { alertsContract } from '../domain/contracts/alerts'
import { supervisionContract } from '../domain/contracts/supervision'
import { callContract } from './cloud'

export const fetchTargets = (branchId: string) => callContract('supervision', supervisionContract, 'targets', { branchId })
export const sendSupervision = (branchId: string, targetKey: string, note: string) =>
  callContract('supervision', supervisionContract, 'send', { branchId, targetKey, note })
export const fetchBranchSupervisions = (branchId: string) => callContract('supervision', supervisionContract, 'forBranch', { branchId })
export const fetchOrgSupervisions = (orgId?: string) => callContract('supervision', supervisionContract, 'forOrg', orgId ? { orgId } : {})
export const fetchSupervision = (id: string) => callContract('supervision', supervisionContract, 'detail', { id })
export const fetchAnswerOptions = (id: string) => callContract('supervision', supervisionContract, 'answerOptions', { id })
export const answerSupervision = (id: string, activityId: string | null, reply: string | null) =>
  callContract('supervision', supervisionContract, 'answer', { id, activityId, reply })

export const fetchAlertRouting = (branchId: string) => callContract('alerts', alertsContract, 'routing', { branchId })
export const assignAlertTopic = (branchId: string, topic: string, memberId: string | null) =>
  callContract('alerts', alertsContract, 'assign', { branchId, topic, memberId })
