/** Builders for the domain tests: small branches with fixed instants (Beijing time). */
import type {
  BranchActivity,
  BranchAttendance,
  BranchEvaluationInput,
  BranchEvidence,
  BranchMember,
  BranchOrg,
  GroupOrg,
} from '../../../src/domain/compliance'
import type { AttendanceState, ReviewState } from '../../../src/domain/model'
import { DEFAULT_RULESET, resolveRuleset } from '../../../src/domain/ruleset'
import type { Ruleset } from '../../../src/domain/ruleset'
import { singleRuleset, type RulesetTimeline } from '../../../src/domain/ruleset/timeline'
import { periodCalendar } from '../../../src/domain/time'
import type { InstantRange } from '../../../src/domain/time'

const HOUR_MS = 60 * 60 * 1000

/** '2026-11-15 14:30' or '2026-11-15T14:30:00' in Beijing time. */
export function bj(local: string): Date {
  const iso = local.replace(' ', 'T')
  return new Date(`${iso.length === 16 ? `${iso}:00` : iso}+08:00`)
}

export function period(key: string, ruleset: Ruleset = DEFAULT_RULESET): InstantRange {
  return periodCalendar(ruleset).periodFromKey(key)
}

/** The default ruleset with only the given requirements enabled. */
export function onlyRequirements(...requirementIds: string[]): Ruleset {
  return resolveRuleset({
    requirements: Object.fromEntries(
      Object.keys(DEFAULT_RULESET.requirements).map((id) => [id, { enabled: requirementIds.includes(id) }]),
    ),
  })
}

export function member(id: string, overrides: Partial<BranchMember> = {}): BranchMember {
  return {
    _id: id,
    name: `党员${id}`,
    branchId: 'b1',
    groupId: null,
    roles: [],
    partyStatus: 'full',
    joinedAt: bj('2010-07-01 09:00'),
    active: true,
    isLeadingCadre: false,
    isDualLeader: false,
    ...overrides,
  }
}

export interface HoldOptions {
  /** Default: every member of the branch, present. */
  attendees?: readonly string[]
  state?: AttendanceState
  photo?: ReviewState | null
  minutes?: ReviewState | null
  evidenceAt?: string
  hours?: number
  activity?: Partial<BranchActivity>
}

export class Scenario {
  branch: BranchOrg = {
    _id: 'b1',
    name: '计算机系教工第一党支部',
    category: 'teacher',
    isCombined: false,
    committeeTermStart: bj('2025-03-01 09:00'),
  }
  groups: GroupOrg[] = []
  members: BranchMember[] = []
  activities: BranchActivity[] = []
  attendance: BranchAttendance[] = []
  evidence: BranchEvidence[] = []

  addMembers(count: number, overrides: Partial<BranchMember> = {}, prefix = 'm'): BranchMember[] {
    const added = Array.from({ length: count }, (_, index) => member(`${prefix}${this.members.length + index + 1}`, overrides))
    this.members.push(...added)
    return added
  }

  addGroup(id: string, name: string): GroupOrg {
    const group = { _id: id, name }
    this.groups.push(group)
    return group
  }

  /** Adds a held activity (closed 2 h after its start) with attendance and passed evidence unless told otherwise. */
  hold(id: string, types: string[], start: string, options: HoldOptions = {}): BranchActivity {
    const startAt = bj(start)
    const hours = options.hours ?? 2
    const activity: BranchActivity = {
      _id: id,
      branchId: this.branch._id,
      types,
      topic: `活动${id}`,
      startAt,
      speakerMemberId: null,
      audience: { kind: 'branch' },
      creditHours: hours,
      status: 'closed',
      closedAt: new Date(startAt.getTime() + hours * HOUR_MS),
      ...options.activity,
    }
    this.activities.push(activity)
    const attendees = options.attendees ?? this.members.map((each) => each._id)
    for (const memberId of attendees) {
      this.attendance.push({ activityId: id, memberId, state: options.state ?? 'present', makeupConfirmedAt: null })
    }
    const uploadedAt = options.evidenceAt ? bj(options.evidenceAt) : new Date(startAt.getTime() + hours * HOUR_MS)
    const photo = options.photo === undefined ? 'pass' : options.photo
    const minutes = options.minutes === undefined ? 'pass' : options.minutes
    if (photo !== null) this.evidence.push({ activityId: id, kind: 'photo', review: photo, uploadedAt })
    if (minutes !== null) this.evidence.push({ activityId: id, kind: 'minutes', review: minutes, uploadedAt })
    return activity
  }

  input(ruleset: Ruleset | RulesetTimeline, asOf: string, window: InstantRange): BranchEvaluationInput {
    return {
      branch: this.branch,
      groups: this.groups,
      members: this.members,
      activities: this.activities,
      attendance: this.attendance,
      evidence: this.evidence,
      rules: 'segments' in ruleset ? ruleset : singleRuleset(ruleset),
      asOf: bj(asOf),
      window,
    }
  }
}
