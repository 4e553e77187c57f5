import { COLLECTIONS } from '../../../src/domain/collections'
import type { FunctionName } from '../../../src/domain/contracts'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_B, csvOf, fixtures, ROSTER_HEADER, type Fixtures } from './fixtures'

type Case = [label: string, fn: FunctionName, action: string, payload: Record<string, unknown> | ((f: Fixtures) => unknown), caller?: 'unbound']

/** Bad input to every action, sent by the 党委 admin (allowed everything) or an unbound identity (claims). */
const CASES: Case[] = [
  ['tree with a field', 'org', 'tree', { all: true }],
  ['createOrg without a name', 'org', 'createOrg', { parentId: BRANCH_A }],
  ['createOrg with a one-letter name', 'org', 'createOrg', { parentId: BRANCH_A, name: '组' }],
  ['createOrg under a group', 'org', 'createOrg', { parentId: 'grp-cs-teacher-1', name: '小小组' }],
  ['createOrg of a branch without category', 'org', 'createOrg', { parentId: 'org-cs', name: '新支部' }],
  ['createOrg of a group with a category', 'org', 'createOrg', { parentId: BRANCH_A, name: '新小组', category: 'teacher' }],
  ['renameOrg with an empty name', 'org', 'renameOrg', { orgId: BRANCH_A, name: '  ' }],
  ['moveOrg of a group', 'org', 'moveOrg', { orgId: 'grp-cs-teacher-1', parentId: 'org-fl' }],
  ['moveOrg of a branch under a branch', 'org', 'moveOrg', { orgId: BRANCH_A, parentId: BRANCH_B }],
  ['deleteOrg with a numeric id', 'org', 'deleteOrg', { orgId: 42 }],
  ['setMemberRoles with an unknown role', 'org', 'setMemberRoles', (f) => ({ memberId: f.plainMemberOf(BRANCH_A)._id, roles: ['king'] })],
  ['setMemberRoles 党小组长 for a member in no group', 'org', 'setMemberRoles', (f) => ({ memberId: f.plainMemberOf('org-cs-undergrad')._id, roles: ['group_leader'] })],
  ['setMemberFlags changing nothing', 'org', 'setMemberFlags', (f) => ({ memberId: f.plainMemberOf(BRANCH_A)._id })],
  ['setCommitteeTerm with a bad date', 'org', 'setCommitteeTerm', { branchId: BRANCH_A, termStart: '2025-13-01' }],
  ['setCommitteeTerm in the future', 'org', 'setCommitteeTerm', { branchId: BRANCH_A, termStart: '2030-01-01' }],
  ['me with a field', 'members', 'me', { openid: 'someone-else' }],
  ['list with a negative offset', 'members', 'list', { branchId: BRANCH_A, offset: -1 }],
  ['list with a page of 500', 'members', 'list', { branchId: BRANCH_A, limit: 500 }],
  ['list of a group of another branch', 'members', 'list', { branchId: BRANCH_A, groupId: 'grp-fl-student-1' }],
  ['importTemplate without a branch', 'members', 'importTemplate', {}],
  ['importPreview without a file', 'members', 'importPreview', { branchId: BRANCH_A }],
  ['importPreview of a http url', 'members', 'importPreview', { branchId: BRANCH_A, fileId: 'http://evil/x.xlsx' }],
  ['importConfirm of a file with errors', 'members', 'importConfirm', async (f) => ({
    branchId: BRANCH_A,
    fileId: await f.upload('bad.csv', csvOf([ROSTER_HEADER, ['', 'Z1', '教工', '正式党员', '2010-01-01', '', '', '']]), BRANCH_A),
  })],
  ['importPreview of a file uploaded for another branch', 'members', 'importPreview', async (f) => ({
    branchId: BRANCH_A,
    fileId: await f.upload('other.csv', csvOf([ROSTER_HEADER, ['王五', 'Z2', '教工', '正式党员', '2010-01-01', '', '', '']]), BRANCH_B),
  })],
  ['createInvite valid for 90 days', 'members', 'createInvite', (f) => ({ memberId: f.plainMemberOf(BRANCH_A)._id, validDays: 90 })],
  ['claim without a method', 'members', 'claim', { name: '张三', number: 'T1' }, 'unbound'],
  ['claim with an empty name', 'members', 'claim', { method: 'number', name: '', number: 'T1' }, 'unbound'],
  ['claim with a number full of symbols', 'members', 'claim', { method: 'number', name: '张三', number: "T1' or 1=1" }, 'unbound'],
  ['claim with a short invite code', 'members', 'claim', { method: 'invite', code: 'AB' }, 'unbound'],
  ['claim mixing both methods', 'members', 'claim', { method: 'invite', code: 'ABCD-EFGH', name: '张三' }, 'unbound'],
  ['cancelClaim with a field', 'members', 'cancelClaim', { requestId: 'x' }, 'unbound'],
  ['decide without a decision', 'members', 'decide', { requestId: 'r1' }],
  ['decide with a long reason', 'members', 'decide', { requestId: 'r1', approve: false, reason: '长'.repeat(201) }],
  ['decide to refuse without a reason', 'members', 'decide', { requestId: 'r1', approve: false }],
  ['inbox history of 1000 items', 'inbox', 'history', { limit: 1000 }],
  ['unbind with no member', 'members', 'unbind', {}],
  ['transfer to the same branch', 'members', 'transfer', (f) => ({ memberId: f.plainMemberOf(BRANCH_A)._id, toBranchId: BRANCH_A })],
  ['assignGroup to a group of another branch', 'members', 'assignGroup', (f) => ({ memberId: f.plainMemberOf(BRANCH_A)._id, groupId: 'grp-fl-student-1' })],
  ['assignGroup without groupId', 'members', 'assignGroup', (f) => ({ memberId: f.plainMemberOf(BRANCH_A)._id })],
]

const WATCHED = [COLLECTIONS.orgs, COLLECTIONS.members, COLLECTIONS.bindRequests, COLLECTIONS.inviteCodes, COLLECTIONS.auditLog].map((c) => c.name)

// Generous: the whole suite runs these in parallel with heavier files on a shared machine.
jest.setTimeout(30_000)

describe('bad input to every org and members action', () => {
  let env: TestCloud
  let f: Fixtures
  let admin: string
  beforeAll(async () => {
    env = await startSeededCloud()
    f = fixtures(env)
    admin = f.member((m) => m.adminOrgIds.includes('org-university')).openid!
  })
  afterAll(() => env.dispose())

  it('covers every action', async () => {
    const { CONTRACTS } = await import('../../../src/domain/contracts')
    const covered = new Set(CASES.map(([, fn, action]) => `${fn}.${action}`))
    const all = (['org', 'members'] as const).flatMap((fn) => Object.keys(CONTRACTS[fn]).map((action) => `${fn}.${action}`))
    expect(all.filter((action) => !covered.has(action))).toEqual([])
  })

  it.each(CASES)('%s → INVALID_INPUT in Chinese, nothing written', async (...row: Case) => {
    // A rest parameter: jest would take a fifth declared parameter for a done callback on 4-element rows.
    const [, fn, action, payload, caller] = row
    const body = typeof payload === 'function' ? await payload(f) : payload
    const snapshot = async () => {
      const documents: string[] = []
      for (const name of WATCHED) documents.push(JSON.stringify((await f.db.collection(name).limit(1000).get()).data))
      return documents
    }
    const before = await snapshot()
    const result = await env.cloud.invoke(fn, { action, payload: body }, caller === 'unbound' ? 'wx-newcomer' : admin)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    expect(await snapshot()).toEqual(before)
  })
})
