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

/**
 * Who is expected. For a joint activity ('branches'), `branchIds` are the guest branches that
 * take part: those whose manager accepted the invitation (see `jointInvitations`).
 */
export const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('branch') }),
  z.object({ kind: z.literal('committee') }),
  z.object({ kind: z.literal('group'), groupId: z.string() }),
  z.object({ kind: z.literal('branches'), branchIds: z.array(z.string()) }),
])
export type Audience = z.infer<typeof audienceSchema>

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined'] as const
export const INVITATION_STATUS_LABELS: Record<(typeof INVITATION_STATUSES)[number], string> = {
  pending: '待确认',
  accepted: '已接受',
  declined: '已谢绝',
}

/** A guest branch invited to a joint activity: it takes part once one of its managers accepts. */
export const jointInvitationSchema = z.object({
  branchId: z.string(),
  status: z.enum(INVITATION_STATUSES),
  respondedBy: z.string().nullable(),
  respondedAt: z.date().nullable(),
  /** Why the branch declined (asked of whoever declines). */
  reason: z.string().nullable().optional(),
})
export type JointInvitation = z.infer<typeof jointInvitationSchema>

/** Limits of a geofence: latitude and longitude in degrees, a radius above 0 and at most this many metres. */
export const GEOFENCE_LIMITS = {
  latitude: { min: -90, max: 90 },
  longitude: { min: -180, max: 180 },
  radiusMeters: { max: 5000 },
} as const

const LAT = GEOFENCE_LIMITS.latitude
const LON = GEOFENCE_LIMITS.longitude
const RADIUS_MAX = GEOFENCE_LIMITS.radiusMeters.max
export const GEOFENCE_MESSAGES = {
  latitude: `纬度须在 ${LAT.min} 到 ${LAT.max} 之间`,
  longitude: `经度须在 ${LON.min} 到 ${LON.max} 之间`,
  radiusMeters: `签到半径须大于 0 米且不超过 ${RADIUS_MAX} 米`,
} as const

export const geofenceSchema = z.object({
  latitude: z.number().min(LAT.min, GEOFENCE_MESSAGES.latitude).max(LAT.max, GEOFENCE_MESSAGES.latitude),
  longitude: z.number().min(LON.min, GEOFENCE_MESSAGES.longitude).max(LON.max, GEOFENCE_MESSAGES.longitude),
  radiusMeters: z.number().positive(GEOFENCE_MESSAGES.radiusMeters).max(RADIUS_MAX, GEOFENCE_MESSAGES.radiusMeters),
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
  /** The host and, for a joint activity, every guest branch that accepted (participatingBranchIds): one indexed field for "a branch's activities". */
  participantBranchIds: z.array(z.string()).min(1),
  /** Joint activities: every branch invited, with its answer (absent on other activities). */
  jointInvitations: z.array(jointInvitationSchema).optional(),
  /** Joint activities: the invited branches that have not answered yet (indexed: "invitations waiting for a branch"). */
  invitedBranchIds: z.array(z.string()).optional(),
  creditHours: z.number().min(0),
  /**
   * Minutes after the start a sign-in still counts as 出席, fixed from the ruleset in force at the
   * start when the activity is posted or moved, like its check-in window (older activities: absent).
   */
  lateGraceMinutes: z.number().int().min(0).optional(),
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
  /** QR sign-in inside a geofence: distance computed server-side and whether it passed (no track kept). */
  distanceMeters: z.number().nonnegative().nullable().optional(),
  withinGeofence: z.boolean().nullable().optional(),
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
  /** Uploaded files: bytes and the type read from the bytes ('jpeg', 'png', 'pdf', 'docx', 'doc'). */
  size: z.number().int().nonnegative().optional(),
  fileType: z.string().optional(),
  /** Minutes uploaded as a document: the name shown to people. */
  fileName: z.string().optional(),
  /** mediaCheckAsync task of a photo under review; its result arrives later by trace id. */
  traceId: z.string().optional(),
  reviewedAt: z.date().nullable().optional(),
})
export type Evidence = z.infer<typeof evidenceSchema>

export const EVIDENCE_LOG_ACTIONS = ['add', 'remove', 'review'] as const
/** Every change to 痕迹: who (null for WeChat's content check), when, what. */
export const evidenceLogSchema = z.object({
  _id: z.string(),
  evidenceId: z.string(),
  activityId: z.string(),
  branchId: z.string(),
  kind: evidenceKindSchema,
  action: z.enum(EVIDENCE_LOG_ACTIONS),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.date(),
  review: reviewStateSchema,
  detail: z.string().nullable(),
})
export type EvidenceLog = z.infer<typeof evidenceLogSchema>

export const LEDGER_KINDS = ['activities_xlsx', 'activities_pdf', 'members_xlsx'] as const
export const ledgerKindSchema = z.enum(LEDGER_KINDS)
export type LedgerKind = z.infer<typeof ledgerKindSchema>
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  activities_xlsx: '组织生活台账（Excel）',
  activities_pdf: '组织生活台账（PDF，含照片）',
  members_xlsx: '党员信息台账（Excel）',
}

/** One 台账 export: built by the ledger function, progress polled by the page. */
export const ledgerJobSchema = z.object({
  _id: z.string(),
  branchId: z.string(),
  kind: ledgerKindSchema,
  periodKey: z.string(),
  periodLabel: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  /** 0–100. */
  progress: z.number().min(0).max(100),
  step: z.string(),
  fileId: z.string().nullable(),
  fileName: z.string().nullable(),
  error: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
})
export type LedgerJob = z.infer<typeof ledgerJobSchema>

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
  /** When and why it was decided (absent on records reviewed before reasons were asked). */
  reviewedAt: z.date().nullable().optional(),
  reviewNote: z.string().nullable().optional(),
})
export type StudyRecord = z.infer<typeof studyRecordSchema>

