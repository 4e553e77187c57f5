import type { BranchStatus, ComplianceOverview, MyHours, ScoreSheetView, SelfStudyInput } from '../domain/contracts'
import { callAction, registerContract } from './cloud'
import { complianceContract } from '../domain/contracts/compliance'

registerContract('compliance', complianceContract)

export const fetchMyHours = (year?: number): Promise<MyHours> => callAction('compliance', 'myHours', { year })

export const fetchBranchStatus = (branchId?: string): Promise<BranchStatus> =>
  callAction('compliance', 'branchStatus', { branchId })

export const fetchOverview = (orgId?: string): Promise<ComplianceOverview> =>
  callAction('compliance', 'overview', { orgId })

export const fetchScoreSheet = (branchId?: string): Promise<ScoreSheetView> =>
  callAction('compliance', 'scoreSheet', { branchId })

export const scoreManualItem = (input: { branchId: string; year: number; itemId: string; score: number; comment: string }) =>
  callAction('compliance', 'scoreManualItem', input)

export const submitSelfStudy = (input: SelfStudyInput) => callAction('compliance', 'submitSelfStudy', input)

export const reviewSelfStudy = (id: string, approve: boolean, reason?: string) =>
  callAction('compliance', 'reviewSelfStudy', { id, approve, ...(reason ? { reason } : {}) })
