import { z } from 'zod'

/** The periods a ruleset version can take effect from (its first day starts it). */
export const EFFECTIVE_KINDS = ['month', 'semester', 'year'] as const
export type EffectiveKind = (typeof EFFECTIVE_KINDS)[number]
export const EFFECTIVE_KIND_LABELS: Record<EffectiveKind, string> = { month: '从某月起', semester: '从某学期起', year: '从某年起' }

/** What the page sends: the kind and the period key ('2026-12', '2027-spring', '2027'). */
export const effectiveFromSchema = z.strictObject({
  kind: z.enum(EFFECTIVE_KINDS, { error: '请选择生效周期' }),
  key: z.string().trim().min(4, '请选择生效周期').max(16, '生效周期无效'),
})
export type EffectiveFrom = z.infer<typeof effectiveFromSchema>
