export { DEFAULT_RULESET } from './default-ruleset'
export { activityTypeLabel, describeRequirement, speakerLabel } from './labels'
export { RulesetValidationError, parseRuleset, resolveRuleset } from './resolve'
export { rulesetIssues } from './issues'
export type { RulesetIssue } from './issues'
export { singleRuleset, timelineOf } from './timeline'
export type { RulesetSegment, RulesetTimeline } from './timeline'
export {
  APPLICABILITIES,
  REQUIREMENT_AUDIENCES,
  REQUIREMENT_AUDIENCE_LABELS,
  SETUP_CHECK_IDS,
  SETUP_CHECK_LABELS,
  SETUP_SEVERITIES,
  periodKindSchema,
  rulesetOverridesSchema,
  rulesetSchema,
  setupCheckIdSchema,
} from './schema'
export type {
  ActivityTypeRule,
  Applicability,
  GradeThresholds,
  Requirement,
  RequirementAudience,
  Ruleset,
  RulesetOverrides,
  ScoringItem,
  ScoringMethod,
  SetupCheckId,
  SetupSeverity,
  SpeakerRule,
} from './schema'
