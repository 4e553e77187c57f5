import { z } from 'zod'
import {
  activityLogActionSchema,
  activityStatusSchema,
  attendanceStateSchema,
  audienceSchema,
  geofenceSchema,
  INVITATION_STATUSES,
  requestStatusSchema,
} from '../model'
import { JOINT_BRANCHES_MAX } from '../joint-activity'
import { defineAction, idOf, isoInstantSchema, named, requireReasonToDecline, reviewReasonSchema } from './define'

const activityIdSchema = idOf('活动')
export const ACTIVITY_PAGE_MAX = 50
const topicSchema = named('主题', z.string({ error: '请填写主题' }).trim().min(2, '主题至少 2 个字').max(60, '主题不超过 60 个字'))
const placeSchema = named('地点', z.string({ error: '请填写地点' }).trim().min(1, '请填写地点').max(60, '地点不超过 60 个字'))

/** The audience as the secretary asks for it: a joint activity names the branches it invites. */
const audienceInputSchema = named('参加对象', z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('branch') }).strict(),
  z.object({ kind: z.literal('committee') }).strict(),
  z.object({ kind: z.literal('group'), groupId: idOf('党小组') }).strict(),
  z
    .object({
      kind: z.literal('branches'),
      branchIds: z
        .array(idOf('联合支部'))
        .min(1, '请至少选择一个联合参加的支部')
        .max(JOINT_BRANCHES_MAX, `联合活动最多邀请 ${JOINT_BRANCHES_MAX} 个支部`),
    })
    .strict(),
], { error: '请选择参加对象' }))

/** What the secretary fills in when posting (and may change until the start). */
const activityFieldsSchema = z.object({
  types: named('活动类型', z.array(z.string().min(1).max(40)).min(1, '至少选择一种活动类型').max(4, '活动类型最多选 4 种')),
  topic: topicSchema,
  startAt: named('开始时间', isoInstantSchema),
  endAt: named('结束时间', isoInstantSchema),
  place: placeSchema,
  speakerMemberId: idOf('主讲人').nullable().optional(),
  speakerName: named('主讲人', z.string().trim().min(1, '请填写主讲人').max(30, '主讲人不超过 30 个字')).nullable().optional(),
  audience: audienceInputSchema,
  /** Omitted: the engine's default from the duration. */
  creditHours: named('学时', z.number({ error: '学时须是数字' }).min(0, '学时不能为负').max(24, '学时不超过 24')).optional(),
  /** Omitted: 30 min before start to 30 min after end. */
  checkinOpensAt: named('签到开始时间', isoInstantSchema).optional(),
  checkinClosesAt: named('签到截止时间', isoInstantSchema).optional(),
  geofence: named('签到范围', geofenceSchema).nullable().optional(),
})

type Fields = Partial<z.infer<typeof activityFieldsSchema>>

/** Cross-field checks, in Chinese: the end after the start, the check-in window around the meeting. */
function checkTimes(fields: Fields, context: z.RefinementCtx): void {
  const time = (value: string | undefined) => (value ? Date.parse(value) : null)
  const start = time(fields.startAt)
  const end = time(fields.endAt)
  if (start !== null && end !== null && end <= start) {
    context.addIssue({ code: 'custom', path: ['endAt'], message: '结束时间必须晚于开始时间' })
  }
  if (start !== null && end !== null && end - start > 24 * 60 * 60 * 1000) {
    context.addIssue({ code: 'custom', path: ['endAt'], message: '活动时长不超过 24 小时' })
  }
  const opens = time(fields.checkinOpensAt)
  const closes = time(fields.checkinClosesAt)
  if (opens !== null && closes !== null && closes <= opens) {
    context.addIssue({ code: 'custom', path: ['checkinClosesAt'], message: '签到截止时间必须晚于签到开始时间' })
  }
  if (opens !== null && end !== null && opens >= end) {
    context.addIssue({ code: 'custom', path: ['checkinOpensAt'], message: '签到须在活动结束前开始' })
  }
  if (closes !== null && start !== null && closes <= start) {
    context.addIssue({ code: 'custom', path: ['checkinClosesAt'], message: '签到截止时间须晚于活动开始时间' })
  }
}

export const postActivityInputSchema = activityFieldsSchema
  .extend({ branchId: idOf('支部') })
  .strict()
  .superRefine(checkTimes)
export type PostActivityInput = z.input<typeof postActivityInputSchema>

