/**
 * A synthetic university for the benchmarks (deterministic, fixed seed): 300 branches ×
 * 40 members × one year (2026) of activities with realistic audiences (whole branch,
 * 支委会, 党小组) and their attendance, evidence and self-study — about 1M attendance rows.
 */
import { participatingBranchIds } from '../src/domain/attendance'
import type { ManualScore } from '../src/domain/compliance'
import type { Activity, Attendance, AttendanceState, Evidence, Member, Org, StudyRecord } from '../src/domain/model'
import { resolveRuleset } from '../src/domain/ruleset'
import type { Ruleset } from '../src/domain/ruleset'
import { defaultCreditHours } from '../src/domain/study-hours'
import { createRandom } from '../cloud-runtime/seed/random'

const SEED = 20260101
export const BRANCH_COUNT = 300
const MEMBERS_PER_BRANCH = 40
const GROUPS_PER_BRANCH = 2
export const YEAR = 2026
/** Extra whole-branch 集中学习 sessions a year: with the 57 required-type activities they bring a branch to ≈1M rows over 300 branches. */
const STUDY_SESSIONS_PER_YEAR = 49
export const AS_OF = new Date('2027-01-15T10:00:00+08:00')

const { next: random, chance } = createRandom(SEED)
const integerBelow = (limit: number) => Math.floor(random() * limit)

/** A Beijing wall-clock time as an instant. */
function beijing(month: number, day: number, hour: number, minute = 0, year = YEAR): Date {
  return new Date(Date.UTC(year, month - 1, day, hour - 8, minute))
}

