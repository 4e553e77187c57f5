export { assessBranch } from './assess'
export type { BranchAssessment, BranchAssessmentInput } from './assess'
export { evaluateBranch, lineTitle } from './evaluate'
export type {
  BranchEvaluation,
  BranchEvaluationInput,
  EvidenceGap,
  LeadingCadreAttendance,
  LightReason,
  LightReasonCode,
  NotCountedReason,
  RequirementLine,
  UncountedActivity,
} from './evaluate'
export type {
  BranchActivity,
  BranchAttendance,
  BranchEvidence,
  BranchMember,
  BranchOrg,
  GroupOrg,
} from './inputs'
export {
  AWAITING_EVIDENCE_LABEL,
  GRADES,
  GRADE_LABELS,
  LIGHTS,
  LIGHT_LABELS,
  NOT_COUNTED_REASON_CODES,
  NOT_COUNTED_REASON_LABELS,
  REQUIREMENT_STATUSES,
  REQUIREMENT_STATUS_LABELS,
} from './labels'
export type { Grade, Light, NotCountedReasonCode, RequirementStatus } from './labels'
export { gradeOf, manualScoreSchema, scoreBranch } from './scoring'
export type { ManualScore, ScoreDeduction, ScoreSheet, ScoreSheetInput, ScoredIndicator, ScoredItem } from './scoring'
export { SETUP_CHECK_LABELS, SETUP_SEVERITY_LABELS, branchHasCommittee, checkBranchSetup } from './setup'
export type { BranchSetupInput, BranchSetupReport, SetupCheck } from './setup'

export {
  expectedAudience,
  isAbsenceFlagged,
  isAttended,
  isCommitteeMember,
  isHeld,
  isInAudience,
  participatingBranchIds,
  signInState,
  summarizeAttendance,
} from '../attendance'
export type { AttendanceRecord, AttendanceSummary, AudienceActivity, AudienceMember } from '../attendance'
export {
  PACE_STATUS_LABELS,
  defaultCreditHours,
  isLeader,
  roundDownCredit,
  studyPace,
  summarizeStudyHours,
  yearlyTarget,
} from '../study-hours'
export type {
  CreditActivity,
  CreditAttendance,
  MemberStudyHours,
  PaceStatus,
  SelfStudyRecord,
  StudyHoursInput,
  StudyHoursSummary,
  StudyMember,
  StudyPace,
} from '../study-hours'
export { OVERVIEW_FIELDS, branchSummaryId, overviewStats, overviewStatsSchema, summarizeAssessment } from './summary'
export type { BranchSummary, OverviewFields, OverviewStats, SummaryLine } from './summary'
export { AT_RISK_SHARE_OF_PERIOD, isAtRisk, urgentCounts } from './risk'
export type { RiskLine } from './risk'