export const editActivityInputSchema = activityFieldsSchema
  .partial()
  .extend({ activityId: activityIdSchema })
  .strict()
  .superRefine(checkTimes)
export type EditActivityInput = z.input<typeof editActivityInputSchema>

export const activityViewSchema = z.object({
  id: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  types: z.array(z.string()),
  typeLabels: z.array(z.string()),
  topic: z.string(),
  startAt: isoInstantSchema,
  endAt: isoInstantSchema,
  place: z.string(),
  speakerMemberId: z.string().nullable(),
  speakerName: z.string().nullable(),
  /** As asked for: a joint activity lists every branch it invited (see `invitations` for their answers). */
  audience: audienceSchema,
  audienceLabel: z.string(),
  invitations: z.array(
    z.object({ branchId: z.string(), branchName: z.string(), status: z.enum(INVITATION_STATUSES), statusLabel: z.string() }),
  ),
  creditHours: z.number(),
  checkinOpensAt: isoInstantSchema,
  checkinClosesAt: isoInstantSchema,
  /** Managers only (null for members, who see `checkinRadiusMeters`). */
  geofence: geofenceSchema.nullable(),
  /** Sign-in must happen within this many metres of the place; null: anywhere. */
  checkinRadiusMeters: z.number().nullable(),
  status: activityStatusSchema,
  closedAt: isoInstantSchema.nullable(),
  cancelReason: z.string().nullable(),
})
export type ActivityView = z.infer<typeof activityViewSchema>

const requestViewSchema = z.object({
  status: requestStatusSchema,
  text: z.string(),
  at: isoInstantSchema,
  reviewNote: z.string().nullable(),
})

export const activityDetailSchema = z.object({
  activity: activityViewSchema,
  /** The caller may edit, cancel, show the code, watch, close. */
  canManage: z.boolean(),
  /** The caller is in the expected audience. */
  inAudience: z.boolean(),
  editable: z.boolean(),
  myAttendance: z
    .object({ state: attendanceStateSchema, signedInAt: isoInstantSchema.nullable(), makeupConfirmed: z.boolean() })
    .nullable(),
  myLeave: requestViewSchema.nullable(),
  myMakeup: requestViewSchema.nullable(),
  canRequestLeave: z.boolean(),
  canWithdrawLeave: z.boolean(),
  canFileMakeup: z.boolean(),
  log: z.array(
    z.object({
      at: isoInstantSchema,
      actorName: z.string(),
      action: activityLogActionSchema,
      changes: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
      note: z.string().nullable(),
    }),
  ),
})
export type ActivityDetail = z.infer<typeof activityDetailSchema>

const personSchema = z.object({ memberId: z.string(), name: z.string() })

export const liveAttendanceSchema = z.object({
  activity: activityViewSchema,
  counts: z.object({
    expected: z.number().int(),
    present: z.number().int(),
    late: z.number().int(),
    leave: z.number().int(),
    absent: z.number().int(),
    madeUp: z.number().int(),
    unrecorded: z.number().int(),
  }),
  /** (present + late) / expected; null when nobody is expected. */
  rate: z.number().nullable(),
  quorum: z.object({ required: z.boolean(), share: z.number().nullable(), reached: z.boolean().nullable() }),
  present: z.array(personSchema.extend({ signedInAt: isoInstantSchema.nullable(), method: z.string() })),
  late: z.array(personSchema.extend({ signedInAt: isoInstantSchema.nullable(), method: z.string() })),
  leave: z.array(personSchema),
  absent: z.array(personSchema.extend({ madeUp: z.boolean() })),
  /** Expected and not yet recorded (absent once the activity is closed). */
  notYet: z.array(personSchema),
})
export type LiveAttendance = z.infer<typeof liveAttendanceSchema>

const myItemSchema = z.object({
  activityId: z.string(),
  activityTopic: z.string(),
  activityStartAt: isoInstantSchema,
  attendanceState: attendanceStateSchema.nullable(),
  leave: requestViewSchema.nullable(),
  makeup: requestViewSchema.nullable(),
  canWithdrawLeave: z.boolean(),
  canFileMakeup: z.boolean(),
})
export type MyRecordItem = z.infer<typeof myItemSchema>

const reviewInputSchema = z
  .object({
    activityId: activityIdSchema,
    memberId: idOf('党员'),
    approve: named('审批意见', z.boolean({ error: '请选择同意或不同意' })),
    reason: reviewReasonSchema,
  })
  .strict()
  .superRefine(requireReasonToDecline('approve'))

