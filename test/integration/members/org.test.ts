import { COLLECTIONS } from '../../../src/domain/collections'
import type { Member, Org } from '../../../src/domain/model'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, fixtures, type Fixtures } from './fixtures'

jest.setTimeout(30_000)

describe('org tree, committee and flags', () => {
  let env: TestCloud
  let f: Fixtures
  let pcAdmin: string
  let gbAdmin: string
  const invoke = (action: string, payload: unknown, openid: string) => env.cloud.invoke('org', { action, payload }, openid)
  const orgDoc = async (id: string) => (await f.db.collection(COLLECTIONS.orgs.name).doc(id).get()).data[0] as Org | undefined
  beforeAll(async () => {
    env = await startSeededCloud()
    f = fixtures(env)
    pcAdmin = f.member((m) => m.adminOrgIds.includes('org-university')).openid!
    gbAdmin = f.member((m) => m.adminOrgIds.includes('org-cs')).openid!
  })
  afterAll(() => env.dispose())

  it('answers the whole tree with what the caller may change', async () => {
    const result = await invoke('tree', {}, gbAdmin)
    const orgs = (result as { data: { orgs: { id: string; kind: string; canManageStructure: boolean; canManageCommittee: boolean }[] } }).data.orgs
    expect(orgs).toHaveLength(env.demo.orgs.length)
    const byId = new Map(orgs.map((org) => [org.id, org]))
    expect(byId.get('grp-cs-teacher-1')).toMatchObject({ canManageStructure: true })
    expect(byId.get(BRANCH_A)).toMatchObject({ canManageStructure: false, canManageCommittee: true })
    expect(byId.get('org-fl-teacher')).toMatchObject({ canManageStructure: false, canManageCommittee: false })
  })

  it('creates a child of the right kind, refuses a duplicate name among siblings, and audits', async () => {
    const created = await invoke('createOrg', { parentId: 'org-cs', name: '计算机学院博士生党支部', category: 'student' }, pcAdmin)
    expect(created).toMatchObject({ ok: true, data: { org: { kind: 'branch', parentId: 'org-cs', ancestorIds: ['org-university', 'org-cs'], category: 'student' } } })
    const again = await invoke('createOrg', { parentId: 'org-cs', name: '计算机学院博士生党支部', category: 'student' }, pcAdmin)
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await f.count(COLLECTIONS.auditLog.name, { action: 'org.create' })).toBe(1)
  })

  it('moves a branch with its groups to another general branch', async () => {
    const branch = await f.freshOrg('org-cs', 'branch')
    const group = await f.freshOrg(branch._id, 'group')
    expect(await invoke('moveOrg', { orgId: branch._id, parentId: 'org-fl' }, pcAdmin)).toMatchObject({ ok: true })
    expect(await orgDoc(branch._id)).toMatchObject({ parentId: 'org-fl', ancestorIds: ['org-university', 'org-fl'] })
    expect(await orgDoc(group._id)).toMatchObject({ ancestorIds: ['org-university', 'org-fl', branch._id] })
  })

  it('deletes only empty orgs', async () => {
    expect(await invoke('deleteOrg', { orgId: 'grp-cs-teacher-1' }, gbAdmin)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('仍有') } })
    expect(await invoke('deleteOrg', { orgId: 'org-cs' }, pcAdmin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await invoke('deleteOrg', { orgId: 'org-university' }, pcAdmin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const empty = await f.freshOrg(BRANCH_A, 'group')
    expect(await invoke('deleteOrg', { orgId: empty._id }, gbAdmin)).toEqual({ ok: true, data: { deletedId: empty._id } })
    expect(await orgDoc(empty._id)).toBeUndefined()
  })

  it('keeps one 书记 per branch, records role changes, and sets flags and the committee term', async () => {
    const someone = await f.freshMember(BRANCH_A)
    const refused = await invoke('setMemberRoles', { memberId: someone._id, roles: ['secretary'] }, gbAdmin)
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('本支部已有书记') } })
    expect(await invoke('setMemberRoles', { memberId: someone._id, roles: ['discipline'] }, gbAdmin)).toMatchObject({ ok: true, data: { member: { roles: ['discipline'] } } })
    const audit = (await f.db.collection(COLLECTIONS.auditLog.name).where({ action: 'member.roles', targetMemberId: someone._id }).get()).data
    expect(audit).toEqual([expect.objectContaining({ detail: { before: [], after: ['discipline'] } })])
    expect(await invoke('setMemberFlags', { memberId: someone._id, isDualLeader: true }, gbAdmin)).toMatchObject({ ok: true, data: { member: { isDualLeader: true, isLeadingCadre: false } } })
    expect(((await f.db.collection(COLLECTIONS.members.name).doc(someone._id).get()).data[0] as Member).isDualLeader).toBe(true)
    expect(await invoke('setCommitteeTerm', { branchId: BRANCH_A, termStart: '2024-03-15' }, gbAdmin)).toMatchObject({
      ok: true,
      data: { org: { committeeTermStart: '2024-03-14T16:00:00.000Z' } },
    })
  })
})
