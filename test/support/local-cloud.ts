import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { LocalCloud } from '../../cloud-runtime/local-cloud'
import { COLLECTIONS } from '../../src/domain/collections'
import { generateDemoData, type DemoData } from '../../cloud-runtime/seed/demo-data'
import { seedDatabase } from '../../cloud-runtime/seed/seed-database'
import { rebuildSummaries } from '../../cloudfunctions/_shared/summaries'
import type { Member } from '../../src/domain/model'

/** A fixed instant for deterministic tests: Saturday 2026-11-21 10:00 in Beijing. */
export const TEST_NOW = new Date('2026-11-21T02:00:00.000Z')

export interface TestCloud {
  cloud: LocalCloud
  dataDir: string
  demo: DemoData
  dispose(): Promise<void>
}

/** `through: 'sdk'` in the jest project of that name (see jest.config.js), the embedded database otherwise. */
export const TEST_CLOUD_THROUGH = process.env.TEST_CLOUD_THROUGH === 'sdk' ? 'sdk' : 'embedded'

/** A local runtime on a fresh temp folder, seeded with the demo university as of `now()` (TEST_NOW by default). */
export async function startSeededCloud(options: { now?: () => Date } = {}): Promise<TestCloud> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zbt-test-'))
  const now = options.now ?? (() => TEST_NOW)
  const cloud = await LocalCloud.start({ dataDir, now, log: () => undefined, through: TEST_CLOUD_THROUGH })
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

/** The seeded runtime with every branch's summary built, as after the nightly timer: what the journeys start from. */
export async function startSeededCloudWithSummaries(options: { now: () => Date }): Promise<TestCloud> {
  const env = await startSeededCloud(options)
  let rebuilt = false
  while (!rebuilt) rebuilt = (await rebuildSummaries(env.cloud.contextFor(null), { budgetMs: 60_000 })).done
  return env
}

export function openidOf(demo: DemoData, predicate: (member: DemoData['members'][number]) => boolean): string {
  const member = demo.members.find(predicate)
  if (!member?.openid) throw new Error('no such demo member')
  return member.openid
}

/** The people of a branch a journey needs: its secretary and its plain members (bound, active, no role). */
export function branchCast(demo: DemoData, branchId: string): { secretary: Member; plainMembers: Member[] } {
  const ofBranch = demo.members.filter((member) => member.branchId === branchId)
  const secretary = ofBranch.find((member) => member.roles.includes('secretary'))
  const plainMembers = ofBranch.filter((member) => member.active && member.openid && member.roles.length === 0 && member.adminOrgIds.length === 0)
  if (!secretary || plainMembers.length < 2) throw new Error(`the demo branch ${branchId} lacks a secretary or two plain members`)
  return { secretary, plainMembers }
}

/** A teacher on the branch's roster whom no WeChat user has claimed yet (what a new member is before binding). */
export async function addUnboundMember(cloud: LocalCloud, entry: { id: string; name: string; number: string; branchId: string; phone?: string | null }): Promise<void> {
  await cloud.db().collection(COLLECTIONS.members.name).add({
    _id: entry.id,
    name: entry.name,
    number: entry.number,
    category: 'teacher',
    partyStatus: 'full',
    joinedAt: new Date('2012-06-30T16:00:00.000Z'),
    phone: entry.phone ?? null,
    branchId: entry.branchId,
    groupId: null,
    roles: [],
    isLeadingCadre: false,
    isDualLeader: false,
    adminOrgIds: [],
    active: true,
  })
}
