import { COLLECTIONS } from '../../../src/domain/collections'
import type { BindRequest, Member, Org } from '../../../src/domain/model'
import type { TestCloud } from '../../support/local-cloud'

/** Branches of the demo university the tests act on. */
export const BRANCH_A = 'org-cs-teacher'
export const BRANCH_A_SIBLING = 'org-cs-grad-1'
export const BRANCH_CS_OTHER = 'org-cs-undergrad'
export const BRANCH_B = 'org-fl-teacher'
export const BRANCH_B_SIBLING = 'org-fl-student'
export { csvOf, ROSTER_HEADER, xlsxOf } from '../../support/roster-files'

let sequence = 0
const next = () => ++sequence

/** Writes straight to the database: fresh targets keep every case independent of the others. */
export function fixtures(env: TestCloud) {
  const db = env.cloud.db()
  const member = (predicate: (member: Member) => boolean): Member => {
    const found = env.demo.members.find(predicate)
    if (!found) throw new Error('no such demo member')
    return found
  }
  return {
    db,
    orgOf: (id: string): Org => env.demo.orgs.find((org) => org._id === id)!,
    member,
    /** A plain member of a branch: no office, administers nothing. */
    plainMemberOf: (branchId: string) =>
      member((m) => m.branchId === branchId && m.roles.length === 0 && m.adminOrgIds.length === 0 && !m.isLeadingCadre),
    async freshMember(branchId: string, options: { bound?: boolean; groupId?: string | null; name?: string } = {}): Promise<Member> {
      const n = next()
      const document: Member = {
        _id: `test-member-${n}`,
        name: options.name ?? `测试党员${n}`,
        number: `X${String(n).padStart(6, '0')}`,
        category: 'teacher',
        partyStatus: 'full',
        joinedAt: new Date('2015-06-30T16:00:00.000Z'),
        phone: `139${String(n).padStart(8, '0')}`,
        branchId,
        groupId: options.groupId ?? null,
        roles: [],
        isLeadingCadre: false,
        isDualLeader: false,
        adminOrgIds: [],
        active: true,
        ...(options.bound ? { openid: `wx-test-${n}` } : {}),
      }
      await db.collection(COLLECTIONS.members.name).add(document)
      return document
    },
    async freshOrg(parentId: string, kind: Org['kind']): Promise<Org> {
      const parent = (await db.collection(COLLECTIONS.orgs.name).doc(parentId).get()).data[0] as Org
      const n = next()
      const document: Org = {
        _id: `test-org-${n}`,
        kind,
        name: `测试组织${n}`,
        parentId,
        ancestorIds: [...parent.ancestorIds, parent._id],
        sortOrder: 99,
        ...(kind === 'branch' ? { category: 'student' as const, isCombined: false, committeeTermStart: null } : {}),
      }
      await db.collection(COLLECTIONS.orgs.name).add(document)
      return document
    },
    async pendingRequest(branchId: string): Promise<BindRequest> {
      return this.pendingRequestFor(await this.freshMember(branchId))
    },
    /** An unbound identity's pending claim on this roster entry. */
    async pendingRequestFor(target: Member): Promise<BindRequest> {
      const branchId = target.branchId
      const n = next()
      const document: BindRequest = {
        _id: `test-request-${n}`,
        openid: `wx-claimer-${n}`,
        memberId: target._id,
        branchId,
        method: 'number',
        status: 'pending',
        pendingOpenid: `wx-claimer-${n}`,
        pendingMemberId: target._id,
        createdAt: new Date('2026-11-20T02:00:00.000Z'),
        decidedAt: null,
        decidedBy: null,
        reason: null,
      }
      await db.collection(COLLECTIONS.bindRequests.name).add(document)
      return document
    },
    /** Uploads into the branch's import folder, as the app does. */
    async upload(name: string, bytes: Uint8Array | string, branchId: string): Promise<string> {
      const content = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
      const { fileId } = await env.cloud.storage.uploadFile(`imports/${branchId}/${next()}-${name}`, content)
      return fileId
    },
    async count(collection: string, where: object = {}): Promise<number> {
      return (await db.collection(collection).where(where).count()).total
    },
  }
}

export type Fixtures = ReturnType<typeof fixtures>
