import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { LocalCloud } from '../../cloud-runtime/local-cloud'
import { generateDemoData, type DemoData } from '../../cloud-runtime/seed/demo-data'
import { seedDatabase } from '../../cloud-runtime/seed/seed-database'

/** A fixed instant for deterministic tests: Saturday 2026-11-21 10:00 in Beijing. */
export const TEST_NOW = new Date('2026-11-21T02:00:00.000Z')

export interface TestCloud {
  cloud: LocalCloud
  dataDir: string
  demo: DemoData
  dispose(): Promise<void>
}

/** A local runtime on a fresh temp folder, seeded with the demo university as of `now()` (TEST_NOW by default). */
export async function startSeededCloud(options: { now?: () => Date } = {}): Promise<TestCloud> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zbt-test-'))
  const now = options.now ?? (() => TEST_NOW)
  const cloud = await LocalCloud.start({ dataDir, now, log: () => undefined })
  const demo = generateDemoData({ now: now() })
  await seedDatabase(cloud.db(), { putFile: async (cloudPath, bytes) => void (await cloud.storage.uploadFile(cloudPath, bytes)) }, demo)
  return {
    cloud,
    dataDir,
    demo,
    async dispose() {
      await cloud.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export function openidOf(demo: DemoData, predicate: (member: DemoData['members'][number]) => boolean): string {
  const member = demo.members.find(predicate)
  if (!member?.openid) throw new Error('no such demo member')
  return member.openid
}
