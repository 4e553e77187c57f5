import { z } from 'zod'
import { LIGHTS } from '../compliance/labels'
import { orgKindSchema } from '../model'
import { EFFECTIVE_KINDS, effectiveFromSchema } from '../ruleset/effective'
import type { Ruleset } from '../ruleset/schema'
import { defineAction, idOf, isoInstantSchema, named } from './define'

const effectiveFromInput = named('生效周期', effectiveFromSchema)

/**
 * The rules of a party committee and the tightening of a 党总支, edited on the phone by their
 * admins (cloud function `rulesets`). A ruleset travels whole; the function validates it with the
 * ruleset schema (Chinese field names) and answers what changes.
 */

const orgInput = { orgId: idOf('党组织').optional() }
/** A ruleset as the page sends it: checked by the function with the ruleset schema, so its messages name the fields. */
const draftSchema = z.record(z.string(), z.unknown(), { error: '请提供规则' })

/**
 * A ruleset in an answer: carried by its type only. The function parses every ruleset it reads
 * with the ruleset schema (rulesets/store.ts), and keeping that schema out of the contract keeps
 * it out of a member's start-up code on the phone (the weapp start-up budget, test/weapp/startup).
 */
const rulesetView = z.custom<Ruleset>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), { error: '规则无效' })

const effectiveFromView = z.object({ kind: z.enum(EFFECTIVE_KINDS), key: z.string(), label: z.string(), start: isoInstantSchema })
const refreshSchema = z.object({
  revision: z.number().int(),
  done: z.boolean(),
  processed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
})
export type RulesRefreshView = z.infer<typeof refreshSchema>

const changeSchema = z.object({ path: z.array(z.string()), field: z.string(), before: z.string().nullable(), after: z.string().nullable() })
export type RulesetChangeView = z.infer<typeof changeSchema>

const lightStateSchema = z.object({ light: z.enum(LIGHTS), qualified: z.boolean() })

export const rulesGetOutputSchema = z.object({
  org: z.object({ id: z.string(), name: z.string(), kind: orgKindSchema }),
  /** null before the org's first save. */
  revision: z.number().int().nullable(),
  effectiveFrom: effectiveFromView,
  /** The periods a change may take effect from, per kind. */
  choices: z.array(z.object({ kind: z.enum(EFFECTIVE_KINDS), label: z.string(), periods: z.array(z.object({ key: z.string(), label: z.string() })) })),
  /** The rules in force at the chosen period's start: what the editor starts from. */
  ruleset: rulesetView,
  /** A 党总支's floor: the committee's rules then, which it may only tighten; null for a committee. */
  floor: rulesetView.nullable(),
  /** Saved versions, oldest first; `inForce` marks the one in force now. */
  versions: z.array(
    z.object({ effectiveFrom: effectiveFromView.nullable(), savedAt: isoInstantSchema, savedByName: z.string(), preset: z.string().nullable(), inForce: z.boolean() }),
  ),
  /** A later saved version ends the chosen one: '2027年' (null: none). */
  appliesUntil: z.string().nullable(),
  /** Rulesets to start from (a committee only). */
  presets: z.array(
    z.object({ id: z.string(), label: z.string(), source: z.string(), rules: z.array(z.object({ rule: z.string(), from: z.string() })), ruleset: rulesetView }),
  ),
  /** A 党总支's tightening that no longer applies after a change of the committee's rules. */
  problems: z.array(z.string()),
  history: z.array(z.object({ at: isoInstantSchema, actorName: z.string(), effectiveFrom: z.string(), changes: z.array(changeSchema) })),
  refresh: refreshSchema.nullable(),
})
export type RulesGetOutput = z.infer<typeof rulesGetOutputSchema>

export const rulesPreviewOutputSchema = z.object({
  /** The year evaluated ('2026年'), or null when the change starts after it (nothing to preview yet). */
  periodLabel: z.string().nullable(),
  total: z.number().int().nonnegative(),
  /** Branches evaluated so far, this chunk included. */
  evaluated: z.number().int().nonnegative(),
  /** Where the next call goes on; null when done. */
  nextCursor: z.number().int().nonnegative().nullable(),
  /** Branches of this chunk whose light or 达标 would change. */
  changes: z.array(z.object({ branchId: z.string(), branchName: z.string(), before: lightStateSchema, after: lightStateSchema })),
})
export type RulesPreviewOutput = z.infer<typeof rulesPreviewOutputSchema>

export const rulesetsContract = {
  get: defineAction(z.object({ ...orgInput, effectiveFrom: effectiveFromInput.optional() }).strict(), rulesGetOutputSchema),
  /** Part of a preview: evaluates the next branches within the call's time; the page calls again from `nextCursor`. */
  preview: defineAction(
    z
      .object({ ...orgInput, effectiveFrom: effectiveFromInput, ruleset: named('规则', draftSchema), cursor: named('预览位置', z.number().int().min(0).max(100_000)).default(0) })
      .strict(),
    rulesPreviewOutputSchema,
  ),
  save: defineAction(
    z
      .object({
        ...orgInput,
        effectiveFrom: effectiveFromInput,
        ruleset: named('规则', draftSchema),
        /** The revision the page edited (null: the org had no rules of its own yet). */
        revision: named('规则版本', z.number().int().min(1)).nullable(),
        preset: named('预设', z.string().trim().max(32)).nullable().default(null),
      })
      .strict(),
    z.object({ revision: z.number().int(), changes: z.array(changeSchema), refresh: refreshSchema.nullable() }),
  ),
  /** Continues the refresh of the branches after a save (within the call's time) and tells how far it got. */
  refreshStatus: defineAction(z.object(orgInput).strict(), z.object({ refresh: refreshSchema.nullable() })),
}
