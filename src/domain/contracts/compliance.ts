import { z } from 'zod'
import { GRADES, LIGHTS, REQUIREMENT_STATUSES } from '../compliance/labels'
import { overviewStatsSchema } from '../compliance/stats'
import { defineAction, idOf, isoInstantSchema, named, requireReasonToDecline, reviewReasonSchema } from './define'

const yearSchema = named('年份', z.number().int().min(2000, '年份无效').max(2100, '年份无效'))

export const lightSchema = z.enum(LIGHTS)
export const gradeSchema = z.enum(GRADES)

export const branchOverviewRowSchema = z.object({
  branchId: z.string(),
  branchName: z.string(),
  /** The 党总支 the branch belongs to (empty when directly under the party committee). */
  parentName: z.string(),
  light: lightSchema,
  lightLabel: z.string(),
  missedCount: z.number().int().nonnegative(),
  dueSoonCount: z.number().int().nonnegative(),
  awaitingEvidenceCount: z.number().int().nonnegative(),
  /** The first reasons, for a one-line explanation in the list. */
  topReasons: z.array(z.string()),
  total: z.number(),
  grade: gradeSchema,
  gradeLabel: z.string(),
  qualified: z.boolean(),
  computedAt: isoInstantSchema,
})
export type BranchOverviewRow = z.infer<typeof branchOverviewRowSchema>

export const overviewOutputSchema = z.object({
  year: yearSchema,
  scopeName: z.string(),
  branches: z.array(branchOverviewRowSchema),
  stats: overviewStatsSchema,
  /** How 达标率 and the lights are computed, one line each, from the scope's rules. */
  measures: z.object({ qualifiedRate: z.string(), lights: z.string() }),
  /** Per 党总支 (the branches' parent): its lights and 达标率. */
  groups: z.array(z.object({ orgName: z.string(), stats: overviewStatsSchema })),
})
export type ComplianceOverview = z.infer<typeof overviewOutputSchema>

export const requirementLineViewSchema = z.object({
  requirementId: z.string(),
  label: z.string(),
  name: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  periodStart: isoInstantSchema,
  periodEnd: isoInstantSchema,
  groupName: z.string().nullable(),
  status: z.enum(REQUIREMENT_STATUSES),
  statusLabel: z.string(),
  required: z.number().int().nonnegative(),
  counted: z.number().int().nonnegative(),
  daysLeft: z.number().int().nonnegative(),
  countedActivities: z.array(z.object({ activityId: z.string(), topic: z.string() })),
  countsMembers: z.boolean(),
  uncounted: z.array(z.object({ activityId: z.string(), topic: z.string(), reasons: z.array(z.string()) })),
  note: z.string().nullable(),
})
export type RequirementLineView = z.infer<typeof requirementLineViewSchema>

