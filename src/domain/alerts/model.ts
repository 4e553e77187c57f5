import { z } from 'zod'
import { ALERT_KINDS } from './kinds'

/**
 * One alert made by the daily scan (`alerts`): its id is derived from the item and the step, so a
 * step never alerts twice; the unique (itemKey, day) index lets an item alert at most once a local day.
 */
export const alertRecordSchema = z.object({
  _id: z.string(),
  itemKey: z.string(),
  stage: z.string(),
  /** Local day it was made on, 'YYYY-MM-DD'. */
  day: z.string(),
  kind: z.enum(ALERT_KINDS),
  branchId: z.string(),
  title: z.string(),
  /** Members it was delivered to. */
  recipientIds: z.array(z.string()),
  createdAt: z.date(),
})
export type AlertRecord = z.infer<typeof alertRecordSchema>

/** Who a branch made responsible for each topic (`alert_assignments`, one document per branch, id = branch id). */
export const alertAssignmentsSchema = z.object({
  _id: z.string(),
  assignments: z.record(z.string(), z.string()),
  updatedBy: z.string(),
  updatedAt: z.date(),
})
export type AlertAssignmentsDocument = z.infer<typeof alertAssignmentsSchema>
