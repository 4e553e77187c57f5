import { z } from 'zod'
import { branchRoleSchema, memberCategorySchema, orgKindSchema } from '../model'
import { defineAction, idOf, isoInstantSchema, named } from './define'

const orgName = named('组织名称', z.string({ error: '请填写组织名称' }).trim().min(2, '组织名称至少 2 个字').max(40, '组织名称不能超过 40 个字'))
/** A local date, YYYY-MM-DD (Asia/Shanghai). */
export const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

export const orgNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: orgKindSchema,
  parentId: z.string().nullable(),
  ancestorIds: z.array(z.string()),
  category: memberCategorySchema.nullable(),
  isCombined: z.boolean(),
  committeeTermStart: isoInstantSchema.nullable(),
  sortOrder: z.number(),
  /** The caller may rename / move / delete it, or create orgs under it. */
  canManageStructure: z.boolean(),
  /** Branches: the caller may set its committee and term (an admin above it). */
  canManageCommittee: z.boolean(),
})
export type OrgNode = z.infer<typeof orgNodeSchema>

export const memberRoleSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  branchId: z.string(),
  roles: z.array(branchRoleSchema),
  isLeadingCadre: z.boolean(),
  isDualLeader: z.boolean(),
})

export const orgContract = {
  /** The whole tree, with what the caller may do on each node. */
  tree: defineAction(z.object({}).strict(), z.object({ orgs: z.array(orgNodeSchema) })),
  /** The child's kind follows the parent's: 党委 → 党总支 → 党支部 → 党小组. */
  createOrg: defineAction(
    z
      .object({
        parentId: idOf('上级组织'),
        name: orgName,
        category: named('类别', memberCategorySchema).optional(),
        isCombined: named('联合党支部', z.boolean()).optional(),
      })
      .strict(),
    z.object({ org: orgNodeSchema }),
  ),
  renameOrg: defineAction(z.object({ orgId: idOf('组织'), name: orgName }).strict(), z.object({ org: orgNodeSchema })),
  /** Moves a 党支部 (with its 党小组) to another 党总支. */
  moveOrg: defineAction(
    z.object({ orgId: idOf('组织'), parentId: idOf('新的上级组织') }).strict(),
    z.object({ org: orgNodeSchema }),
  ),
  /** Only an empty org: no child orgs, no members, no activities. */
  deleteOrg: defineAction(z.object({ orgId: idOf('组织') }).strict(), z.object({ deletedId: z.string() })),
  /** 支委会 offices and 党小组长 of one member, set by an admin above the branch. */
  setMemberRoles: defineAction(
    z
      .object({
        memberId: idOf('党员'),
        roles: named('职务', z.array(branchRoleSchema).max(6, '职务过多')),
      })
      .strict(),
    z.object({ member: memberRoleSummarySchema }),
  ),
  setMemberFlags: defineAction(
    z
      .object({
        memberId: idOf('党员'),
        isLeadingCadre: named('党员领导干部', z.boolean()).optional(),
        isDualLeader: named('双带头人', z.boolean()).optional(),
      })
      .strict()
      .refine((input) => input.isLeadingCadre !== undefined || input.isDualLeader !== undefined, '请至少修改一项标记'),
    z.object({ member: memberRoleSummarySchema }),
  ),
  /** 支委会 term start (换届 date); null: the branch has no committee. */
  setCommitteeTerm: defineAction(
    z.object({ branchId: idOf('党支部'), termStart: named('换届日期', localDateSchema).nullable() }).strict(),
    z.object({ org: orgNodeSchema }),
  ),
}
