import { z } from 'zod'
import { branchRoleSchema, evidenceKindSchema } from '../model'
import { PERIOD_KINDS, isValidTimeZone } from '../time'

export const periodKindSchema = z.enum(PERIOD_KINDS)

/** Ids of activity types, requirements, indicators and items: stable, ASCII. */
const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_.]*$/, '编号只能包含小写字母、数字、下划线和点')

const monthDaySchema = z.strictObject({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
})

const semestersSchema = z.strictObject({
  /** First day of the spring semester; it runs until the autumn one starts. */
  spring: monthDaySchema,
  /** First day of the autumn semester; it runs until next year's spring one starts. */
  autumn: monthDaySchema,
})

const activityTypeSchema = z.strictObject({
  label: z.string().min(1),
  /** Present + late must be MORE than this share of the expected audience (党员大会); null: no quorum. */
  quorumShare: z.number().min(0).max(1).nullable(),
  /** 痕迹 an activity needs before it counts toward a requirement of this type. */
  requiredEvidence: z.array(evidenceKindSchema),
})

export const REQUIREMENT_AUDIENCES = ['branch', 'committee', 'group', 'pairs'] as const
export type RequirementAudience = (typeof REQUIREMENT_AUDIENCES)[number]
export const REQUIREMENT_AUDIENCE_LABELS: Record<RequirementAudience, string> = {
  branch: '全体党员',
  committee: '支委会成员',
  group: '党小组',
  pairs: '党员之间',
}

export const APPLICABILITIES = ['always', 'has_committee', 'has_groups'] as const

const speakersSchema = z.strictObject({
  /** The speaker holds one of these offices… */
  roles: z.array(branchRoleSchema),
  /** …or is a 党员领导干部. */
  leadingCadres: z.boolean(),
  /**
   * false: the activities given by any such speaker count (the secretary's yearly 党课).
   * true: every such member must give `minCount` of them (each committee member gives a 党课).
   */
  each: z.boolean(),
})
export type SpeakerRule = z.infer<typeof speakersSchema>
export type Applicability = (typeof APPLICABILITIES)[number]

const requirementSchema = z.strictObject({
  activityTypeId: idSchema,
  period: periodKindSchema,
  /**
   * Activities needed per period. For audience 'group' per 党小组; for audience
   * 'pairs' (谈心谈话) per member: every member must take part that many times.
   */
  minCount: z.number().int().min(1),
  /** Who the activity must be for: 'branch' all members, 'committee', one 'group', 'pairs' any. */
  audience: z.enum(REQUIREMENT_AUDIENCES),
  /** 'has_committee' / 'has_groups': 不适用 where the branch has no committee / no 党小组. */
  applicability: z.enum(APPLICABILITIES),
  /** Who must speak (党课 by the secretary, by every committee member, by 党员领导干部); null: anyone. */
  speakers: speakersSchema.nullable(),
  /** Fixed day of the month the activity is held on (主题党日); a hint, it does not change counting. */
  fixedDayOfMonth: z.number().int().min(1).max(28).nullable(),
  enabled: z.boolean(),
})

const attendanceRulesSchema = z.strictObject({
  /** Signed in more than this many minutes after the start: 迟到. */
  lateGraceMinutes: z.number().int().min(0),
})

const checkinRulesSchema = z.strictObject({
  /** Default check-in window of a new activity: opens this many minutes before its start… */
  opensBeforeStartMinutes: z.number().int().min(0),
  /** …and closes this many minutes after its end (the secretary may change both per activity). */
  closesAfterEndMinutes: z.number().int().min(0),
})

const schedulingSchema = z.strictObject({
  /** An activity may be posted (or moved) to start at most this many minutes ago: records are kept as meetings happen, not written afterwards. */
  earliestStartMinutesAgo: z.number().int().min(0),
  /** …and at most this many days ahead. */
  latestStartDaysAhead: z.number().int().min(1),
})

const yearlyTargetsSchema = z.strictObject({
  member: z.number().min(0),
  /** Members holding one of `leaderRoles`. */
  leader: z.number().min(0),
})

const studyHoursSchema = z.strictObject({
  /** 学时 per hour of activity. */
  creditPerHour: z.number().positive(),
  /** Default credit is rounded down to a multiple of this. */
  roundDownTo: z.number().positive(),
  /** Default credit of an activity never exceeds this per local calendar day it spans. */
  maxCreditPerDay: z.number().positive(),
  yearlyTargets: yearlyTargetsSchema,
  leaderRoles: z.array(branchRoleSchema),
  /** Whether a confirmed 补学 earns the activity's hours. */
  makeupEarnsHours: z.boolean(),
})

