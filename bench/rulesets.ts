/**
 * Benchmark of a ruleset change (not a test): `npm run bench:rulesets`.
 *
 * Loads the synthetic university (300 branches), builds every summary of the year as the nightly
 * timer does, then the party-committee admin raises the 达标 line from this month on: every
 * branch's summaries (last year's, which holds periods begun then, and this year's) are
 * re-evaluated. The save refreshes for RULES_REFRESH_BUDGET_MS before it answers; the page then
 * calls `refreshStatus` until done, each call within the same budget. Prints each call and each
 * chunk with its time; every call must stay under the function's timeout (cloudfunctions/manifest.ts).
 */
import { LocalCloud } from '../cloud-runtime/local-cloud'
import { RULES_REFRESH_BUDGET_MS } from '../cloudfunctions/_shared/effects'
import { rebuildSummaries, rulesRefreshJob } from '../cloudfunctions/_shared/summaries'
import { FUNCTIONS } from '../cloudfunctions/manifest'
import type { RulesGetOutput, RulesRefreshView } from '../src/domain/contracts/rulesets'
import { ADMIN_OPENID, loadUniversity } from './load-university'
import { AS_OF, YEAR } from './university'

async function main(): Promise<void> {
  const cloud = await LocalCloud.start({ dataDir: null, now: () => AS_OF, log: () => undefined })
  const { branches, loadMs } = await loadUniversity(cloud)
  const rebuildStarted = performance.now()
  await rebuildSummaries(cloud.contextFor(null), { budgetMs: Number.POSITIVE_INFINITY, year: YEAR })
  const rebuildMs = performance.now() - rebuildStarted
  console.log(`${branches.length} branches loaded in ${(loadMs / 1000).toFixed(1)} s; summaries of ${YEAR} built in ${(rebuildMs / 1000).toFixed(1)} s`)

  const invoke = async <T>(action: string, payload: object): Promise<[number, T]> => {
    const started = performance.now()
    const result = await cloud.invoke('rulesets', { action, payload }, ADMIN_OPENID)
    if (!result.ok) throw new Error(`rulesets.${action}: ${result.error.message}`)
    return [performance.now() - started, result.data as T]
  }
  const [, state] = await invoke<RulesGetOutput>('get', { orgId: 'pc' })
  const ruleset = structuredClone(state.ruleset)
  ruleset.scoring.gradeThresholds.qualified += 5
  const effectiveFrom = { kind: state.effectiveFrom.kind, key: state.effectiveFrom.key }
  const limitMs = FUNCTIONS.find((fn) => fn.name === 'rulesets')!.timeoutSeconds * 1000
  console.log(`change: 达标 line ${state.ruleset.scoring.gradeThresholds.qualified} → ${ruleset.scoring.gradeThresholds.qualified} from ${state.effectiveFrom.label}; budget per call ${RULES_REFRESH_BUDGET_MS / 1000} s, function limit ${limitMs / 1000} s`)

  const calls: { action: string; ms: number; refresh: RulesRefreshView | null }[] = []
  const [saveMs, saved] = await invoke<{ refresh: RulesRefreshView | null }>('save', { orgId: 'pc', effectiveFrom, ruleset, revision: state.revision, preset: null })
  calls.push({ action: 'save', ms: saveMs, refresh: saved.refresh })
  let refresh = saved.refresh
  while (refresh && !refresh.done) {
    const [ms, status] = await invoke<{ refresh: RulesRefreshView | null }>('refreshStatus', { orgId: 'pc' })
    calls.push({ action: 'refreshStatus', ms, refresh: status.refresh })
    refresh = status.refresh
  }
  for (const [index, call] of calls.entries()) {
    console.log(`call ${String(index + 1).padStart(2)}  ${call.action.padEnd(13)}  ${(call.ms / 1000).toFixed(2).padStart(6)} s  ${call.refresh?.processed}/${call.refresh?.total} branches`)
  }
  const job = (await rulesRefreshJob(cloud.contextFor(null), 'pc'))!
  for (const [index, chunk] of job.chunks.entries()) {
    console.log(`chunk ${String(index + 1).padStart(2)}  ${String(chunk.branches).padStart(3)} branches × ${job.years.length} years (${job.years.join(', ')})  ${(chunk.ms / 1000).toFixed(2).padStart(6)} s`)
  }
  const slowest = Math.max(...calls.map((call) => call.ms))
  const total = calls.reduce((sum, call) => sum + call.ms, 0)
  console.log(`${calls.length} calls, ${(total / 1000).toFixed(1)} s in all; slowest call ${(slowest / 1000).toFixed(2)} s (limit ${limitMs / 1000} s): ${slowest < limitMs ? 'within the limit' : 'OVER THE LIMIT'}`)
  await cloud.close()
  if (!refresh?.done || slowest >= limitMs) process.exit(1)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
