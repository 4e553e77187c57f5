import { z } from 'zod'
import { bindMethodSchema, branchRoleSchema, memberCategorySchema, partyStatusSchema } from '../model'
import { defineAction, idOf, isoInstantSchema, named, requireReasonToDecline, reviewReasonSchema } from './define'

const fileId = named(
  '花名册文件',
  z
    .string({ error: '请先上传花名册文件' })
    .trim()
    .min(1, '请先上传花名册文件')
    .max(512, '文件标识无效')
    .regex(/^cloud:\/\//, '文件标识无效，请重新上传'),
)

export const MEMBER_PAGE_SIZE_MAX = 50

/** Personal data of a roster entry: for the member themself and the branch's managers only. */
export const memberDetailsSchema = z.object({
  number: z.string(),
  partyStatus: partyStatusSchema,
  /** YYYY-MM-DD (Asia/Shanghai). */
  joinedOn: z.string(),
  /** Masked (138****5678) unless the caller may see it in full. */
  phone: z.string().nullable(),
  phoneMasked: z.boolean(),
  isLeadingCadre: z.boolean(),
  isDualLeader: z.boolean(),
  bound: z.boolean(),
})
export type MemberDetails = z.infer<typeof memberDetailsSchema>

export const memberRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: memberCategorySchema,
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  roles: z.array(branchRoleSchema),
  /** Null for fellow members: they see names, groups and offices only. */
  details: memberDetailsSchema.nullable(),
})
export type MemberRow = z.infer<typeof memberRowSchema>

export const pendingClaimSchema = z.object({
  requestId: z.string(),
  memberName: z.string(),
  branchName: z.string(),
  method: bindMethodSchema,
  createdAt: isoInstantSchema,
})
export type PendingClaim = z.infer<typeof pendingClaimSchema>

export const meOutputSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('bound'),
    member: memberRowSchema.extend({ details: memberDetailsSchema }),
    branch: z.object({ id: z.string(), name: z.string() }),
    /** May manage the roster of its branch (secretary) or of branches below (admin). */
    managesRoster: z.boolean(),
    /** The party committees and 党总支 whose rules the member sets as their admin (组织生活规则 on 我的). */
    rulesOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
  z.object({ state: z.literal('unbound'), pending: pendingClaimSchema.nullable() }),
])
export type Me = z.infer<typeof meOutputSchema>

export const rowErrorSchema = z.object({ row: z.number().int(), message: z.string() })
export type RowError = z.infer<typeof rowErrorSchema>

export const importPreviewSchema = z.object({
  rowCount: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** The first DEFAULT_ROSTER_IMPORT_LIMITS.maxListedProblems row errors; errorCount says how many there are. */
  errors: z.array(rowErrorSchema),
  errorCount: z.number().int(),
  warnings: z.array(z.string()),
  warningCount: z.number().int(),
  /** The first rows that would be created or changed, for a look before confirming. */
  changes: z.array(z.object({ row: z.number().int(), number: z.string(), name: z.string(), kind: z.enum(['create', 'update']) })),
})
export type ImportPreview = z.infer<typeof importPreviewSchema>

const importInput = z.object({ branchId: idOf('党支部'), fileId }).strict()

export const membersContract = {
  /** Callable by any WeChat identity: bound (profile) or not (claim state). */
  me: defineAction(z.object({}).strict(), meOutputSchema),
  list: defineAction(
    z
      .object({
        branchId: idOf('党支部'),
        search: named('搜索词', z.string().trim().max(30, '搜索词不能超过 30 个字')).optional(),
        groupId: idOf('党小组').optional(),
        offset: named('页码', z.number().int().min(0, '页码无效')).default(0),
        limit: named('每页人数', z.number().int().min(1, '每页至少 1 人').max(MEMBER_PAGE_SIZE_MAX, `每页最多 ${MEMBER_PAGE_SIZE_MAX} 人`)).default(20),
      })
      .strict(),
    z.object({
      items: z.array(memberRowSchema),
      total: z.number().int(),
      offset: z.number().int(),
      limit: z.number().int(),
      groups: z.array(z.object({ id: z.string(), name: z.string() })),
      managesRoster: z.boolean(),
      /** An admin above the branch: may set offices and flags, and transfer members. */
      administersBranch: z.boolean(),
    }),
  ),
  /** An empty 花名册 template (.xlsx) with its 填写说明, to fill in on a computer. */
  importTemplate: defineAction(z.object({ branchId: idOf('党支部') }).strict(), z.object({ fileName: z.string(), url: z.string() })),
  importPreview: defineAction(importInput, importPreviewSchema),
  /** All or nothing: with any row error nothing is written (INVALID_INPUT lists the rows). */
  importConfirm: defineAction(
    importInput,
    z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), warnings: z.array(z.string()) }),
  ),
  /** A single-use code for one unbound member; the code is answered once and stored only as a hash. */
  createInvite: defineAction(
    z
      .object({
        memberId: idOf('党员'),
        validDays: named('有效期', z.number().int().min(1, '有效期至少 1 天').max(30, '有效期最多 30 天')).default(7),
      })
      .strict(),
    z.object({ code: z.string(), expiresAt: isoInstantSchema, memberName: z.string() }),
  ),
  /** Caller need not be bound (that is the point); the request waits for the secretary. */
  claim: defineAction(
    z.discriminatedUnion(
      'method',
      [
        z
          .object({
            method: named('绑定方式', z.literal('number')),
            name: named('姓名', z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(30, '姓名不能超过 30 个字')),
            number: named(
              '学号/工号',
              z
                .string({ error: '请填写学号/工号' })
                .trim()
                .min(1, '请填写学号/工号')
                .max(32, '学号/工号不能超过 32 位')
                .regex(/^[A-Za-z0-9-]+$/, '学号/工号只能包含字母、数字和短横线'),
            ),
          })
          .strict(),
        z
          .object({
            method: named('绑定方式', z.literal('invite')),
            code: named(
              '邀请码',
              z
                .string({ error: '请填写邀请码' })
                .trim()
                .max(20, '邀请码不超过 20 位')
                .regex(/^[A-Za-z0-9 -]{6,20}$/, '邀请码格式不正确'),
            ),
          })
          .strict(),
      ],
      { error: '请选择绑定方式' },
    ),
    pendingClaimSchema,
  ),
  cancelClaim: defineAction(z.object({}).strict(), z.object({ cancelled: z.boolean() })),
  decide: defineAction(
    z
      .object({
        requestId: idOf('申请'),
        approve: named('审批意见', z.boolean({ error: '请选择同意或拒绝' })),
        reason: reviewReasonSchema,
      })
      .strict()
      .superRefine(requireReasonToDecline('approve')),
    z.object({ status: z.enum(['approved', 'rejected']) }),
  ),
  unbind: defineAction(z.object({ memberId: idOf('党员') }).strict(), z.object({ memberId: z.string() })),
  /** 组织关系转接; attendance stays with the member id. */
  transfer: defineAction(
    z.object({ memberId: idOf('党员'), toBranchId: idOf('转入党支部') }).strict(),
    z.object({ memberId: z.string(), fromBranchId: z.string(), toBranchId: z.string() }),
  ),
  assignGroup: defineAction(
    z.object({ memberId: idOf('党员'), groupId: idOf('党小组').nullable() }).strict(),
    z.object({ memberId: z.string(), groupId: z.string().nullable() }),
  ),
}
