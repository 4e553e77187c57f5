import { COMMITTEE_ROLES, type Member } from '../model'
import { describeRequirement, type Ruleset } from '../ruleset'

/**
 * What an alert is about, for who is responsible: one of the ruleset's requirements, the branch's
 * 痕迹, its members' 学时, or its 换届. A branch may name one committee member for each.
 */
export type AlertTopic = `requirement:${string}` | 'evidence' | 'study_hours' | 'term'

const FIXED_TOPICS: { id: AlertTopic; label: string }[] = [
  { id: 'evidence', label: '活动痕迹（照片和会议记录）待补' },
  { id: 'study_hours', label: '党员学时进度' },
  { id: 'term', label: '支委会换届' },
]

export const requirementTopic = (requirementId: string): AlertTopic => `requirement:${requirementId}`

/** Every topic a branch can assign, with its Chinese label, in the ruleset's order. */
export function alertTopics(ruleset: Pick<Ruleset, 'requirements' | 'activityTypes'>): { id: AlertTopic; label: string }[] {
  const requirements = Object.entries(ruleset.requirements)
    .filter(([, requirement]) => requirement.enabled)
    .map(([id, requirement]) => ({ id: requirementTopic(id), label: describeRequirement(requirement, ruleset) }))
  return [...requirements, ...FIXED_TOPICS]
}

export function isAlertTopic(topic: string, ruleset: Pick<Ruleset, 'requirements' | 'activityTypes'>): topic is AlertTopic {
  return alertTopics(ruleset).some((known) => known.id === topic)
}

/** Who a branch assigned to each topic (stored per branch in `alert_assignments`). */
export type AlertAssignments = Partial<Record<AlertTopic, string>>

export type BranchOfficer = Pick<Member, '_id' | 'name' | 'branchId' | 'roles' | 'active'> & { openid?: string }

const isCommittee = (member: Pick<Member, 'roles'>) => member.roles.some((role) => COMMITTEE_ROLES.includes(role))

/** A member the branch may make responsible for a topic: an active 支委 of that branch. */
export function canBeResponsible(member: BranchOfficer, branchId: string): boolean {
  return member.active && member.branchId === branchId && isCommittee(member)
}

/**
 * Who an alert of a topic goes to: the branch's 书记 (副书记 while there is none), and the committee
 * member the branch made responsible for the topic, if still one. Each person once.
 */
export function alertRecipients(topic: AlertTopic, branchId: string, officers: readonly BranchOfficer[], assignments: AlertAssignments): BranchOfficer[] {
  const active = officers.filter((officer) => officer.active && officer.branchId === branchId)
  const secretaries = active.filter((officer) => officer.roles.includes('secretary'))
  const leads = secretaries.length > 0 ? secretaries : active.filter((officer) => officer.roles.includes('deputy_secretary'))
  const assignedId = assignments[topic]
  const assigned = active.find((officer) => officer._id === assignedId && canBeResponsible(officer, branchId))
  const recipients = [...leads, ...(assigned ? [assigned] : [])]
  return recipients.filter((officer, index) => recipients.findIndex((other) => other._id === officer._id) === index)
}
