import { z } from 'zod'
import { bindMethodSchema } from '../model'
import { defineAction, isoInstantSchema, named } from './define'

/** Everything a branch's managers approve, in one inbox. */
export const INBOX_KINDS = ['leave', 'makeup', 'selfStudy', 'binding', 'invitation'] as const
export type InboxKind = (typeof INBOX_KINDS)[number]
export const INBOX_KIND_LABELS: Record<InboxKind, string> = {
  leave: '请假',
  makeup: '补学',
  selfStudy: '自学学时',
  binding: '身份绑定',
  invitation: '联合活动邀请',
}

const itemBase = {
  /** Unique within the inbox: the kind and the ids of what it is about. */
  key: z.string(),
  /** Who asked: a member, or the branch that invites. */
  from: z.string(),
  /** What about: the activity's topic, what was studied, the roster entry claimed. */
  subject: z.string(),
  /** The request in the requester's words (请假事由, 学习心得 …), or a line that explains it. */
  text: z.string(),
  /** When it was asked. */
  at: isoInstantSchema,
  branchName: z.string(),
}

export const inboxItemSchema = z.discriminatedUnion('kind', [
  z.object({ ...itemBase, kind: z.literal('leave'), activityId: z.string(), memberId: z.string(), activityStartAt: isoInstantSchema }),
  z.object({ ...itemBase, kind: z.literal('makeup'), activityId: z.string(), memberId: z.string(), activityStartAt: isoInstantSchema }),
  z.object({
    ...itemBase,
    kind: z.literal('selfStudy'),
    recordId: z.string(),
    hours: z.number(),
    studiedAt: isoInstantSchema,
    proofUrl: z.string().nullable(),
  }),
  z.object({ ...itemBase, kind: z.literal('binding'), requestId: z.string(), memberNumber: z.string(), method: bindMethodSchema }),
  z.object({
    ...itemBase,
    kind: z.literal('invitation'),
    activityId: z.string(),
    branchId: z.string(),
    activityStartAt: isoInstantSchema,
    place: z.string(),
  }),
])
export type InboxItem = z.infer<typeof inboxItemSchema>

export const handledItemSchema = z.object({
  kind: z.enum(INBOX_KINDS),
  key: z.string(),
  from: z.string(),
  subject: z.string(),
  branchName: z.string(),
  approved: z.boolean(),
  /** 同意 / 不同意, 认定 / 退回, 接受 / 谢绝 … as the reviewer chose. */
  decisionLabel: z.string(),
  reason: z.string().nullable(),
  decidedAt: isoInstantSchema,
  decidedByName: z.string(),
})
export type HandledItem = z.infer<typeof handledItemSchema>

export const inboxCountsSchema = z.object({
  leave: z.number().int().nonnegative(),
  makeup: z.number().int().nonnegative(),
  selfStudy: z.number().int().nonnegative(),
  binding: z.number().int().nonnegative(),
  invitation: z.number().int().nonnegative(),
})
export type InboxCounts = z.infer<typeof inboxCountsSchema>

export const HISTORY_LIMIT_MAX = 200

export const inboxContract = {
  /** The home page's 待办: what waits for the caller's decision, and the branch's 待补痕迹 and 临期 items. */
  summary: defineAction(
    z.object({}).strict(),
    z.object({
      counts: inboxCountsSchema,
      /** Everything waiting for a decision (the tab's badge). */
      waiting: z.number().int().nonnegative(),
      /** The caller's own branch, when they sit on its committee (the 待补痕迹 and 临期 it owes). */
      branch: z
        .object({ id: z.string(), name: z.string(), awaitingEvidence: z.number().int(), dueSoon: z.number().int(), atRisk: z.number().int() })
        .nullable(),
    }),
  ),
  /** Every request waiting for the caller, oldest first. */
  pending: defineAction(z.object({}).strict(), z.object({ items: z.array(inboxItemSchema) })),
  /** What the caller's branches decided, newest first. */
  history: defineAction(
    z
      .object({
        limit: named('条数', z.number().int().min(1, '至少 1 条').max(HISTORY_LIMIT_MAX, `最多 ${HISTORY_LIMIT_MAX} 条`)).default(20),
      })
      .strict(),
    z.object({ items: z.array(handledItemSchema), hasMore: z.boolean() }),
  ),
}
