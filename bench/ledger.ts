/**
 * 台账 export timings on the demo university (`npx tsx bench/ledger.ts`): every kind for the
 * busiest demo branch, over a month, the autumn semester and the year. Prints figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { LocalCloud } from '../cloud-runtime/local-cloud'
import { generateDemoData } from '../cloud-runtime/seed/demo-data'
import { seedDatabase } from '../cloud-runtime/seed/seed-database'
import type { LedgerJobView } from '../src/domain/contracts'

const NOW = new Date('2026-11-21T02:00:00.000Z')

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zbt-bench-ledger-'))
  const cloud = await LocalCloud.start({ dataDir, now: () => NOW, log: () => undefined })
  try {
    const demo = generateDemoData({ now: NOW })
    await seedDatabase(cloud.db(), { putFile: async (p, bytes) => void (await cloud.storage.uploadFile(p, bytes)) }, demo)
    const counts = new Map<string, number>()
    for (const activity of demo.activities) counts.set(activity.branchId, (counts.get(activity.branchId) ?? 0) + 1)
    const [branchId] = [...counts].sort((a, b) => b[1] - a[1])[0]
    const secretary = demo.members.find((m) => m.branchId === branchId && m.roles.includes('secretary'))!
    console.log(`branch ${branchId}: ${counts.get(branchId)} activities, ${demo.members.filter((m) => m.branchId === branchId).length} members`)
    for (const kind of ['activities_xlsx', 'activities_pdf', 'members_xlsx'] as const) {
      for (const periodKey of ['2026-11', '2026-autumn', '2026']) {
        if (kind === 'members_xlsx' && periodKey !== '2026') continue
        const started = performance.now()
        const result = await cloud.invoke('ledger', { action: 'start', payload: { branchId, kind, periodKey } }, secretary.openid!)
        const elapsed = performance.now() - started
        if (!result.ok) throw new Error(result.error.message)
        const view = result.data as LedgerJobView
        const file = await cloud.storage.downloadFile(`cloud://local/ledgers/${branchId}/${view.id}.${kind.endsWith('pdf') ? 'pdf' : 'xlsx'}`)
        console.log(`${kind.padEnd(16)} ${periodKey.padEnd(12)} ${elapsed.toFixed(0).padStart(6)} ms  ${(file.length / 1024).toFixed(0).padStart(6)} KB`)
      }
    }
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