export const branchStatusOutputSchema = z.object({
  /** Secretary, committee or an admin above: may review self-study and refresh. */
  canManage: z.boolean(),
  branchId: z.string(),
  branchName: z.string(),
  year: yearSchema,
  asOf: isoInstantSchema,
  light: lightSchema,
  lightLabel: z.string(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
  lines: z.array(requirementLineViewSchema),
  awaitingEvidence: z.array(z.object({ activityId: z.string(), topic: z.string(), startAt: isoInstantSchema, missing: z.array(z.string()) })),
  /** Managers: every member behind on 学时; a member: only themself, when behind. */
  membersBehind: z.array(
    z.object({ memberId: z.string(), name: z.string(), totalHours: z.number(), target: z.number(), expectedByNow: z.number() }),
  ),
  studyHours: z.object({ memberCount: z.number().int(), metCount: z.number().int(), averageHours: z.number() }),
  setupChecks: z.array(z.object({ id: z.string(), label: z.string(), status: z.string(), statusLabel: z.string(), message: z.string() })),
})
export type BranchStatus = z.infer<typeof branchStatusOutputSchema>

export const scoreSheetOutputSchema = z.object({
  branchId: z.string(),
  branchName: z.string(),
  year: yearSchema,
  canScore: z.boolean(),
  indicators: z.array(
    z.object({
      indicatorId: z.string(),
      label: z.string(),
      maxScore: z.number(),
      score: z.number(),
      items: z.array(
        z.object({
          itemId: z.string(),
          label: z.string(),
          maxScore: z.number(),
          automatic: z.boolean(),
          score: z.number().nullable(),
          deductions: z.array(z.object({ points: z.number(), reason: z.string() })),
          notes: z.array(z.string()),
          comment: z.string().nullable(),
        }),
      ),
    }),
  ),
  total: z.number(),
  maxTotal: z.number(),
  grade: gradeSchema,
  gradeLabel: z.string(),
  complete: z.boolean(),
})
export type ScoreSheetView = z.infer<typeof scoreSheetOutputSchema>

export const myHoursOutputSchema = z.object({
  memberId: z.string(),
  year: yearSchema,
  target: z.number(),
  totalHours: z.number(),
  activityHours: z.number(),
  selfStudyHours: z.number(),
  quarters: z.array(z.object({ label: z.string(), hours: z.number() })),
  pace: z.object({ status: z.enum(['met', 'on_track', 'behind']), label: z.string(), expectedByNow: z.number() }),
  credited: z.array(z.object({ activityId: z.string(), topic: z.string(), startAt: isoInstantSchema, hours: z.number() })),
  selfStudy: z.array(z.object({ id: z.string(), title: z.string(), hours: z.number(), studiedAt: isoInstantSchema, status: z.string() })),
})
export type MyHours = z.infer<typeof myHoursOutputSchema>

export const selfStudyInputSchema = z
  .object({
    title: named('学习内容', z.string({ error: '请填写学习内容' }).trim().min(2, '请填写学习内容（至少 2 个字）').max(60, '学习内容不超过 60 个字')),
    hours: named(
      '学时',
      z
        .number({ error: '请填写学时（数字）' })
        .min(0.5, '学时至少 0.5')
        .max(8, '一次申报不超过 8 学时')
        .refine((hours) => Number.isInteger(hours * 2), '学时以 0.5 为单位'),
    ),
    studiedAt: named('学习日期', isoInstantSchema),
    /** A photo of the certificate or screenshot, uploaded to study/<memberId>/…; optional. */
    proofFileId: named('证明材料', z.string().min(1, '证明材料无效').max(300, '证明材料无效')).nullable(),
  })
  .strict()
export type SelfStudyInput = z.input<typeof selfStudyInputSchema>

const branchYearInput = z.object({ branchId: idOf('党支部').optional(), year: yearSchema.optional() }).strict()

export const complianceContract = {
  /** 党总支/党委: every branch in scope, read from precomputed summaries only. */
  overview: defineAction(z.object({ orgId: idOf('党组织').optional(), year: yearSchema.optional() }).strict(), overviewOutputSchema),
  /** A branch's rules, what is still due, evidence gaps, members behind on hours (from its summary). */
  branchStatus: defineAction(branchYearInput, branchStatusOutputSchema),
  /** The 达标 sheet of a branch. */
  scoreSheet: defineAction(branchYearInput, scoreSheetOutputSchema),
  /** 党总支/党委 scores a manual item with a comment. */
  scoreManualItem: defineAction(
    z
      .object({
        branchId: idOf('党支部'),
        year: yearSchema,
        itemId: named('评分项', z.string().min(1, '请选择评分项').max(40, '评分项编号无效')),
        score: named('得分', z.number({ error: '请填写得分（数字）' }).finite().min(0, '得分不能为负')),
        comment: named('评分说明', z.string({ error: '请填写评分说明' }).trim().min(1, '请填写评分说明').max(500, '评分说明不超过 500 个字')),
      })
      .strict(),
    scoreSheetOutputSchema,
  ),
  /** 我的学时. */
  myHours: defineAction(z.object({ year: yearSchema.optional() }).strict(), myHoursOutputSchema),
  /** A member files self-study (学习强国, online courses …) with an optional proof photo. */
  submitSelfStudy: defineAction(selfStudyInputSchema, z.object({ id: z.string(), status: z.literal('pending') })),
  reviewSelfStudy: defineAction(
    z
      .object({ id: idOf('自学申报'), approve: named('审核意见', z.boolean({ error: '请选择认定或退回' })), reason: reviewReasonSchema })
      .strict()
      .superRefine(requireReasonToDecline('approve')),
    z.object({ status: z.enum(['approved', 'rejected']) }),
  ),
  /** Recompute one branch's summary now (secretary or admin). */
  refreshBranch: defineAction(
    z.object({ branchId: idOf('党支部'), year: yearSchema.optional() }).strict(),
    z.object({ written: z.boolean(), version: z.number().int() }),
  ),
}
