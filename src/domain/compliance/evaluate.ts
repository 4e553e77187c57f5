import { participatingBranchIds } from '../attendance'
import type { Audience, EvidenceKind, ReviewState } from '../model'
import { activityTypeLabel, describeRequirement, requirementName, speakerLabel } from '../ruleset/labels'
import type { Requirement, Ruleset, SpeakerRule } from '../ruleset/schema'
import { inSegment, type RulesetTimeline } from '../ruleset/timeline'
import { containsInstant, daysToPeriodEnd } from '../time'
import type { InstantRange, Period, PeriodKind } from '../time'
import { collectActivityFacts } from './facts'
import type { ActivityFacts } from './facts'
import type { BranchActivity, BranchAttendance, BranchEvidence, BranchMember, BranchOrg, GroupOrg } from './inputs'
import {
  AWAITING_EVIDENCE_LABEL,
  EVIDENCE_REASON_CODES,
  LIGHT_LABELS,
  REQUIREMENT_STATUS_LABELS,
} from './labels'
import type { Light, NotCountedReasonCode, RequirementStatus } from './labels'
import { branchHasCommittee } from './setup'

export interface BranchEvaluationInput {
  branch: BranchOrg
  /** The branch's 党小组. */
  groups: readonly GroupOrg[]
  /** The branch's members; inactive ones and members of other branches are ignored. */
  members: readonly BranchMember[]
  /** Activities hosted by the branch or joint ones listing it; others are ignored. */
  activities: readonly BranchActivity[]
  attendance: readonly BranchAttendance[]
  evidence: readonly BranchEvidence[]
  /** The branch's rules over time: each period is judged by the ruleset in force on its first day. */
  rules: RulesetTimeline
  /** The moment of evaluation: decides what is over, due soon, held and uploaded. */
  asOf: Date
  /** Every period of every requirement that overlaps this range is evaluated. */
  window: InstantRange
}

export interface NotCountedReason {
  code: NotCountedReasonCode
  message: string
}

export interface UncountedActivity {
  activityId: string
  topic: string
  startAt: Date
  reasons: NotCountedReason[]
  /** Held with attendance; only 痕迹 is missing (待补痕迹): it counts once the evidence is in. */
  awaitingEvidence: boolean
}

export interface RequirementLine {
  requirementId: string
  activityTypeId: string
  /** '主题党日（每月至少1次，固定每月15日）' */
  label: string
  /** '主题党日', '书记党课' */
  name: string
  period: Period
  /** The 党小组 of a per-group requirement; null otherwise. */
  group: { id: string; name: string } | null
  status: RequirementStatus
  statusLabel: string
  /** Activities needed; for a per-member requirement the number of members. */
  required: number
  /** Activities that counted; for a per-member requirement the members who reached it. */
  counted: number
  /** Per-member requirement (谈心谈话, every committee member's 党课): required and counted are members. */
  countsMembers: boolean
  countedActivityIds: string[]
  /** The same activities with their topics, for the line's detail. */
  countedActivities: { activityId: string; topic: string }[]
  /** Activities of the type in the period that did not count, with every reason. */
  uncounted: UncountedActivity[]
  /** Per-member requirements: members still short. Empty otherwise. */
  uncoveredMemberIds: string[]
  /** Whole days until the period ends (0 once over). */
  daysLeft: number
  /** The fixed day of the month the activity is due (主题党日), or null. */
  fixedDate: Date | null
  /** Why the line is 不适用, or other context. */
  note: string | null
}

export interface EvidenceGap {
  activityId: string
  topic: string
  startAt: Date
  missing: EvidenceKind[]
}

export type LightReasonCode = 'missed' | 'due_soon' | 'awaiting_evidence'

export interface LightReason {
  code: LightReasonCode
  message: string
  requirementId: string | null
  periodKey: string | null
  activityId: string | null
}

export interface LeadingCadreAttendance {
  memberId: string
  name: string
  /** Held activities in the window the member attended (present or late). */
  attendedCount: number
}

export interface BranchEvaluation {
  branchId: string
  asOf: Date
  window: InstantRange
  hasCommittee: boolean
  lines: RequirementLine[]
  /** Held activities in the window whose 痕迹 is incomplete (待补痕迹). */
  awaitingEvidence: EvidenceGap[]
  light: Light
  lightLabel: string
  /** Every missed line (red), due-soon line and evidence gap (amber). */
  reasons: LightReason[]
  leadingCadres: LeadingCadreAttendance[]
}

const EVIDENCE_LABELS: Record<EvidenceKind, string> = { photo: '照片', minutes: '会议记录' }
const MISSING_EVIDENCE_CODE: Record<EvidenceKind, NotCountedReasonCode> = {
  photo: 'missing_photo',
  minutes: 'missing_minutes',
}
const PERCENT = 100