/** A manual item of the 达标 sheet, scored by the general branch or party committee. */
export const manualScoreDocumentSchema = z.object({
  /** `${branchId}_${year}_${itemId}` */
  _id: z.string(),
  branchId: z.string(),
  year: z.number().int(),
  itemId: z.string(),
  score: z.number().min(0),
  comment: z.string(),
  scoredBy: z.string(),
  scoredAt: z.date(),
})
export type ManualScoreDocument = z.infer<typeof manualScoreDocumentSchema>

/* ---- Activities and check-in (leave, 补学, change log, reminders) ---- */

/** 'withdrawn': a leave request the member took back before the start. */
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const
export const requestStatusSchema = z.enum(REQUEST_STATUSES)
export type RequestStatus = z.infer<typeof requestStatusSchema>
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  pending: '待审批',
  approved: '已同意',
  rejected: '未同意',
  withdrawn: '已撤回',
}

/** 请假: `${activityId}_${memberId}`; an approved one becomes an attendance record (state 'leave'). */
export const leaveRequestSchema = z.object({
  _id: z.string(),
  activityId: z.string(),
  memberId: z.string(),
  branchId: z.string(),
  reason: z.string().min(1),
  status: requestStatusSchema,
  requestedAt: z.date(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.date().nullable(),
  reviewNote: z.string().nullable(),
})
export type LeaveRequest = z.infer<typeof leaveRequestSchema>

/** 补学: `${activityId}_${memberId}`; approval sets Attendance.makeupConfirmedAt. */
export const makeupSchema = z.object({
  _id: z.string(),
  activityId: z.string(),
  memberId: z.string(),
  branchId: z.string(),
  reflection: z.string().min(1),
  status: requestStatusSchema,
  submittedAt: z.date(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.date().nullable(),
  reviewNote: z.string().nullable(),
})
export type Makeup = z.infer<typeof makeupSchema>

export const ACTIVITY_LOG_ACTIONS = ['post', 'edit', 'cancel', 'close', 'leave_review', 'manual_signin', 'makeup_review', 'joint_response'] as const
export const activityLogActionSchema = z.enum(ACTIVITY_LOG_ACTIONS)
export type ActivityLogAction = z.infer<typeof activityLogActionSchema>

/** Who changed what and when: one entry per change to an activity. */
export const activityLogSchema = z.object({
  _id: z.string(),
  activityId: z.string(),
  branchId: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  at: z.date(),
  action: activityLogActionSchema,
  /** Changed fields, values as shown to people. */
  changes: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  note: z.string().nullable(),
})
export type ActivityLog = z.infer<typeof activityLogSchema>

/** 提醒我: one per member per activity (`${activityId}_${memberId}`), sent once by the reminder timer. */
export const reminderSchema = z.object({
  _id: z.string(),
  activityId: z.string(),
  memberId: z.string(),
  openid: z.string(),
  templateId: z.string(),
  startAt: z.date(),
  status: z.enum(['pending', 'sent', 'failed', 'skipped']),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  error: z.string().nullable(),
})
export type Reminder = z.infer<typeof reminderSchema>

/** Local runtime only: subscribe messages "sent" by the openapi stand-in (GET /dev/outbox). */
export const outboxMessageSchema = z.object({
  _id: z.string(),
  kind: z.literal('subscribeMessage'),
  touser: z.string(),
  templateId: z.string(),
  page: z.string(),
  data: z.record(z.string(), z.object({ value: z.string() })),
  sentAt: z.date(),
})
export type OutboxMessage = z.infer<typeof outboxMessageSchema>

export const BIND_METHODS = ['number', 'invite'] as const
export const bindMethodSchema = z.enum(BIND_METHODS)
export type BindMethod = z.infer<typeof bindMethodSchema>
export const BIND_METHOD_LABELS: Record<BindMethod, string> = { number: '姓名+学号/工号', invite: '邀请码' }

/** A WeChat identity asking to be bound to a roster entry; the secretary (or an admin above) decides. */
export const bindRequestSchema = z.object({
  _id: z.string(),
  openid: z.string().min(1),
  memberId: z.string(),
  branchId: z.string(),
  method: bindMethodSchema,
  status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
  /**
   * Present only while pending (sparse unique indexes): one pending request per identity
   * and per roster entry, so simultaneous claims and approvals cannot both win.
   */
  pendingOpenid: z.string().optional(),
  pendingMemberId: z.string().optional(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
})
export type BindRequest = z.infer<typeof bindRequestSchema>

/** A single-use, expiring invite code the secretary hands to one member; only its hash is stored. */
export const inviteCodeSchema = z.object({
  _id: z.string(),
  codeHash: z.string(),
  memberId: z.string(),
  branchId: z.string(),
  createdBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  usedAt: z.date().nullable(),
})
export type InviteCode = z.infer<typeof inviteCodeSchema>

/** Who did what to whom: imports, role changes, transfers, binding and unbinding. */
export const auditLogSchema = z.object({
  _id: z.string(),
  at: z.date(),
  actorMemberId: z.string().nullable(),
  action: z.string(),
  branchId: z.string().nullable(),
  targetMemberId: z.string().nullable(),
  targetOrgId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
})
export type AuditLog = z.infer<typeof auditLogSchema>
