import type { Db } from '@cloudbase/database'
import { COLLECTIONS } from '../../src/domain/collections'
import type { Member, Org } from '../../src/domain/model'

export interface BigBranch {
  branchId: string
  secretaryOpenid: string
  /** Ordinary members (the secretary not included). */
  memberOpenids: string[]
}

/** A branch far larger than the demo's (≤ 30): its own party committee, a secretary and `size` members. */
export async function addBigBranch(db: Db, size: number, key = 'big'): Promise<BigBranch> {
  const rootId = `org-${key}-root`
  const branchId = `org-${key}`
  const orgs: Org[] = [
    { _id: rootId, kind: 'party_committee', name: `${key} 党委`, parentId: null, ancestorIds: [], sortOrder: 0 },
    { _id: branchId, kind: 'branch', name: `${key} 测试党支部`, parentId: rootId, ancestorIds: [rootId], category: 'student', sortOrder: 0 },
  ]
  for (const org of orgs) await db.collection(COLLECTIONS.orgs.name).add(org)
  const member = (index: number): Member => ({
    _id: `mem-${key}-${index}`,
    name: `测试党员${index}`,
    number: `${key.toUpperCase()}${String(index).padStart(5, '0')}`,
    category: 'student',
    partyStatus: 'full',
    joinedAt: new Date('2020-06-01T00:00:00.000Z'),
    phone: null,
    branchId,
    groupId: null,
    roles: index === 0 ? ['secretary'] : [],
    isLeadingCadre: false,
    isDualLeader: false,
    adminOrgIds: [],
    openid: `${key}-openid-${index}`,
    active: true,
  })
  const members = Array.from({ length: size + 1 }, (_, index) => member(index))
  for (let i = 0; i < members.length; i += 50) {
    await Promise.all(members.slice(i, i + 50).map((doc) => db.collection(COLLECTIONS.members.name).add(doc)))
  }
  return {
    branchId,
    secretaryOpenid: members[0].openid!,
    memberOpenids: members.slice(1).map((doc) => doc.openid!),
  }
}
