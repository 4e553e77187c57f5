export { DEFAULT_RULESET } from './default-ruleset'
export { activityTypeLabel, describeRequirement } from './labels'
export { RulesetValidationError, parseRuleset, resolveRuleset } from './resolve'
export {
  APPLICABILITIES,
  REQUIREMENT_AUDIENCES,
  REQUIREMENT_AUDIENCE_LABELS,
  SETUP_CHECK_IDS,
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
} from './schema'