const branchSetupSchema = z.strictObject({
  /** Fewer 正式党员: the branch must be a 联合党支部. */
  minFullMembers: z.number().int().min(1),
  /** Members (正式 + 预备) a branch normally has at most. */
  maxMembers: z.number().int().min(1),
  /** From this many 正式党员 on, a 支部委员会 is required. */
  committeeRequiredAtFullMembers: z.number().int().min(1),
  termYears: z.number().int().min(1),
  /** Warn this many days before the term ends. */
  termExpiryWarningDays: z.number().int().min(0),
})

export const SETUP_CHECK_IDS = ['full_members', 'member_count', 'secretary', 'committee', 'term', 'dual_leader'] as const
export const setupCheckIdSchema = z.enum(SETUP_CHECK_IDS)
export type SetupCheckId = z.infer<typeof setupCheckIdSchema>
export const SETUP_CHECK_LABELS: Record<SetupCheckId, string> = {
  full_members: '正式党员人数',
  member_count: '党员总数',
  secretary: '书记配备',
  committee: '支部委员会',
  term: '按期换届',
  dual_leader: '双带头人',
}

export const SETUP_SEVERITIES = ['ok', 'warning', 'violation'] as const
export type SetupSeverity = (typeof SETUP_SEVERITIES)[number]

const setupDeductionSchema = z.strictObject({
  points: z.number().min(0),
  /** Deduct from this severity on ('warning' also deducts on a violation). */
  from: z.enum(['warning', 'violation']),
})

const scoringMethodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('manual') }),
  z.strictObject({
    kind: z.literal('setup_checks'),
    deductions: z.partialRecord(setupCheckIdSchema, setupDeductionSchema),
  }),
  /** max × share of members who reached their yearly study-hour target. */
  z.strictObject({ kind: z.literal('study_hours_share') }),
  /** −pointsPerMissing for every activity missing in a missed period of these requirements. */
  z.strictObject({
    kind: z.literal('requirement_shortfall'),
    requirementIds: z.array(idSchema).min(1),
    pointsPerMissing: z.number().min(0),
  }),
  /** 双重组织生活: 党员领导干部 attendance and the secretary's 党课. */
  z.strictObject({
    kind: z.literal('dual_org_life'),
    pointsPerAbsentLeadingCadre: z.number().min(0),
    pointsWithoutSecretaryLecture: z.number().min(0),
    secretaryLectureRequirementId: idSchema,
  }),
])
export type ScoringMethod = z.infer<typeof scoringMethodSchema>

const indicatorSchema = z.strictObject({
  label: z.string().min(1),
  maxScore: z.number().positive(),
})

const scoringItemSchema = z.strictObject({
  indicatorId: idSchema,
  label: z.string().min(1),
  maxScore: z.number().positive(),
  method: scoringMethodSchema,
})

const gradeThresholdsSchema = z.strictObject({
  /** 优秀 from this total on. */
  excellent: z.number().min(0),
  /** 达标 from this total on. */
  qualified: z.number().min(0),
  /** 基本达标 from this total on; below: 不达标. */
  basic: z.number().min(0),
})

const scoringSchema = z.strictObject({
  indicators: z.record(idSchema, indicatorSchema),
  items: z.record(idSchema, scoringItemSchema),
  gradeThresholds: gradeThresholdsSchema,
})

const SCORE_TOLERANCE = 1e-9

