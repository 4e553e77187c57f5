import { z } from 'zod'
import { LIGHTS } from '../compliance/labels'
import { SUPERVISION_NOTE_MAX, SUPERVISION_REPLY_MAX, SUPERVISION_STATES } from '../supervision/model'
import { defineAction, idOf, isoInstantSchema, named } from './define'

export const supervisionViewSchema = z.object({
  id: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  targetKind: z.enum(['requirement', 'evidence']),
  title: z.string(),
  note: z.string(),
  fromOrgName: z.string(),
  sentByName: z.string(),
  state: z.enum(SUPERVISION_STATES),
  stateLabel: z.string(),
  createdAt: isoInstantSchema,
  viewedAt: isoInstantSchema.nullable(),
  arrangedAt: isoInstantSchema.nullable(),
  resolvedAt: isoInstantSchema.nullable(),
  answer: z
    .object({
      activityId: z.string().nullable(),
      activityTopic: z.string().nullable(),
      reply: z.string().nullable(),
      answeredByName: z.string(),
      answeredAt: isoInstantSchema,
    })
    .nullable(),
  /** The caller is the branch's own 书记 or 支委 and it is not resolved yet. */
  canAnswer: z.boolean(),
})
export type SupervisionView = z.infer<typeof supervisionViewSchema>

export const supervisionTargetOptionSchema = z.object({
  /** Identifies the target; `send` takes it back. */
  key: z.string(),
  kind: z.enum(['requirement', 'evidence']),
  title: z.string(),
  statusLabel: z.string(),
  /** The open 督办 on it, if one was sent already. */
  openSupervisionId: z.string().nullable(),
})

const listOutput = z.object({ items: z.array(supervisionViewSchema) })

export const supervisionContract = {
  /** What an admin can press a branch about: the reasons of its red or amber light (from its summary). */
  targets: defineAction(
    z.object({ branchId: idOf('党支部') }).strict(),
    z.object({
      branchId: z.string(),
      branchName: z.string(),
      light: z.enum(LIGHTS),
      lightLabel: z.string(),
      options: z.array(supervisionTargetOptionSchema),
    }),
  ),
  /** 党总支/党委 admin sends a 督办 with a short note. */
  send: defineAction(
    z
      .object({
        branchId: idOf('党支部'),
        targetKey: named('督办事项', z.string().trim().min(1, '请选择督办事项').max(200, '督办事项无效')),
        note: named('督办说明', z.string().trim().min(2, '请填写督办说明（至少 2 个字）').max(SUPERVISION_NOTE_MAX, `督办说明不超过 ${SUPERVISION_NOTE_MAX} 个字`)),
      })
      .strict(),
    supervisionViewSchema,
  ),
  /** Every 督办 of a branch, newest first: its record. */
  forBranch: defineAction(z.object({ branchId: idOf('党支部') }).strict(), listOutput),
  /** Every 督办 under a 党总支 or the 党委, newest first. */
  forOrg: defineAction(
    z.object({ orgId: idOf('党组织').optional(), state: named('督办状态', z.enum(SUPERVISION_STATES).optional()) }).strict(),
    listOutput.extend({ orgId: z.string(), orgName: z.string() }),
  ),
  /** One 督办; opened by the branch's 书记 or 支委 it becomes 已查看. */
  detail: defineAction(z.object({ id: idOf('督办') }).strict(), supervisionViewSchema),
  /** Activities of the branch that could answer it (of the required type, from the period on). */
  answerOptions: defineAction(
    z.object({ id: idOf('督办') }).strict(),
    z.object({ activities: z.array(z.object({ id: z.string(), topic: z.string(), startAt: isoInstantSchema, statusLabel: z.string() })) }),
  ),
  /** The branch answers with the activity that resolves it and/or a reply: 已安排. */
  answer: defineAction(
    z
      .object({
        id: idOf('督办'),
        activityId: idOf('活动').nullable(),
        reply: named('回复', z.string().trim().max(SUPERVISION_REPLY_MAX, `回复不超过 ${SUPERVISION_REPLY_MAX} 个字`).nullable()),
      })
      .strict()
      .refine((input) => input.activityId !== null || (input.reply ?? '').length > 0, { message: '请选择安排的活动或填写回复', path: ['reply'] }),
    supervisionViewSchema,
  ),
}