export interface BranchData {
  branch: Org
  groups: Org[]
  members: Member[]
  activities: Activity[]
  attendance: Attendance[]
  evidence: Evidence[]
  studyRecords: StudyRecord[]
  manualScores: ManualScore[]
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']
const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞']

function generateMembers(branchId: string, groupIds: string[], isTeacherBranch: boolean, weak: boolean): Member[] {
  const members: Member[] = []
  const membersPerGroup = MEMBERS_PER_BRANCH / groupIds.length
  for (let index = 0; index < MEMBERS_PER_BRANCH; index += 1) {
    const roles: Member['roles'] = []
    if (index === 0) roles.push('secretary')
    if (index === 1) roles.push('deputy_secretary')
    if (index >= 2 && index <= 4 && !(weak && index > 2)) roles.push((['organization', 'publicity', 'discipline'] as const)[index - 2])
    if (index % membersPerGroup === 5) roles.push('group_leader')
    members.push({
      _id: `${branchId}-m${index}`,
      name: `${SURNAMES[integerBelow(SURNAMES.length)]}${GIVEN_NAMES[integerBelow(GIVEN_NAMES.length)]}`,
      number: `${branchId}${String(index).padStart(3, '0')}`,
      category: isTeacherBranch ? 'teacher' : 'student',
      partyStatus: chance(0.9) ? 'full' : 'probationary',
      joinedAt: beijing(1 + integerBelow(12), 1 + integerBelow(28), 9, 0, 2000 + integerBelow(25)),
      phone: null,
      branchId,
      groupId: groupIds[Math.floor(index / membersPerGroup)],
      roles,
      isLeadingCadre: isTeacherBranch && index >= 6 && index < 8,
      isDualLeader: index === 0 && isTeacherBranch && chance(0.8),
      adminOrgIds: [],
      active: true,
    })
  }
  return members
}

function generateBranch(branchIndex: number): BranchData {
  const branchId = `b${String(branchIndex).padStart(3, '0')}`
  const isTeacherBranch = branchIndex % 2 === 0
  /** A tenth of the branches are weak: fewer committee members, poorer attendance, more gaps. */
  const weak = chance(0.1)
  const groupIds = Array.from({ length: GROUPS_PER_BRANCH }, (_, index) => `${branchId}-g${index + 1}`)
  const branch: Org = {
    _id: branchId,
    kind: 'branch',
    name: `第${branchIndex + 1}党支部`,
    parentId: `gb${Math.floor(branchIndex / 10)}`,
    ancestorIds: ['pc', `gb${Math.floor(branchIndex / 10)}`],
    category: isTeacherBranch ? 'teacher' : 'student',
    isCombined: false,
    committeeTermStart: beijing(1 + integerBelow(12), 1 + integerBelow(28), 9, 0, 2023 + integerBelow(4)),
    sortOrder: branchIndex,
  }
  const groups: Org[] = groupIds.map((groupId, index) => ({
    _id: groupId,
    kind: 'group',
    name: `第${index + 1}党小组`,
    parentId: branchId,
    ancestorIds: [...branch.ancestorIds, branchId],
    sortOrder: index,
  }))
  const members = generateMembers(branchId, groupIds, isTeacherBranch, weak)
  const data: BranchData = { branch, groups, members, activities: [], attendance: [], evidence: [], studyRecords: [], manualScores: [] }
  const skipProbability = weak ? 0.2 : 0.005
  const attendProbability = weak ? 0.55 : 0.88

  const addActivity = (
    types: string[],
    topic: string,
    startAt: Date,
    hours: number,
    audience: Activity['audience'],
    speakerMemberId: string | null = null,
  ) => {
    const activityId = `${branchId}-a${data.activities.length}`
    const endAt = new Date(startAt.getTime() + hours * 3600000)
    const past = endAt.getTime() < AS_OF.getTime()
    const status: Activity['status'] = !past ? 'scheduled' : chance(0.005) ? 'cancelled' : chance(0.005) ? 'scheduled' : 'closed'
    const activity: Activity = {
      _id: activityId,
      branchId,
      types,
      topic,
      startAt,
      endAt,
      place: '党员活动室',
      speakerMemberId,
      speakerName: null,
      audience,
      participantBranchIds: participatingBranchIds({ branchId, audience }),
      creditHours: defaultCreditHours({ startAt, endAt }, ruleset),
      checkinOpensAt: new Date(startAt.getTime() - 1800000),
      checkinClosesAt: new Date(endAt.getTime() + 1800000),
      geofence: null,
      status,
      closedAt: status === 'closed' ? new Date(endAt.getTime() + 3600000) : null,
      cancelReason: status === 'cancelled' ? '时间冲突' : null,
      createdBy: members[0]._id,
      createdAt: new Date(startAt.getTime() - 7 * 86400000),
    }
    data.activities.push(activity)
    if (status !== 'closed') return

    const audienceMembers = members.filter((member) =>
      audience.kind === 'committee'
        ? member.roles.some((role) => role !== 'group_leader')
        : audience.kind === 'group'
          ? member.groupId === audience.groupId
          : true,
    )
    for (const member of audienceMembers) {
      const attends = chance(attendProbability)
      const state: AttendanceState = attends ? (chance(0.08) ? 'late' : 'present') : chance(0.5) ? 'leave' : 'absent'
      const signedInAt = attends ? new Date(startAt.getTime() + (state === 'late' ? 20 : -5) * 60000) : null
      data.attendance.push({
        _id: `${activityId}_${member._id}`,
        activityId,
        memberId: member._id,
        branchId,
        state,
        signedInAt,
        method: attends ? 'qr' : state === 'leave' ? 'leave' : 'close',
        recordedBy: attends ? null : members[0]._id,
        makeupConfirmedAt: state === 'absent' && chance(0.3) ? new Date(endAt.getTime() + 5 * 86400000) : null,
      })
    }
    const evidenceProbability = weak ? 0.8 : 0.995
    const uploadedAt = new Date(endAt.getTime() + 2 * 3600000)
    if (chance(evidenceProbability)) {
      const review = chance(0.99) ? 'pass' : chance(0.5) ? 'pending' : 'reject'
      data.evidence.push({ _id: `${activityId}-p`, activityId, branchId, kind: 'photo', fileId: `evidence/${branchId}/${activityId}/p.jpg`, text: null, review, uploadedBy: members[0]._id, uploadedAt })
    }
    if (chance(evidenceProbability)) {
      data.evidence.push({ _id: `${activityId}-m`, activityId, branchId, kind: 'minutes', fileId: null, text: '会议记录', review: 'pass', uploadedBy: members[0]._id, uploadedAt })
    }
  }

  const whole: Activity['audience'] = { kind: 'branch' }
  for (let month = 1; month <= 12; month += 1) {
    const alsoLecture = month % 4 === 0
    if (!chance(skipProbability)) {
      addActivity(alsoLecture ? ['theme_day', 'party_lecture'] : ['theme_day'], `${month}月主题党日`, beijing(month, 15, 14, 30), 2, whole)
    }
    if (!chance(skipProbability)) addActivity(['committee_meeting'], `${month}月支委会`, beijing(month, 5, 12, 30), 1, { kind: 'committee' })
    for (const groupId of groupIds) {
      if (!chance(skipProbability)) {
        addActivity(['group_meeting'], `${month}月党小组会`, beijing(month, 8 + integerBelow(10), 19), 1.5, { kind: 'group', groupId })
      }
    }
    if (month % 3 === 0 && !chance(skipProbability)) {
      addActivity(['party_congress'], `第${month / 3}季度党员大会`, beijing(month, 20, 15), 2, whole)
    }
  }
  // The 2025 autumn semester runs into January 2026: its 党课 are part of the picture.
  addActivity(['party_lecture'], '秋季学期党课（一）', beijing(10, 23, 15, 0, YEAR - 1), 2, whole, members[2]._id)
  addActivity(['party_lecture'], '秋季学期党课（二）', beijing(12, 4, 15, 0, YEAR - 1), 2, whole, members[3]._id)
  addActivity(['party_lecture'], '书记讲党课', beijing(5, 22, 15), 2, whole, weak ? members[1]._id : members[0]._id)
  addActivity(['party_lecture'], '专题党课', beijing(10, 22, 15), 2, whole, members[2]._id)
  addActivity(['party_lecture'], '党史学习党课', beijing(11, 26, 15), 2, whole, members[3]._id)
  if (!chance(skipProbability)) addActivity(['org_life_meeting'], '年度组织生活会', beijing(12, 10, 14), 3, whole)
  if (!chance(skipProbability)) addActivity(['democratic_review'], '民主评议党员', beijing(12, 17, 14), 3, whole)
  for (let session = 0; session < STUDY_SESSIONS_PER_YEAR; session += 1) {
    const dayOfYear = Math.floor((session * 360) / STUDY_SESSIONS_PER_YEAR) + integerBelow(5)
    const date = new Date(Date.UTC(YEAR, 0, 1 + dayOfYear))
    addActivity(['collective_study'], '集中学习', beijing(date.getUTCMonth() + 1, date.getUTCDate(), 16), 1.5, whole)
  }

  for (const member of members) {
    for (let index = integerBelow(4); index > 0; index -= 1) {
      data.studyRecords.push({
        _id: `${member._id}-s${index}`,
        memberId: member._id,
        branchId,
        title: '学习强国专题学习',
        hours: 2 + integerBelow(7),
        studiedAt: beijing(1 + integerBelow(12), 1 + integerBelow(28), 20),
        proofFileId: null,
        status: chance(0.85) ? 'approved' : 'pending',
        reviewedBy: null,
      })
    }
  }

  for (const [itemId, item] of Object.entries(ruleset.scoring.items)) {
    if (item.method.kind === 'manual') {
      data.manualScores.push({ itemId, score: Math.round(item.maxScore * (0.6 + random() * 0.4) * 2) / 2, comment: '材料齐全' })
    }
  }
  return data
}

export const ruleset: Ruleset = resolveRuleset({
  activityTypes: { collective_study: { label: '集中学习', quorumShare: null, requiredEvidence: ['photo'] } },
})

/** Every branch of the synthetic university; call once per process (the generator's random stream is shared). */
export function generateUniversity(): BranchData[] {
  return Array.from({ length: BRANCH_COUNT }, (_, index) => generateBranch(index))
}
