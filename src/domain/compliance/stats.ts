import { z } from 'zod'

const count = z.number().int().nonnegative()
/** Lights and 达标率 over branches, as the dashboard and the 月度通报 give them. */
export const overviewStatsSchema = z.object({
  branchCount: count,
  green: count,
  amber: count,
  red: count,
  /** Share of branches graded 达标 or better (达标率), 0..1. */
  qualifiedRate: z.number().min(0).max(1),
})
export type OverviewStats = z.infer<typeof overviewStatsSchema>
