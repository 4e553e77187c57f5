import { rulesetsContract } from '../domain/contracts/rulesets'
import type { Ruleset } from '../domain/ruleset/schema'
import type { EffectiveFrom } from '../domain/ruleset/effective'
import { callAction, registerContract } from './cloud'

registerContract('rulesets', rulesetsContract)

export const fetchRules = (orgId: string | undefined, effectiveFrom?: EffectiveFrom) =>
  callAction('rulesets', 'get', { ...(orgId ? { orgId } : {}), ...(effectiveFrom ? { effectiveFrom } : {}) })
export const previewRules = (orgId: string | undefined, effectiveFrom: EffectiveFrom, ruleset: Ruleset, cursor: number) =>
  callAction('rulesets', 'preview', { ...(orgId ? { orgId } : {}), effectiveFrom, ruleset, cursor })
export const saveRules = (
  orgId: string | undefined,
  draft: { effectiveFrom: EffectiveFrom; ruleset: Ruleset; revision: number | null; preset: string | null },
) => callAction('rulesets', 'save', { ...(orgId ? { orgId } : {}), ...draft })
export const fetchRulesRefresh = (orgId: string | undefined) => callAction('rulesets', 'refreshStatus', orgId ? { orgId } : {})