function evidenceMessage(kind: EvidenceKind, best: ReviewState | undefined): string {
  const label = EVIDENCE_LABELS[kind]
  if (best === 'pending') return `${label}尚在审核中`
  if (best === 'reject') return `${label}未通过审核`
  return `缺少${label}`
}

function missingEvidence(facts: ActivityFacts, required: readonly EvidenceKind[]): EvidenceKind[] {
  return required.filter((kind) => facts.evidence[kind] !== 'pass')
}

function reason(code: NotCountedReasonCode, message: string): NotCountedReason {
  return { code, message }
}

function describeAudience(audience: Audience, groupNames: ReadonlyMap<string, string>): string {
  switch (audience.kind) {
    case 'branch':
      return '全体党员'
    case 'committee':
      return '支委会'
    case 'group':
      return groupNames.get(audience.groupId) ?? '其他党小组'
    case 'branches':
      return '多个支部联合'
  }
}

function audienceMismatch(
  activity: BranchActivity,
  requirement: Requirement,
  group: GroupOrg | null,
  groupNames: ReadonlyMap<string, string>,
): string | null {
  const { audience } = activity
  const actual = `面向${describeAudience(audience, groupNames)}`
  switch (requirement.audience) {
    case 'pairs':
      return null
    case 'branch':
      return audience.kind === 'branch' || audience.kind === 'branches' ? null : `${actual}，不是全体党员`
    case 'committee':
      return audience.kind === 'committee' ? null : `${actual}，不是支委会`
    case 'group':
      if (group === null) return '支部未划分党小组'
      return audience.kind === 'group' && audience.groupId === group._id ? null : `${actual}，不是${group.name}`
  }
}

function lightReason(
  code: LightReasonCode,
  message: string,
  line: RequirementLine | null,
  activityId: string | null,
): LightReason {
  return {
    code,
    message,
    requirementId: line ? line.requirementId : null,
    periodKey: line ? line.period.key : null,
    activityId,
  }
}

/** '2026年11月 第一党小组「党小组会（…）」' */
export function lineTitle(line: RequirementLine): string {
  return `${line.period.label}${line.group ? ` ${line.group.name}` : ''}「${line.label}」`
}

/**
 * Evaluates every enabled requirement for one branch, for every period overlapping the window,
 * each period by the ruleset in force on its first day. An activity counts when it was held
 * (closed), has attendance, reaches the quorum of its type, is for the requirement's audience,
 * has the required speaker, and has passed photo and minutes.
 */