export const activitiesContract = {
  /** Choices for the post form: groups of the branch, other branches (joint 党课), members (speaker). */
  formOptions: defineAction(
    z.object({ branchId: idOf('支部') }).strict(),
    z.object({
      branchId: z.string(),
      branchName: z.string(),
      groups: z.array(z.object({ id: z.string(), name: z.string() })),
      branches: z.array(z.object({ id: z.string(), name: z.string() })),
      members: z.array(z.object({ id: z.string(), name: z.string() })),
      /** The branch's rules in force now that the form needs: its types, the default credit and check-in window. */
      rules: z.object({
        timeZone: z.string(),
        activityTypes: z.array(z.object({ id: z.string(), label: z.string() })),
        studyHours: z.object({ creditPerHour: z.number(), roundDownTo: z.number(), maxCreditPerDay: z.number() }),
        checkin: z.object({ opensBeforeStartMinutes: z.number(), closesAfterEndMinutes: z.number() }),
      }),
    }),
  ),
  post: defineAction(postActivityInputSchema, activityViewSchema),
  edit: defineAction(editActivityInputSchema, activityViewSchema),
  cancel: defineAction(
    z
      .object({
        activityId: activityIdSchema,
        reason: named('取消原因', z.string({ error: '请填写取消原因' }).trim().min(2, '请填写取消原因（至少 2 个字）').max(200, '取消原因不超过 200 个字')),
      })
      .strict(),
    activityViewSchema,
  ),
  /** Upcoming (not ended, not cancelled) activities of the caller's branch, or recent ones. */
  list: defineAction(
    z
      .object({
        when: named('时间范围', z.enum(['upcoming', 'recent'])).default('upcoming'),
        branchId: idOf('支部').optional(),
        offset: named('页码', z.number().int().min(0, '页码无效')).default(0),
        limit: named('每页条数', z.number().int().min(1, '每页至少 1 条').max(ACTIVITY_PAGE_MAX, `每页最多 ${ACTIVITY_PAGE_MAX} 条`)).default(20),
      })
      .strict(),
    z.object({
      activities: z.array(
        activityViewSchema.extend({ inAudience: z.boolean(), myState: attendanceStateSchema.nullable() }),
      ),
      canManage: z.boolean(),
      /** More activities follow this page (ask again from offset + limit). */
      hasMore: z.boolean(),
    }),
  ),
  detail: defineAction(z.object({ activityId: activityIdSchema }).strict(), activityDetailSchema),
  requestLeave: defineAction(
    z
      .object({
        activityId: activityIdSchema,
        reason: named('请假事由', z.string({ error: '请填写请假事由' }).trim().min(2, '请填写请假事由（至少 2 个字）').max(200, '请假事由不超过 200 个字')),
      })
      .strict(),
    z.object({ status: requestStatusSchema }),
  ),
  reviewLeave: defineAction(reviewInputSchema, z.object({ status: requestStatusSchema })),
  fileMakeup: defineAction(
    z
      .object({
        activityId: activityIdSchema,
        reflection: named('学习心得', z.string({ error: '请填写学习心得' }).trim().min(10, '学习心得至少 10 个字').max(2000, '学习心得不超过 2000 个字')),
      })
      .strict(),
    z.object({ status: requestStatusSchema }),
  ),
  reviewMakeup: defineAction(reviewInputSchema, z.object({ status: requestStatusSchema })),
  /** A manager of an invited branch accepts (its members are then expected) or declines a joint activity. */
  respondToInvitation: defineAction(
    z
      .object({ activityId: activityIdSchema, branchId: idOf('支部'), accept: named('答复', z.boolean({ error: '请选择接受或谢绝' })), reason: reviewReasonSchema })
      .strict()
      .superRefine(requireReasonToDecline('accept')),
    activityViewSchema,
  ),
  /** The member takes back their leave request (waiting or granted) before the start. */
  withdrawLeave: defineAction(z.object({ activityId: activityIdSchema }).strict(), z.object({ status: requestStatusSchema })),
  /** The caller's own leave requests, absences and 补学. */
  mine: defineAction(z.object({}).strict(), z.object({ items: z.array(myItemSchema) })),
  live: defineAction(z.object({ activityId: activityIdSchema }).strict(), liveAttendanceSchema),
  close: defineAction(
    z.object({ activityId: activityIdSchema }).strict(),
    z.object({ activity: activityViewSchema, absentAdded: z.number().int(), creditedMembers: z.number().int(), creditHours: z.number() }),
  ),
}
