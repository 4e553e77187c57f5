import type { Activity, Attendance, Evidence, Member, Org } from '../model'

/** Subsets of the stored documents the engine reads: callers pass database documents as they are. */
export type BranchOrg = Pick<Org, '_id' | 'name' | 'category' | 'isCombined' | 'committeeTermStart'>
export type GroupOrg = Pick<Org, '_id' | 'name'>
export type BranchMember = Pick<
  Member,
  | '_id'
  | 'name'
  | 'branchId'
  | 'groupId'
  | 'roles'
  | 'partyStatus'
  | 'joinedAt'
  | 'active'
  | 'isLeadingCadre'
  | 'isDualLeader'
>
export type BranchActivity = Pick<
  Activity,
  '_id' | 'branchId' | 'types' | 'topic' | 'startAt' | 'speakerMemberId' | 'audience' | 'creditHours' | 'status' | 'closedAt'
>
export type BranchAttendance = Pick<Attendance, 'activityId' | 'memberId' | 'state' | 'makeupConfirmedAt'>
export type BranchEvidence = Pick<Evidence, 'activityId' | 'kind' | 'review' | 'uploadedAt'>
