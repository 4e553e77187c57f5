import { z } from 'zod'
import { defineAction, idOf, named } from './define'

export const alertRoutingSchema = z.object({
  branchId: z.string(),
  branchName: z.string(),
  /** The branch's 书记 and 副书记, who get every alert. */
  leads: z.array(z.object({ memberId: z.string(), name: z.string(), bound: z.boolean() })),
  topics: z.array(z.object({ id: z.string(), label: z.string(), memberId: z.string().nullable(), memberName: z.string().nullable() })),
  /** Committee members who may be made responsible. */
  candidates: z.array(z.object({ memberId: z.string(), name: z.string(), roleLabels: z.string(), bound: z.boolean() })),
  canAssign: z.boolean(),
})
export type AlertRouting = z.infer<typeof alertRoutingSchema>

export const alertsContract = {
  /** Who gets the branch's alerts: the secretary, and the committee member responsible for each topic. */
  routing: defineAction(z.object({ branchId: idOf('党支部') }).strict(), alertRoutingSchema),
  /** The secretary (or an admin above) makes a committee member responsible for a topic, or nobody (null). */
  assign: defineAction(
    z
      .object({
        branchId: idOf('党支部'),
        topic: named('预警事项', z.string().trim().min(1, '请选择预警事项').max(80, '预警事项无效')),
        memberId: idOf('支委').nullable(),
      })
      .strict(),
    alertRoutingSchema,
  ),
}
