/**
 * Benchmark of the dashboards (not a test): `npm run bench:dashboard`.
 *
 * Loads the synthetic university (300 branches, 12,000 members, ≈1M attendance rows) into
 * the local runtime, rebuilds every branch summary as the nightly timer does, then measures
 * the party-committee overview and one branch's status as phones call them, and the same
 * overview computed from raw records, with the ratio. Targets: overview p95 ≤ 100 ms,
 * branch p95 ≤ 50 ms, ratio ≥ 100×.
 */
import { LocalCloud } from '../cloud-runtime/local-cloud'
import { assessBranchNow, rebuildSummaries } from '../cloudfunctions/_shared/summaries'
import { ADMIN_OPENID, loadUniversity } from './load-university'
import { AS_OF, YEAR } from './university'

const OVERVIEW_CALLS = 50
const BRANCH_CALLS = 200

function percentile(samples: number[], share: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]
}

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now()
  const result = await run()
  return [performance.now() - started, result]
}

async function main(): Promise<void> {
  const cloud = await LocalCloud.start({ dataDir: null, now: () => AS_OF, log: () => undefined })
  const { branches, collections, loadMs } = await loadUniversity(cloud)

  const [rebuildMs] = await timed(() => rebuildSummaries(cloud.contextFor(null), { budgetMs: Number.POSITIVE_INFINITY, year: YEAR }))

  const overviewSamples: number[] = []
  for (let call = 0; call < OVERVIEW_CALLS; call += 1) {
    const [ms, result] = await timed(() => cloud.invoke('compliance', { action: 'overview', payload: { year: YEAR } }, ADMIN_OPENID))
    if (!result.ok) throw new Error(result.error.message)
    overviewSamples.push(ms)
  }
  const branchSamples: number[] = []
  for (let call = 0; call < BRANCH_CALLS; call += 1) {
    const branchId = branches[(call * 37) % branches.length].branch._id
    const [ms, result] = await timed(() =>
      cloud.invoke('compliance', { action: 'branchStatus', payload: { branchId, year: YEAR } }, ADMIN_OPENID),
    )
    if (!result.ok) throw new Error(result.error.message)
    branchSamples.push(ms)
  }
  const [rawOverviewMs] = await timed(async () => {
    for (const data of branches) await assessBranchNow(cloud.contextFor(null), data.branch, YEAR)
  })
  await cloud.close()

  const overviewP50 = percentile(overviewSamples, 0.5)
  const rows: [string, string][] = [
    ['branches / members', `${branches.length} / ${collections.members.length}`],
    ['attendance rows', String(collections.attendance.length)],
    ['load into the local runtime', `${(loadMs / 1000).toFixed(1)} s`],
    ['full rebuild of all summaries', `${(rebuildMs / 1000).toFixed(1)} s`],
    ['overview p50 / p95', `${overviewP50.toFixed(1)} / ${percentile(overviewSamples, 0.95).toFixed(1)} ms (target p95 ≤ 100)`],
    ['one branch p50 / p95', `${percentile(branchSamples, 0.5).toFixed(1)} / ${percentile(branchSamples, 0.95).toFixed(1)} ms (target p95 ≤ 50)`],
    ['overview from raw records', `${rawOverviewMs.toFixed(0)} ms`],
    ['raw / summaries ratio', `${(rawOverviewMs / overviewP50).toFixed(0)}× (target ≥ 100×)`],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
