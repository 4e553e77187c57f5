import { isAttended, isHeld, isInAudience } from '../attendance'
import type { EvidenceKind, ReviewState } from '../model'
import type { BranchActivity, BranchAttendance, BranchEvidence, BranchMember } from './inputs'

/** Everything the rules need to know about one activity, computed once per evaluation. */
export interface ActivityFacts {
  activity: BranchActivity
  held: boolean
  /** Present or late, whoever they are. */
  attendedMemberIds: string[]
  /** Expected audience (among the branch's members) and how many of it attended; only where a quorum applies. */
  audience: { expected: number; attended: number } | null
  /** Best review state of each kind of evidence uploaded by `asOf`; kinds never uploaded are absent. */
  evidence: Partial<Record<EvidenceKind, ReviewState>>
}

const REVIEW_RANK: Record<ReviewState, number> = { reject: 0, pending: 1, pass: 2 }

/**
 * One pass over attendance and evidence: the only loop over all rows of the
 * branch. The expected audience is counted only for activities that need a
 * quorum, which keeps the per-member audience checks off most of the rows.
 */
export function collectActivityFacts(
  activities: readonly BranchActivity[],
  members: readonly BranchMember[],
  attendance: readonly BranchAttendance[],
  evidence: readonly BranchEvidence[],
  asOf: Date,
  needsQuorum: (activity: BranchActivity) => boolean,
): ActivityFacts[] {
  const facts: ActivityFacts[] = []
  const factById = new Map<string, ActivityFacts>()
  for (const activity of activities) {
    let audience: ActivityFacts['audience'] = null
    if (needsQuorum(activity)) {
      audience = { expected: 0, attended: 0 }
      for (const member of members) if (isInAudience(member, activity)) audience.expected += 1
    }
    const fact: ActivityFacts = { activity, held: isHeld(activity, asOf), attendedMemberIds: [], audience, evidence: {} }
    facts.push(fact)
    factById.set(activity._id, fact)
  }

  const memberById = new Map(members.map((member) => [member._id, member]))
  for (const record of attendance) {
    if (!isAttended(record.state)) continue
    const fact = factById.get(record.activityId)
    if (!fact) continue
    fact.attendedMemberIds.push(record.memberId)
    if (fact.audience === null) continue
    const member = memberById.get(record.memberId)
    if (member && isInAudience(member, fact.activity)) fact.audience.attended += 1
  }

  for (const item of evidence) {
    const fact = factById.get(item.activityId)
    if (!fact || item.uploadedAt.getTime() > asOf.getTime()) continue
    const known = fact.evidence[item.kind]
    if (known === undefined || REVIEW_RANK[item.review] > REVIEW_RANK[known]) fact.evidence[item.kind] = item.review
  }
  return facts
}
