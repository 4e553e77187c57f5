import { z } from 'zod'
import { overviewStatsSchema } from '../compliance/stats'
import { monthlyReportSchema } from '../reports/model'
import { defineAction, idOf, isoInstantSchema } from './define'

/** A stored report as the app shows it: instants as ISO strings, file ids left out. */
export const reportViewSchema = monthlyReportSchema
  .omit({ _id: true, generatedAt: true, supervisions: true, files: true })
  .extend({
    id: z.string(),
    generatedAt: isoInstantSchema,
    supervisions: z.object({
      sent: z.number().int().nonnegative(),
      resolved: z.number().int().nonnegative(),
      open: z.number().int().nonnegative(),
      items: z.array(z.object({ id: z.string(), branchName: z.string(), title: z.string(), stateLabel: z.string(), createdAt: isoInstantSchema })),
    }),
  })
export type ReportView = z.infer<typeof reportViewSchema>

export const reportsContract = {
  /** The monthly reports of a 党总支 or the 党委 (default: the first the caller administers), newest first. */
  list: defineAction(
    z.object({ orgId: idOf('党组织').optional() }).strict(),
    z.object({
      orgId: z.string(),
      orgName: z.string(),
      reports: z.array(
        z.object({ id: z.string(), monthKey: z.string(), monthLabel: z.string(), generatedAt: isoInstantSchema, stats: overviewStatsSchema }),
      ),
    }),
  ),
  detail: defineAction(z.object({ id: idOf('通报') }).strict(), reportViewSchema),
}
