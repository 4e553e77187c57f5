/**
 * Every collection of the cloud database and its indexes, declared once.
 * The local runtime creates these indexes (unique ones enforced); the README
 * and `npm run print:indexes` list them for a real CloudBase environment.
 */
export interface IndexField {
  field: string
  direction: 1 | -1
}

export interface IndexDefinition {
  name: string
  fields: IndexField[]
  unique: boolean
  /** Unique only over documents that have the field (an unbound member has no openid). */
  sparse?: boolean
}

export interface CollectionDefinition {
  name: string
  description: string
  indexes: IndexDefinition[]
}

const asc = (field: string): IndexField => ({ field, direction: 1 })
const desc = (field: string): IndexField => ({ field, direction: -1 })

export const COLLECTIONS = {
  orgs: {
    name: 'orgs',
    description: '组织树：党委、党总支、党支部、党小组',
    indexes: [
      { name: 'parentId', fields: [asc('parentId')], unique: false },
      { name: 'ancestorIds', fields: [asc('ancestorIds')], unique: false },
    ],
  },
  members: {
    name: 'members',
    description: '党员花名册（含微信身份绑定）',
    indexes: [
      { name: 'number_unique', fields: [asc('number')], unique: true },
      { name: 'openid_unique', fields: [asc('openid')], unique: true, sparse: true },
      { name: 'branchId_name', fields: [asc('branchId'), asc('name')], unique: false },
    ],
  },
  activities: {
    name: 'activities',
    description: '组织生活活动（三会一课、主题党日等）',
    indexes: [
      { name: 'branchId_startAt', fields: [asc('branchId'), desc('startAt')], unique: false },
      { name: 'status_startAt', fields: [asc('status'), asc('startAt')], unique: false },
      { name: 'participantBranchIds_startAt', fields: [asc('participantBranchIds'), desc('startAt')], unique: false },
      { name: 'invitedBranchIds_startAt', fields: [asc('invitedBranchIds'), asc('startAt')], unique: false },
      { name: 'jointInvitationBranch_startAt', fields: [asc('jointInvitations.branchId'), desc('startAt')], unique: false },
    ],
  },
  attendance: {
    name: 'attendance',
    description: '签到与出勤记录（每人每活动一条）',
    indexes: [
      { name: 'activity_member_unique', fields: [asc('activityId'), asc('memberId')], unique: true },
      { name: 'memberId', fields: [asc('memberId')], unique: false },
      { name: 'branchId', fields: [asc('branchId')], unique: false },
    ],
  },
  evidence: {
    name: 'evidence',
    description: '痕迹：活动照片与会议记录',
    indexes: [
      { name: 'activityId', fields: [asc('activityId')], unique: false },
      { name: 'branchId_uploadedAt', fields: [asc('branchId'), desc('uploadedAt')], unique: false },
      { name: 'traceId', fields: [asc('traceId')], unique: false },
    ],
  },
  evidenceLogs: {
    name: 'evidence_logs',
    description: '痕迹变更记录（上传、删除、内容审核结果）',
    indexes: [{ name: 'activityId_at', fields: [asc('activityId'), asc('at')], unique: false }],
  },
  ledgerJobs: {
    name: 'ledger_jobs',
    description: '台账导出任务（进度与生成的文件）',
    indexes: [{ name: 'branchId_createdAt', fields: [asc('branchId'), desc('createdAt')], unique: false }],
  },
  studyRecords: {
    name: 'study_records',
    description: '自学学时申报',
    indexes: [
      { name: 'memberId_studiedAt', fields: [asc('memberId'), desc('studiedAt')], unique: false },
      { name: 'branchId_status', fields: [asc('branchId'), asc('status')], unique: false },
      { name: 'branchId_reviewedAt', fields: [asc('branchId'), desc('reviewedAt')], unique: false },
    ],
  },
  leaveRequests: {
    name: 'leave_requests',
    description: '请假申请（每人每活动一条）',
    indexes: [
      { name: 'activity_member_unique', fields: [asc('activityId'), asc('memberId')], unique: true },
      { name: 'branchId_status', fields: [asc('branchId'), asc('status')], unique: false },
      { name: 'branchId_reviewedAt', fields: [asc('branchId'), desc('reviewedAt')], unique: false },
      { name: 'memberId', fields: [asc('memberId')], unique: false },
    ],
  },
  makeups: {
    name: 'makeups',
    description: '补学（学习心得与审批状态，每人每活动一条）',
    indexes: [
      { name: 'activity_member_unique', fields: [asc('activityId'), asc('memberId')], unique: true },
      { name: 'branchId_status', fields: [asc('branchId'), asc('status')], unique: false },
      { name: 'branchId_reviewedAt', fields: [asc('branchId'), desc('reviewedAt')], unique: false },
      { name: 'memberId', fields: [asc('memberId')], unique: false },
    ],
  },
  activityLogs: {
    name: 'activity_logs',
    description: '活动变更记录（谁、何时、改了什么）',
    indexes: [{ name: 'activityId_at', fields: [asc('activityId'), asc('at')], unique: false }],
  },
  reminders: {
    name: 'reminders',
    description: '活动开始前的订阅消息提醒（每人每活动一条）',
    indexes: [
      { name: 'activity_member_unique', fields: [asc('activityId'), asc('memberId')], unique: true },
      { name: 'status_startAt', fields: [asc('status'), asc('startAt')], unique: false },
    ],
  },
  outbox: {
    name: 'dev_outbox',
    description: '仅本地运行时：模拟发送的订阅消息',
    indexes: [{ name: 'sentAt', fields: [desc('sentAt')], unique: false }],
  },
  bindRequests: {
    name: 'bind_requests',
    description: '微信身份绑定申请（待书记审批）',
    indexes: [
      { name: 'pendingOpenid_unique', fields: [asc('pendingOpenid')], unique: true, sparse: true },
      { name: 'pendingMemberId_unique', fields: [asc('pendingMemberId')], unique: true, sparse: true },
      { name: 'branchId_status', fields: [asc('branchId'), asc('status')], unique: false },
      { name: 'branchId_decidedAt', fields: [asc('branchId'), desc('decidedAt')], unique: false },
    ],
  },
  inviteCodes: {
    name: 'invite_codes',
    description: '绑定邀请码（一次性、有效期，仅存哈希）',
    indexes: [
      { name: 'codeHash_unique', fields: [asc('codeHash')], unique: true },
      { name: 'memberId', fields: [asc('memberId')], unique: false },
    ],
  },
  auditLog: {
    name: 'audit_log',
    description: '审计记录：导入、职务变更、组织关系转接、绑定与解绑、规则集修改',
    indexes: [
      { name: 'branchId_at', fields: [asc('branchId'), desc('at')], unique: false },
      { name: 'targetMemberId', fields: [asc('targetMemberId')], unique: false },
      { name: 'targetOrgId_at', fields: [asc('targetOrgId'), desc('at')], unique: false },
    ],
  },
  branchSummaries: {
    name: 'branch_summaries',
    description: '各支部每年的达标汇总（看板只读它）',
    indexes: [
      { name: 'ancestorIds_year', fields: [asc('ancestorIds'), asc('year')], unique: false },
      { name: 'branchId_year_unique', fields: [asc('branchId'), asc('year')], unique: true },
    ],
  },
  summaryRequests: {
    name: 'summary_requests',
    description: '汇总重算请求计数（防止并发时旧结果覆盖新结果）',
    indexes: [],
  },
  manualScores: {
    name: 'manual_scores',
    description: '达标测评表的人工评分项',
    indexes: [{ name: 'branchId_year', fields: [asc('branchId'), asc('year')], unique: false }],
  },
  claimAttempts: {
    name: 'claim_attempts',
    description: '身份绑定申请的尝试次数（按微信身份限流，防止猜测谁是党员）',
    indexes: [],
  },
  jobs: {
    name: 'jobs',
    description: '定时任务进度（分批重算的断点）',
    indexes: [],
  },
  rulesets: {
    name: 'rulesets',
    description: '规则集：党委的规则与党总支的从严规定，按生效周期分版本（每个组织一条，按组织编号读取）',
    indexes: [],
  },
  messages: {
    name: 'messages',
    description: '消息中心：预警、督办、审批结果、通报（每人每事一条，微信推送状态）',
    indexes: [
      { name: 'memberId_createdAt', fields: [asc('memberId'), desc('createdAt')], unique: false },
      { name: 'memberId_readAt', fields: [asc('memberId'), asc('readAt')], unique: false },
      { name: 'pushStatus_createdAt', fields: [asc('pushStatus'), asc('createdAt')], unique: false },
    ],
  },
  subscriptions: {
    name: 'subscriptions',
    description: '一次性订阅消息的剩余次数（每个微信身份每个模板一条）',
    indexes: [{ name: 'openid', fields: [asc('openid')], unique: false }],
  },
  alerts: {
    name: 'alerts',
    description: '预警记录（每项每个提醒阶段一条，每项每天至多一条）',
    indexes: [
      { name: 'itemKey_day_unique', fields: [asc('itemKey'), asc('day')], unique: true },
      { name: 'branchId_createdAt', fields: [asc('branchId'), desc('createdAt')], unique: false },
    ],
  },
  alertAssignments: {
    name: 'alert_assignments',
    description: '各支部预警事项的负责支委（每支部一条）',
    indexes: [],
  },
  supervisions: {
    name: 'supervisions',
    description: '督办：党总支/党委对支部的督办、书记的回复与办理状态',
    indexes: [
      { name: 'branchId_createdAt', fields: [asc('branchId'), desc('createdAt')], unique: false },
      { name: 'ancestorIds_createdAt', fields: [asc('ancestorIds'), desc('createdAt')], unique: false },
      { name: 'state_createdAt', fields: [asc('state'), asc('createdAt')], unique: false },
      { name: 'openKey_unique', fields: [asc('openKey')], unique: true, sparse: true },
    ],
  },
  monthlyReports: {
    name: 'monthly_reports',
    description: '月度通报（每个党总支、党委每月一份）',
    indexes: [{ name: 'orgId_monthKey', fields: [asc('orgId'), desc('monthKey')], unique: false }],
  },
} as const satisfies Record<string, CollectionDefinition>

export type CollectionKey = keyof typeof COLLECTIONS
export const ALL_COLLECTIONS: CollectionDefinition[] = Object.values(COLLECTIONS)
