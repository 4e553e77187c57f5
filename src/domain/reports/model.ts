import { z } from 'zod'
import { GRADES, LIGHTS } from '../compliance/labels'
import { overviewStatsSchema } from '../compliance/stats'
import { supervisionStateSchema } from '../supervision/model'

/**
 * 月度通报: on the first day of a month each 党总支 and the 党委 get the previous month's report of
 * the branches under them, read from the branches' summaries once those were computed after the
 * month ended. Stored once per org and month (`${orgId}_${monthKey}`), never rewritten.
 */
export const REPORT_ORG_KINDS = ['general_branch', 'party_committee'] as const

export const reportBranchRowSchema = z.object({
  branchId: z.string(),
  branchName: z.string(),
  parentName: z.string(),
  light: z.enum(LIGHTS),
  lightLabel: z.string(),
  total: z.number(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  qualified: z.boolean(),
  /** Requirements whose period ended in the month unmet. */
  missedCount: z.number().int().nonnegative(),
  /** Members behind on 学时 (even pace through the year). */
  laggardCount: z.number().int().nonnegative(),
})
export type ReportBranchRow = z.infer<typeof reportBranchRowSchema>

export const trendPointSchema = z.object({ monthKey: z.string(), monthLabel: z.string(), qualifiedRate: z.number().min(0).max(1) })
export type TrendPoint = z.infer<typeof trendPointSchema>

export const monthlyReportSchema = z.object({
  _id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.enum(REPORT_ORG_KINDS),
  monthKey: z.string(),
  monthLabel: z.string(),
  generatedAt: z.date(),
  stats: overviewStatsSchema,
  /** 达标率 of the last reports, oldest first, this month last. */
  trend: z.array(trendPointSchema),
  /** This month's 达标率 minus last month's; null without last month's report. */
  rateChange: z.number().nullable(),
  branches: z.array(reportBranchRowSchema),
  missed: z.array(z.object({ branchId: z.string(), branchName: z.string(), title: z.string() })),
  laggards: z.array(
    z.object({
      branchId: z.string(),
      branchName: z.string(),
      memberId: z.string(),
      name: z.string(),
      totalHours: z.number(),
      expectedByNow: z.number(),
      target: z.number(),
    }),
  ),
  /** All members behind, of which `laggards` lists the furthest behind. */
  laggardTotal: z.number().int().nonnegative(),
  supervisions: z.object({
    sent: z.number().int().nonnegative(),
    /** Resolved during the month, whenever they were sent. */
    resolved: z.number().int().nonnegative(),
    /** Still open when the report was made. */
    open: z.number().int().nonnegative(),
    items: z.array(
      z.object({ id: z.string(), branchName: z.string(), title: z.string(), state: supervisionStateSchema, createdAt: z.date() }),
    ),
  }),
  /** Exported files (the ledger function's report action), kept once made. */
  files: z.object({ xlsx: z.string().optional(), pdf: z.string().optional() }),
})
export type MonthlyReport = z.infer<typeof monthlyReportSchema>

export const REPORT_FORMATS = ['xlsx', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export const monthlyReportId = (orgId: string, monthKey: string) => `${orgId}_${monthKey}`
