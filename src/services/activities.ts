import type { ActionInput, ActionOutput } from '../domain/contracts'
import { callAction, registerContract } from './cloud'
import { activitiesContract } from '../domain/contracts/activities'

registerContract('activities', activitiesContract)

export type ActivityListResult = ActionOutput<'activities', 'list'>
export type ActivityFormOptions = ActionOutput<'activities', 'formOptions'>

export const listActivities = (when: 'upcoming' | 'recent' = 'upcoming', offset = 0, limit?: number) =>
  callAction('activities', 'list', { when, offset, ...(limit === undefined ? {} : { limit }) })
export const fetchActivity = (activityId: string) => callAction('activities', 'detail', { activityId })
export const fetchFormOptions = (branchId: string) => callAction('activities', 'formOptions', { branchId })
export const postActivity = (input: ActionInput<'activities', 'post'>) => callAction('activities', 'post', input)
export const editActivity = (input: ActionInput<'activities', 'edit'>) => callAction('activities', 'edit', input)
export const cancelActivity = (activityId: string, reason: string) => callAction('activities', 'cancel', { activityId, reason })
export const requestLeave = (activityId: string, reason: string) => callAction('activities', 'requestLeave', { activityId, reason })
export const reviewLeave = (activityId: string, memberId: string, approve: boolean, reason?: string) =>
  callAction('activities', 'reviewLeave', { activityId, memberId, approve, ...(reason ? { reason } : {}) })
export const withdrawLeave = (activityId: string) => callAction('activities', 'withdrawLeave', { activityId })
export const fileMakeup = (activityId: string, reflection: string) => callAction('activities', 'fileMakeup', { activityId, reflection })
export const reviewMakeup = (activityId: string, memberId: string, approve: boolean, reason?: string) =>
  callAction('activities', 'reviewMakeup', { activityId, memberId, approve, ...(reason ? { reason } : {}) })
export const respondToInvitation = (activityId: string, branchId: string, accept: boolean, reason?: string) =>
  callAction('activities', 'respondToInvitation', { activityId, branchId, accept, ...(reason ? { reason } : {}) })
export const fetchMine = () => callAction('activities', 'mine', {})
export const fetchLive = (activityId: string) => callAction('activities', 'live', { activityId })
export const closeActivity = (activityId: string) => callAction('activities', 'close', { activityId })
