import { z } from 'zod'

/**
 * 督办: a 党总支 or 党委 admin presses a red or amber branch about one thing its summary shows
 * (a requirement missed or 临期, or a held activity 待补痕迹), with a short note; the secretary
 * answers with the activity that resolves it or a reply. Kept on the branch's record for good.
 */
export const SUPERVISION_STATES = ['sent', 'viewed', 'arranged', 'resolved'] as const
export const supervisionStateSchema = z.enum(SUPERVISION_STATES)
export type SupervisionState = z.infer<typeof supervisionStateSchema>
export const SUPERVISION_STATE_LABELS: Record<SupervisionState, string> = {
  sent: '已发送',
  viewed: '已查看',
  arranged: '已安排',
  resolved: '已解决',
}

export const SUPERVISION_NOTE_MAX = 100
export const SUPERVISION_REPLY_MAX = 200

export const supervisionTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('requirement'),
    requirementId: z.string(),
    periodKey: z.string(),
    groupName: z.string().nullable(),
    /** The activity type the requirement asks for (what an answering activity must be). */
    activityTypeId: z.string(),
    /** '2026年11月「主题党日（每月至少1次，固定每月15日）」' */
    title: z.string(),
  }),
  z.object({ kind: z.literal('evidence'), activityId: z.string(), title: z.string() }),
])
export type SupervisionTarget = z.infer<typeof supervisionTargetSchema>

export const supervisionAnswerSchema = z.object({
  activityId: z.string().nullable(),
  activityTopic: z.string().nullable(),
  reply: z.string().nullable(),
  answeredBy: z.string(),
  answeredByName: z.string(),
  answeredAt: z.date(),
})
export type SupervisionAnswer = z.infer<typeof supervisionAnswerSchema>

export const supervisionSchema = z.object({
  _id: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  /** The branch's ancestors: a 党总支's or the 党委's list is one `ancestorIds` query. */
  ancestorIds: z.array(z.string()),
  /** The year of the summary the target was read from. */
  year: z.number().int(),
  target: supervisionTargetSchema,
  note: z.string(),
  sentBy: z.string(),
  sentByName: z.string(),
  fromOrgId: z.string(),
  fromOrgName: z.string(),
  state: supervisionStateSchema,
  createdAt: z.date(),
  viewedAt: z.date().nullable(),
  arrangedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  answer: supervisionAnswerSchema.nullable(),
  /** Answers so far: each reaches the sender once. */
  answerCount: z.number().int().nonnegative(),
  /** Present only while unresolved (sparse unique index): one open 督办 per branch and target. */
  openKey: z.string().optional(),
})
export type Supervision = z.infer<typeof supervisionSchema>
