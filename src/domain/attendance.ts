import { COMMITTEE_ROLES } from './model'
import type { Activity, Attendance, AttendanceState, Member } from './model'
import type { Ruleset } from './ruleset'

export type AudienceMember = Pick<Member, '_id' | 'branchId' | 'groupId' | 'roles' | 'joinedAt' | 'active'>
export type AudienceActivity = Pick<Activity, 'branchId' | 'audience' | 'startAt'>
export type AttendanceRecord = Pick<Attendance, 'memberId' | 'state' | 'makeupConfirmedAt'>

const MS_PER_MINUTE = 60 * 1000

/** Branches taking part: the host plus, for a joint activity, every listed branch. */
export function participatingBranchIds(activity: Pick<Activity, 'branchId' | 'audience'>): string[] {
  const { audience } = activity
  if (audience.kind !== 'branches') return [activity.branchId]
  return audience.branchIds.includes(activity.branchId) ? audience.branchIds : [activity.branchId, ...audience.branchIds]
}

export function isCommitteeMember(member: Pick<Member, 'roles'>): boolean {
  return member.roles.some((role) => COMMITTEE_ROLES.includes(role))
}

/**
 * Whether the member is expected at the activity: an active member of its
 * audience who had joined the Party by the time it started.
 */
export function isInAudience(member: AudienceMember, activity: AudienceActivity): boolean {
  if (!member.active || member.joinedAt.getTime() > activity.startAt.getTime()) return false
  const { audience } = activity
  switch (audience.kind) {
    case 'branch':
      return member.branchId === activity.branchId
    case 'committee':
      return member.branchId === activity.branchId && isCommitteeMember(member)
    case 'group':
      return member.groupId === audience.groupId
    case 'branches':
      return member.branchId === activity.branchId || audience.branchIds.includes(member.branchId)
  }
}

/** The expected audience among `members` (pass the members of every branch that should be counted). */
export function expectedAudience<M extends AudienceMember>(activity: AudienceActivity, members: readonly M[]): M[] {
  return members.filter((member) => isInAudience(member, activity))
}

/**
 * State of a sign-in: 迟到 when strictly after start + grace. The grace is the activity's own,
 * fixed from the ruleset when it was posted (activities stored before that carry none: the
 * ruleset's applies).
 */
export function signInState(
  activity: Pick<Activity, 'startAt' | 'lateGraceMinutes'>,
  signedInAt: Date,
  ruleset: Pick<Ruleset, 'attendance'> | null,
): Extract<AttendanceState, 'present' | 'late'> {
  const grace = activity.lateGraceMinutes ?? ruleset?.attendance.lateGraceMinutes
  if (grace === undefined) throw new Error('signInState: the activity carries no late grace, and no ruleset was given')
  const lateAfter = activity.startAt.getTime() + grace * MS_PER_MINUTE
  return signedInAt.getTime() > lateAfter ? 'late' : 'present'
}

/** Held: closed by the secretary (not cancelled, not merely scheduled) by `asOf`. */
export function isHeld(activity: Pick<Activity, 'status' | 'closedAt'>, asOf: Date): boolean {
  return activity.status === 'closed' && (activity.closedAt === null || activity.closedAt.getTime() <= asOf.getTime())
}

export function isAttended(state: AttendanceState): boolean {
  return state === 'present' || state === 'late'
}

/** 缺席 not yet cleared by a confirmed 补学. */
export function isAbsenceFlagged(record: Pick<Attendance, 'state' | 'makeupConfirmedAt'>): boolean {
  return record.state === 'absent' && record.makeupConfirmedAt === null
}

/** Counts over the expected audience; the categories partition it. */
export interface AttendanceSummary {
  expected: number
  present: number
  late: number
  leave: number
  /** 缺席 not cleared by 补学. */
  absent: number
  /** 缺席 cleared by a confirmed 补学. */
  madeUp: number
  /** Expected members without any record yet. */
  unrecorded: number
  /** Records of people outside the expected audience (they do not change the rate). */
  outsideAudience: number
  /** (present + late) / expected; null when nobody is expected. */
  rate: number | null
}

export function summarizeAttendance(
  activity: AudienceActivity,
  members: readonly AudienceMember[],
  records: readonly AttendanceRecord[],
): AttendanceSummary {
  const expectedIds = new Set(expectedAudience(activity, members).map((member) => member._id))
  const summary: AttendanceSummary = {
    expected: expectedIds.size,
    present: 0,
    late: 0,
    leave: 0,
    absent: 0,
    madeUp: 0,
    unrecorded: 0,
    outsideAudience: 0,
    rate: null,
  }
  const recorded = new Set<string>()
  for (const record of records) {
    if (!expectedIds.has(record.memberId)) {
      summary.outsideAudience += 1
      continue
    }
    if (recorded.has(record.memberId)) continue
    recorded.add(record.memberId)
    if (record.state === 'absent') {
      if (record.makeupConfirmedAt === null) summary.absent += 1
      else summary.madeUp += 1
    } else {
      summary[record.state] += 1
    }
  }
  summary.unrecorded = expectedIds.size - recorded.size
  summary.rate = expectedIds.size === 0 ? null : (summary.present + summary.late) / expectedIds.size
  return summary
}