export const rulesetSchema = z
  .strictObject({
    /** IANA zone in which periods are computed. */
    timeZone: z.string().refine(isValidTimeZone, '无效的时区'),
    semesters: semestersSchema,
    /** A period not yet met is 临期 when this many days or fewer are left. */
    dueSoonDays: z.number().int().min(0),
    activityTypes: z.record(idSchema, activityTypeSchema),
    requirements: z.record(idSchema, requirementSchema),
    attendance: attendanceRulesSchema,
    checkin: checkinRulesSchema,
    scheduling: schedulingSchema,
    studyHours: studyHoursSchema,
    branchSetup: branchSetupSchema,
    scoring: scoringSchema,
  })
  .superRefine((ruleset, context) => {
    const issue = (path: PropertyKey[], message: string) => context.addIssue({ code: 'custom', path, message })

    for (const season of ['spring', 'autumn'] as const) {
      const { month, day } = ruleset.semesters[season]
      // 2001: a common year, so 29 Feb is rejected as a semester start.
      if (new Date(Date.UTC(2001, month - 1, day)).getUTCMonth() !== month - 1) {
        issue(['semesters', season, 'day'], `${month}月没有${day}日`)
      }
    }
    const { spring, autumn } = ruleset.semesters
    if (spring.month * 100 + spring.day >= autumn.month * 100 + autumn.day) {
      issue(['semesters'], '春季学期的开始日期必须早于秋季学期')
    }

    for (const [id, requirement] of Object.entries(ruleset.requirements)) {
      if (!(requirement.activityTypeId in ruleset.activityTypes)) {
        issue(['requirements', id, 'activityTypeId'], `未定义的活动类型「${requirement.activityTypeId}」`)
      }
      if (requirement.fixedDayOfMonth !== null && requirement.period !== 'month') {
        issue(['requirements', id, 'fixedDayOfMonth'], '只有按月的要求才能指定固定日期')
      }
      const speakers = requirement.speakers
      if (speakers !== null && speakers.roles.length === 0 && !speakers.leadingCadres) {
        issue(['requirements', id, 'speakers'], '请选择主讲人的职务，或选择党员领导干部')
      }
      if (speakers?.each && requirement.audience === 'pairs') {
        issue(['requirements', id, 'speakers'], '谈心谈话类要求不能规定每人讲授')
      }
    }

    const itemTotals = new Map<string, number>()
    for (const [id, item] of Object.entries(ruleset.scoring.items)) {
      if (!(item.indicatorId in ruleset.scoring.indicators)) {
        issue(['scoring', 'items', id, 'indicatorId'], `未定义的一级指标「${item.indicatorId}」`)
      }
      itemTotals.set(item.indicatorId, (itemTotals.get(item.indicatorId) ?? 0) + item.maxScore)
      const method = item.method
      const referenced =
        method.kind === 'requirement_shortfall'
          ? method.requirementIds
          : method.kind === 'dual_org_life'
            ? [method.secretaryLectureRequirementId]
            : []
      for (const requirementId of referenced) {
        if (!(requirementId in ruleset.requirements)) {
          issue(['scoring', 'items', id, 'method'], `未定义的组织生活要求「${requirementId}」`)
        }
      }
    }
    for (const [id, indicator] of Object.entries(ruleset.scoring.indicators)) {
      const total = itemTotals.get(id) ?? 0
      if (Math.abs(total - indicator.maxScore) > SCORE_TOLERANCE) {
        issue(['scoring', 'indicators', id, 'maxScore'], `指标「${indicator.label}」满分${indicator.maxScore}分，但其下各项满分合计${total}分`)
      }
    }

    const { excellent, qualified, basic } = ruleset.scoring.gradeThresholds
    if (!(excellent > qualified && qualified > basic)) {
      issue(['scoring', 'gradeThresholds'], '等次分数线必须满足：优秀 > 达标 > 基本达标')
    }
  })

export type Ruleset = z.infer<typeof rulesetSchema>
export type ActivityTypeRule = Ruleset['activityTypes'][string]
export type Requirement = Ruleset['requirements'][string]
export type ScoringItem = Ruleset['scoring']['items'][string]
export type GradeThresholds = Ruleset['scoring']['gradeThresholds']

/**
 * What an organization may override: any part, at any depth. Records
 * (activity types, requirements, indicators, items) merge by id; a new id must
 * be complete once merged. A scoring method whose `kind` changes is replaced.
 */
export const rulesetOverridesSchema = z
  .strictObject({
    timeZone: z.string(),
    semesters: z.strictObject({ spring: monthDaySchema.partial(), autumn: monthDaySchema.partial() }).partial(),
    dueSoonDays: z.number(),
    activityTypes: z.record(idSchema, activityTypeSchema.partial()),
    requirements: z.record(idSchema, requirementSchema.partial()),
    attendance: attendanceRulesSchema.partial(),
    checkin: checkinRulesSchema.partial(),
    scheduling: schedulingSchema.partial(),
    studyHours: studyHoursSchema.extend({ yearlyTargets: yearlyTargetsSchema.partial() }).partial(),
    branchSetup: branchSetupSchema.partial(),
    scoring: z
      .strictObject({
        indicators: z.record(idSchema, indicatorSchema.partial()),
        items: z.record(
          idSchema,
          scoringItemSchema.extend({ method: z.record(z.string(), z.unknown()) }).partial(),
        ),
        gradeThresholds: gradeThresholdsSchema.partial(),
      })
      .partial(),
  })
  .partial()

export type RulesetOverrides = z.input<typeof rulesetOverridesSchema>
