import type { LocalCloud } from '../cloud-runtime/local-cloud'
import type { Member, Org } from '../src/domain/model'
import { generateUniversity } from './university'

const INSERT_BATCH = 1000
/** The party-committee admin of the synthetic university (a roster member of its first branch). */
export const ADMIN_OPENID = 'bench-party-committee-admin'

/** Loads the synthetic university (its committee, 党总支s, branches, rosters and records) into a local runtime. */
export async function loadUniversity(cloud: LocalCloud) {
  const branches = generateUniversity()
  const db = cloud.db()
  const generalBranchIds = [...new Set(branches.map((data) => data.branch.parentId!))]
  const orgs: Org[] = [
    { _id: 'pc', kind: 'party_committee', name: '基准大学党委', parentId: null, ancestorIds: [], sortOrder: 0 },
    ...generalBranchIds.map((id, index): Org => ({ _id: id, kind: 'general_branch', name: `第${index + 1}党总支`, parentId: 'pc', ancestorIds: ['pc'], sortOrder: index })),
    ...branches.flatMap((data) => [data.branch, ...data.groups]),
  ]
  const admin: Member = { ...branches[0].members[0], _id: 'bench-admin', number: 'BENCH-ADMIN', roles: [], adminOrgIds: ['pc'], openid: ADMIN_OPENID }
  const collections = {
    orgs,
    members: [...branches.flatMap((data) => data.members), admin],
    activities: branches.flatMap((data) => data.activities),
    attendance: branches.flatMap((data) => data.attendance),
    evidence: branches.flatMap((data) => data.evidence),
    study_records: branches.flatMap((data) => data.studyRecords),
  }
  const started = performance.now()
  for (const [name, documents] of Object.entries(collections)) {
    for (let index = 0; index < documents.length; index += INSERT_BATCH) {
      await db.collection(name).add(documents.slice(index, index + INSERT_BATCH))
    }
  }
  return { branches, collections, loadMs: performance.now() - started }
}
