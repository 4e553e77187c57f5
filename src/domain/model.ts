import { z } from 'zod'

/**
 * Stored documents (cloud database). Instants are Date objects in the database;
 * everything that crosses the network is an ISO string (see contracts/).
 */

export const ORG_KINDS = ['party_committee', 'general_branch', 'branch', 'group'] as const
export const orgKindSchema = z.enum(ORG_KINDS)
export type OrgKind = z.infer<typeof orgKindSchema>
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  party_committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
}

export const MEMBER_CATEGORIES = ['teacher', 'student', 'retired'] as const
export const memberCategorySchema = z.enum(MEMBER_CATEGORIES)
export type MemberCategory = z.infer<typeof memberCategorySchema>
export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = {
  teacher: '教工',
  student: '学生',
  retired: '离退休',
}

export const PARTY_STATUSES = ['full', 'probationary'] as const
export const partyStatusSchema = z.enum(PARTY_STATUSES)
export type PartyStatus = z.infer<typeof partyStatusSchema>
export const PARTY_STATUS_LABELS: Record<PartyStatus, string> = {
  full: '正式党员',
  probationary: '预备党员',
}

/** Offices inside a branch. secretary..discipline form the 支部委员会. */
export const BRANCH_ROLES = [
  'secretary',
  'deputy_secretary',
  'organization',
  'publicity',
  'discipline',
  'group_leader',
] as const
export const branchRoleSchema = z.enum(BRANCH_ROLES)
export type BranchRole = z.infer<typeof branchRoleSchema>
export const BRANCH_ROLE_LABELS: Record<BranchRole, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organization: '组织委员',
  publicity: '宣传委员',
  discipline: '纪检委员',
  group_leader: '党小组长',
}
export const COMMITTEE_ROLES: readonly BranchRole[] = [
  'secretary',
  'deputy_secretary',
  'organization',
  'publicity',
  'discipline',
]

export const orgSchema = z.object({
  _id: z.string(),
  kind: orgKindSchema,
  name: z.string().min(1),
  parentId: z.string().nullable(),
  /** Ids of every ancestor, root first: scope checks are one `in` query. */
  ancestorIds: z.array(z.string()),
  /** Branches only. */
  category: memberCategorySchema.optional(),
  isCombined: z.boolean().optional(),
  committeeTermStart: z.date().nullable().optional(),
  sortOrder: z.number().int().default(0),
})
export type Org = z.infer<typeof orgSchema>

export const memberSchema = z.object({
  _id: z.string(),
  name: z.string().min(1),
  /** 学号 or 工号, unique across the university. */
  number: z.string().min(1),
  category: memberCategorySchema,
  partyStatus: partyStatusSchema,
  joinedAt: z.date(),
  phone: z.string().nullable(),
  branchId: z.string(),
  groupId: z.string().nullable(),
  roles: z.array(branchRoleSchema),
  isLeadingCadre: z.boolean(),
  isDualLeader: z.boolean(),
  /** General branches or the party committee this person administers. */
  adminOrgIds: z.array(z.string()),
  /**
   * WeChat identity bound to this roster entry; absent (never null) while unbound, because
   * CloudBase's unique index, like MongoDB's, would count every null as the same value.
   */
  openid: z.string().min(1).optional(),
  active: z.boolean(),
})
export type Member = z.infer<typeof memberSchema>

export const ACTIVITY_STATUSES = ['scheduled', 'cancelled', 'closed'] as const
export const activityStatusSchema = z.enum(ACTIVITY_STATUSES)
export type ActivityStatus = z.infer<typeof activityStatusSchema>

export const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('branch') }),
  z.object({ kind: z.literal('committee') }),
  z.object({ kind: z.literal('group'), groupId: z.string() }),
  z.object({ kind: z.literal('branches'), branchIds: z.array(z.string()).min(1) }),
])
export type Audience = z.infer<typeof audienceSchema>

export const geofenceSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  radiusMeters: z.number().positive().max(5000),
})
export type Geofence = z.infer<typeof geofenceSchema>

export const activitySchema = z.object({
  _id: z.string(),
  /** The branch that hosts the activity. */
  branchId: z.string(),
  /** Activity type ids from the ruleset; one activity may count for several. */
  types: z.array(z.string()).min(1),
  topic: z.string().min(1),
  startAt: z.date(),
  endAt: z.date(),
  place: z.string(),
  speakerMemberId: z.string().nullable(),
  speakerName: z.string().nullable(),
  audience: audienceSchema,
  creditHours: z.number().min(0),
  checkinOpensAt: z.date(),
  checkinClosesAt: z.date(),
  geofence: geofenceSchema.nullable(),
  status: activityStatusSchema,
  closedAt: z.date().nullable(),
  cancelReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.date(),
})
export type Activity = z.infer<typeof activitySchema>

export const ATTENDANCE_STATES = ['present', 'late', 'leave', 'absent'] as const
export const attendanceStateSchema = z.enum(ATTENDANCE_STATES)
export type AttendanceState = z.infer<typeof attendanceStateSchema>
export const ATTENDANCE_STATE_LABELS: Record<AttendanceState, string> = {
  present: '出席',
  late: '迟到',
  leave: '请假',
  absent: '缺席',
}

export const attendanceSchema = z.object({
  /** `${activityId}_${memberId}`: one record per member per activity. */
  _id: z.string(),
  activityId: z.string(),
  memberId: z.string(),
  branchId: z.string(),
  state: attendanceStateSchema,
  signedInAt: z.date().nullable(),
  method: z.enum(['qr', 'manual', 'leave', 'close']),
  recordedBy: z.string().nullable(),
  /** 补学 confirmed by the secretary: clears the absence flag. */
  makeupConfirmedAt: z.date().nullable(),
})
export type Attendance = z.infer<typeof attendanceSchema>

export const EVIDENCE_KINDS = ['photo', 'minutes'] as const
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS)
export type EvidenceKind = z.infer<typeof evidenceKindSchema>

export const REVIEW_STATES = ['pending', 'pass', 'reject'] as const
export const reviewStateSchema = z.enum(REVIEW_STATES)
export type ReviewState = z.infer<typeof reviewStateSchema>

export const evidenceSchema = z.object({
  _id: z.string(),
  activityId: z.string(),
  branchId: z.string(),
  kind: evidenceKindSchema,
  fileId: z.string().nullable(),
  text: z.string().nullable(),
  review: reviewStateSchema,
  uploadedBy: z.string(),
  uploadedAt: z.date(),
})
export type Evidence = z.infer<typeof evidenceSchema>

export const studyRecordSchema = z.object({
  _id: z.string(),
  memberId: z.string(),
  branchId: z.string(),
  title: z.string().min(1),
  hours: z.number().positive(),
  studiedAt: z.date(),
  proofFileId: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  reviewedBy: z.string().nullable(),
})
export type StudyRecord = z.infer<typeof studyRecordSchema>