export function evaluateBranch(input: BranchEvaluationInput): BranchEvaluation {
  const { branch, rules, asOf, window } = input
  const calendar = rules.calendar
  const members = input.members.filter((member) => member.active && member.branchId === branch._id)
  const hasCommittee = branchHasCommittee(members)
  const groupNames = new Map(input.groups.map((group) => [group._id, group.name]))
  const activities = input.activities.filter((activity) => participatingBranchIds(activity).includes(branch._id))
  const rulesets = rules.segments.map((segment) => segment.ruleset)
  const needsQuorum = (activity: BranchActivity) =>
    activity.types.some((type) => rulesets.some((ruleset) => typeof ruleset.activityTypes[type]?.quorumShare === 'number'))
  const facts = collectActivityFacts(activities, members, input.attendance, input.evidence, asOf, needsQuorum)

  const enabledOf = (ruleset: Ruleset) => Object.entries(ruleset.requirements).filter(([, requirement]) => requirement.enabled)
  const periodKinds = new Set<PeriodKind>(rulesets.flatMap((ruleset) => enabledOf(ruleset).map(([, requirement]) => requirement.period)))
  const byTypeAndPeriod = new Map<string, ActivityFacts[]>()
  for (const fact of facts) {
    const types = new Set(fact.activity.types)
    for (const kind of periodKinds) {
      const periodKey = calendar.periodOf(kind, fact.activity.startAt).key
      for (const type of types) {
        const bucketKey = `${type}|${periodKey}`
        const bucket = byTypeAndPeriod.get(bucketKey)
        if (bucket) bucket.push(fact)
        else byTypeAndPeriod.set(bucketKey, [fact])
      }
    }
  }

  const speakersOf = new Map<string, Set<string>>()
  /** The branch's members who qualify as speakers under a rule. */
  const qualifiedSpeakers = (speakers: SpeakerRule): Set<string> => {
    const key = `${speakers.roles.join(',')}|${speakers.leadingCadres}`
    let qualified = speakersOf.get(key)
    if (!qualified) {
      qualified = new Set(
        members
          .filter((member) => member.roles.some((role) => speakers.roles.includes(role)) || (speakers.leadingCadres && member.isLeadingCadre))
          .map((member) => member._id),
      )
      speakersOf.set(key, qualified)
    }
    return qualified
  }

  function reasonsNotCounting(
    fact: ActivityFacts,
    requirement: Requirement,
    group: GroupOrg | null,
    ruleset: Ruleset,
  ): NotCountedReason[] {
    const { activity } = fact
    if (activity.status === 'cancelled') return [reason('cancelled', '活动已取消')]
    if (!fact.held) return [reason('not_closed', '活动尚未结束（书记未关闭活动）')]
    const reasons: NotCountedReason[] = []
    const mismatch = audienceMismatch(activity, requirement, group, groupNames)
    if (mismatch) reasons.push(reason('wrong_audience', mismatch))
    const { speakers } = requirement
    if (speakers !== null && !qualifiedSpeakers(speakers).has(activity.speakerMemberId ?? '')) {
      const who = speakerLabel(speakers)
      reasons.push(reason('speaker_mismatch', activity.speakerMemberId ? `主讲人不是${who}` : `未登记主讲人，须由${who}讲授`))
    }
    const typeRule = ruleset.activityTypes[requirement.activityTypeId]
    if (fact.attendedMemberIds.length === 0) {
      reasons.push(reason('no_attendance', '没有党员签到出席'))
    } else if (typeRule.quorumShare !== null && fact.audience !== null) {
      const { expected, attended } = fact.audience
      if (!(attended > typeRule.quorumShare * expected)) {
        const share = typeRule.quorumShare * PERCENT
        reasons.push(reason('no_quorum', `到会${attended}人，应到${expected}人，未超过应到人数的${share}%`))
      }
    }
    for (const kind of missingEvidence(fact, typeRule.requiredEvidence)) {
      reasons.push(reason(MISSING_EVIDENCE_CODE[kind], evidenceMessage(kind, fact.evidence[kind])))
    }
    return reasons
  }

  function statusOf(period: Period, required: number, counted: number, daysLeft: number, dueSoonDays: number): RequirementStatus {
    if (counted >= required) return 'done'
    if (asOf.getTime() >= period.end.getTime()) return 'missed'
    if (asOf.getTime() >= period.start.getTime() && daysLeft <= dueSoonDays) return 'due_soon'
    return 'open'
  }

  /** Members each of whom must reach the count (谈心谈话, or every speaker of a per-person rule); null for a count of activities. */
  function membersToCover(requirement: Requirement): string[] | null {
    if (requirement.audience === 'pairs') return members.map((member) => member._id)
    if (requirement.speakers?.each) return [...qualifiedSpeakers(requirement.speakers)]
    return null
  }

  function evaluateLine(
    requirementId: string,
    requirement: Requirement,
    period: Period,
    group: GroupOrg | null,
    notApplicableNote: string | null,
    ruleset: Ruleset,
  ): RequirementLine {
    const daysLeft = daysToPeriodEnd(period, asOf)
    const covered = membersToCover(requirement)
    const line: RequirementLine = {
      requirementId,
      activityTypeId: requirement.activityTypeId,
      label: describeRequirement(requirement, ruleset),
      name: requirementName(requirement, ruleset),
      period,
      group: group ? { id: group._id, name: group.name } : null,
      status: 'not_applicable',
      statusLabel: REQUIREMENT_STATUS_LABELS.not_applicable,
      required: requirement.minCount,
      counted: 0,
      countsMembers: covered !== null,
      countedActivityIds: [],
      countedActivities: [],
      uncounted: [],
      uncoveredMemberIds: [],
      daysLeft,
      fixedDate: requirement.fixedDayOfMonth === null ? null : calendar.dayOfMonth(period, requirement.fixedDayOfMonth),
      note: notApplicableNote,
    }
    if (notApplicableNote !== null) return line

    const countedFacts: ActivityFacts[] = []
    for (const fact of byTypeAndPeriod.get(`${requirement.activityTypeId}|${period.key}`) ?? []) {
      // Another 党小组's meeting is not a candidate for this group's line: listing it as 未计入 would only confuse.
      if (group && fact.activity.audience.kind === 'group' && fact.activity.audience.groupId !== group._id) continue
      const reasons = reasonsNotCounting(fact, requirement, group, ruleset)
      if (reasons.length === 0) {
        countedFacts.push(fact)
        continue
      }
      line.uncounted.push({
        activityId: fact.activity._id,
        topic: fact.activity.topic,
        startAt: fact.activity.startAt,
        reasons,
        awaitingEvidence: reasons.every((reason) => EVIDENCE_REASON_CODES.includes(reason.code)),
      })
    }
    line.countedActivityIds = countedFacts.map((fact) => fact.activity._id)
    line.countedActivities = countedFacts.map((fact) => ({ activityId: fact.activity._id, topic: fact.activity.topic }))

    if (covered !== null) {
      const timesByMember = new Map<string, number>()
      const credit = (memberId: string) => timesByMember.set(memberId, (timesByMember.get(memberId) ?? 0) + 1)
      for (const fact of countedFacts) {
        if (requirement.audience === 'pairs') for (const memberId of new Set(fact.attendedMemberIds)) credit(memberId)
        else if (fact.activity.speakerMemberId) credit(fact.activity.speakerMemberId)
      }
      line.uncoveredMemberIds = covered.filter((memberId) => (timesByMember.get(memberId) ?? 0) < requirement.minCount)
      line.required = covered.length
      line.counted = covered.length - line.uncoveredMemberIds.length
    } else {
      line.counted = countedFacts.length
    }
    line.status = statusOf(period, line.required, line.counted, daysLeft, ruleset.dueSoonDays)
    line.statusLabel = REQUIREMENT_STATUS_LABELS[line.status]
    return line
  }

  function notApplicableNote(requirement: Requirement, ruleset: Ruleset): string | null {
    const typeLabel = activityTypeLabel(requirement.activityTypeId, ruleset)
    if (requirement.applicability === 'has_committee' && !hasCommittee) return `支部未设支部委员会，${typeLabel}要求不适用`
    if (requirement.applicability === 'has_groups' && input.groups.length === 0) return `支部未划分党小组，${typeLabel}要求不适用`
    if (requirement.speakers?.each && qualifiedSpeakers(requirement.speakers).size === 0) {
      return `支部没有${speakerLabel(requirement.speakers)}，${typeLabel}要求不适用`
    }
    return null
  }

  const lines: RequirementLine[] = []
  for (const segment of rules.segments) {
    for (const [requirementId, requirement] of enabledOf(segment.ruleset)) {
      const notApplicable = notApplicableNote(requirement, segment.ruleset)
      const groups: (GroupOrg | null)[] =
        requirement.audience === 'group' && notApplicable === null && input.groups.length > 0 ? [...input.groups] : [null]
      for (const period of calendar.periodsOverlapping(requirement.period, window)) {
        if (!inSegment(segment, period.start)) continue
        for (const group of groups) lines.push(evaluateLine(requirementId, requirement, period, group, notApplicable, segment.ruleset))
      }
    }
  }

  const awaitingEvidence: EvidenceGap[] = []
  for (const fact of facts) {
    if (!fact.held || fact.attendedMemberIds.length === 0 || !containsInstant(window, fact.activity.startAt)) continue
    const required = new Set<EvidenceKind>()
    const activityTypes = rules.at(fact.activity.startAt).activityTypes
    for (const type of fact.activity.types) for (const kind of activityTypes[type]?.requiredEvidence ?? []) required.add(kind)
    const missing = missingEvidence(fact, [...required])
    if (missing.length > 0) {
      awaitingEvidence.push({ activityId: fact.activity._id, topic: fact.activity.topic, startAt: fact.activity.startAt, missing })
    }
  }

  const reasons: LightReason[] = []
  for (const line of lines) {
    if (line.status === 'missed') {
      reasons.push(lightReason('missed', `${lineTitle(line)}未完成（${line.counted}/${line.required}）`, line, null))
    }
  }
  for (const line of lines) {
    if (line.status === 'due_soon') {
      reasons.push(
        lightReason('due_soon', `${lineTitle(line)}临期：还剩${line.daysLeft}天，已完成${line.counted}/${line.required}`, line, null),
      )
    }
  }
  for (const gap of awaitingEvidence) {
    const missing = gap.missing.map((kind) => EVIDENCE_LABELS[kind]).join('、')
    reasons.push(lightReason('awaiting_evidence', `「${gap.topic}」${AWAITING_EVIDENCE_LABEL}：${missing}`, null, gap.activityId))
  }
  const light: Light = reasons.some((reason) => reason.code === 'missed') ? 'red' : reasons.length > 0 ? 'amber' : 'green'

  const leadingCadres = members
    .filter((member) => member.isLeadingCadre)
    .map((member) => ({ memberId: member._id, name: member.name, attendedCount: 0 }))
  if (leadingCadres.length > 0) {
    const cadreById = new Map(leadingCadres.map((cadre) => [cadre.memberId, cadre]))
    for (const fact of facts) {
      if (!fact.held || !containsInstant(window, fact.activity.startAt)) continue
      for (const memberId of fact.attendedMemberIds) {
        const cadre = cadreById.get(memberId)
        if (cadre) cadre.attendedCount += 1
      }
    }
  }

  return {
    branchId: branch._id,
    asOf,
    window,
    hasCommittee,
    lines,
    awaitingEvidence,
    light,
    lightLabel: LIGHT_LABELS[light],
    reasons,
    leadingCadres,
  }
}
