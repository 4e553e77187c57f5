export const REQUIREMENT_STATUSES = ['done', 'open', 'due_soon', 'missed', 'not_applicable'] as const
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number]
export const REQUIREMENT_STATUS_LABELS: Record<RequirementStatus, string> = {
  done: '已完成',
  open: '进行中',
  due_soon: '临期',
  missed: '未完成',
  not_applicable: '不适用',
}

export const LIGHTS = ['green', 'amber', 'red'] as const
export type Light = (typeof LIGHTS)[number]
export const LIGHT_LABELS: Record<Light, string> = {
  green: '绿灯',
  amber: '黄灯',
  red: '红灯',
}

/** Why an activity of the requirement's type did not count, in the order they are checked. */
export const NOT_COUNTED_REASON_CODES = [
  'cancelled',
  'not_closed',
  'wrong_audience',
  'speaker_mismatch',
  'no_attendance',
  'no_quorum',
  'missing_photo',
  'missing_minutes',
] as const
export type NotCountedReasonCode = (typeof NOT_COUNTED_REASON_CODES)[number]
export const NOT_COUNTED_REASON_LABELS: Record<NotCountedReasonCode, string> = {
  cancelled: '活动已取消',
  not_closed: '活动尚未结束',
  wrong_audience: '参加对象不符',
  speaker_mismatch: '主讲人不符',
  no_attendance: '无签到记录',
  no_quorum: '未达到法定人数',
  missing_photo: '缺少照片',
  missing_minutes: '缺少会议记录',
}

/** Reasons that only mean 待补痕迹: the activity was held but its evidence is incomplete. */
export const EVIDENCE_REASON_CODES: readonly NotCountedReasonCode[] = ['missing_photo', 'missing_minutes']

export const AWAITING_EVIDENCE_LABEL = '待补痕迹'

export const GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const
export type Grade = (typeof GRADES)[number]
export const GRADE_LABELS: Record<Grade, string> = {
  excellent: '优秀',
  qualified: '达标',
  basic: '基本达标',
  unqualified: '不达标',
}
