import { z } from 'zod'
import { branchRoleSchema, memberCategorySchema, orgKindSchema, partyStatusSchema } from '../model'
import { defineAction } from './define'

export const orgRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: orgKindSchema,
})
export type OrgRef = z.infer<typeof orgRefSchema>

export const memberProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  number: z.string(),
  category: memberCategorySchema,
  partyStatus: partyStatusSchema,
  roles: z.array(branchRoleSchema),
  isLeadingCadre: z.boolean(),
  isDualLeader: z.boolean(),
  phoneMasked: z.string().nullable(),
})
export type MemberProfile = z.infer<typeof memberProfileSchema>

export const whoamiOutputSchema = z.object({
  member: memberProfileSchema,
  branch: orgRefSchema.extend({ isCombined: z.boolean(), memberCount: z.number().int().nonnegative() }),
  group: orgRefSchema.nullable(),
  /** The branch's ancestors, root first (党委, 党总支). */
  ancestors: z.array(orgRefSchema),
  /** General branches or party committee the caller administers. */
  adminOrgs: z.array(orgRefSchema),
  /** The calendar of the branch's rules in force now: the phone shows dates and periods by it. */
  calendar: z.object({
    timeZone: z.string(),
    semesters: z.object({
      spring: z.object({ month: z.number(), day: z.number() }),
      autumn: z.object({ month: z.number(), day: z.number() }),
    }),
  }),
  /** Unread messages in the 消息 center: the badge, without a call of its own. */
  unreadMessages: z.number().int().nonnegative(),
})
export type Whoami = z.infer<typeof whoamiOutputSchema>

export const identityContract = {
  whoami: defineAction(z.object({}).strict(), whoamiOutputSchema),
}
