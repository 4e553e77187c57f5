import type { FunctionName } from '../../../src/domain/contracts'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import {
  BRANCH_A,
  BRANCH_A_SIBLING,
  BRANCH_B,
  BRANCH_B_SIBLING,
  BRANCH_CS_OTHER,
  csvOf,
  fixtures,
  ROSTER_HEADER,
  type Fixtures,
} from './fixtures'

/**
 * Every action of `org` and `members` × every kind of caller, in scope and out of scope.
 * A cell reads "<in scope>/<out of scope>": `ok` (answered ok: true) or the refusal code.
 * Scopes: member, secretary and committee act on their own branch (计算机学院教工党支部) and
 * try 外国语学院教工党支部; the 计算机学院党总支 admin acts on 计算机学院研究生第一党支部 and tries
 * 外国语学院教工党支部; the 党委 admin acts on 外国语学院教工党支部 (nothing is out of its scope: "—").
 * The unbound identity and the caller without identity act on the secretary's branch.
 */
const F = 'FORBIDDEN'
const C = 'CONFLICT'
type Cell = string
type Row = [action: string, member: Cell, secretary: Cell, committee: Cell, gbAdmin: Cell, pcAdmin: Cell, unbound: string, none: string]

// prettier-ignore
const MATRIX: Row[] = [
  // action                  member     secretary   committee   gbAdmin     pcAdmin   unbound      none
  ['org.tree',               'ok/ok',   'ok/ok',    'ok/ok',    'ok/ok',    'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['org.createGroup',        `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['org.createBranch',       `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, 'ok/—',  'NOT_BOUND', 'UNAUTHENTICATED'],
  ['org.renameGroup',        `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['org.renameBranch',       `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, 'ok/—',  'NOT_BOUND', 'UNAUTHENTICATED'],
  ['org.moveBranch',         `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, 'ok/—',  'NOT_BOUND', 'UNAUTHENTICATED'],
  ['org.deleteGroup',        `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['org.setMemberRoles',     `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['org.setMemberFlags',     `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['org.setCommitteeTerm',   `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['members.me',             'ok/ok',   'ok/ok',    'ok/ok',    'ok/ok',    'ok/—',   'ok',        'UNAUTHENTICATED'],
  ['members.list',           `ok/${F}`, `ok/${F}`,  `ok/${F}`,  `ok/${F}`,  'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['members.importPreview',  `${F}/${F}`, `ok/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['members.importConfirm',  `${F}/${F}`, `ok/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['members.createInvite',   `${F}/${F}`, `ok/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['members.claim',          `${C}/${C}`, `${C}/${C}`, `${C}/${C}`, `${C}/${C}`, `${C}/—`, 'ok',       'UNAUTHENTICATED'],
  ['members.cancelClaim',    'ok/ok',   'ok/ok',    'ok/ok',    'ok/ok',    'ok/—',   'ok',        'UNAUTHENTICATED'],
  ['members.approvals',      `${F}/${F}`, `ok/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['members.decide',         `${F}/${F}`, `ok/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['members.unbind',         `${F}/${F}`, `ok/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
  ['members.transfer',       `${F}/${F}`, `${F}/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',  'NOT_BOUND', 'UNAUTHENTICATED'],
  ['members.assignGroup',    `${F}/${F}`, `ok/${F}`, `${F}/${F}`, `ok/${F}`, 'ok/—',   'NOT_BOUND', 'UNAUTHENTICATED'],
]

/** The branch a case acts on, and the other branch of the same general branch (for moves and transfers). */
interface Scope {
  branchId: string
  siblingId: string
  generalBranchId: string
  otherGeneralBranchId: string
}
const scopeOf = (branchId: string, siblingId: string): Scope => ({
  branchId,
  siblingId,
  generalBranchId: branchId.startsWith('org-cs') ? 'org-cs' : 'org-fl',
  otherGeneralBranchId: branchId.startsWith('org-cs') ? 'org-fl' : 'org-cs',
})
const OWN = scopeOf(BRANCH_A, BRANCH_A_SIBLING)
const OTHER = scopeOf(BRANCH_B, BRANCH_B_SIBLING)
const GB_IN = scopeOf(BRANCH_A_SIBLING, BRANCH_CS_OTHER)

type Payload = (f: Fixtures, scope: Scope) => Promise<unknown>
let uniqueName = 0
const name = () => `新建组织${++uniqueName}`
let uniqueNumber = 0

const PAYLOADS: Record<string, Payload> = {
  'org.tree': async () => ({}),
  'org.createGroup': async (_f, s) => ({ parentId: s.branchId, name: name() }),
  'org.createBranch': async (_f, s) => ({ parentId: s.generalBranchId, name: name(), category: 'student' }),
  'org.renameGroup': async (f, s) => ({ orgId: (await f.freshOrg(s.branchId, 'group'))._id, name: name() }),
  'org.renameBranch': async (f, s) => ({ orgId: (await f.freshOrg(s.generalBranchId, 'branch'))._id, name: name() }),
  'org.moveBranch': async (f, s) => ({ orgId: (await f.freshOrg(s.generalBranchId, 'branch'))._id, parentId: s.otherGeneralBranchId }),
  'org.deleteGroup': async (f, s) => ({ orgId: (await f.freshOrg(s.branchId, 'group'))._id }),
  'org.setMemberRoles': async (f, s) => ({ memberId: (await f.freshMember(s.branchId))._id, roles: ['publicity'] }),
  'org.setMemberFlags': async (f, s) => ({ memberId: (await f.freshMember(s.branchId))._id, isLeadingCadre: true }),
  'org.setCommitteeTerm': async (_f, s) => ({ branchId: s.branchId, termStart: '2025-06-01' }),
  'members.me': async () => ({}),
  'members.list': async (_f, s) => ({ branchId: s.branchId, limit: 5 }),
  'members.importPreview': async (f, s) => ({ branchId: s.branchId, fileId: await smallRoster(f, s.branchId) }),
  'members.importConfirm': async (f, s) => ({ branchId: s.branchId, fileId: await smallRoster(f, s.branchId) }),
  'members.createInvite': async (f, s) => ({ memberId: (await f.freshMember(s.branchId))._id }),
  'members.claim': async (f, s) => {
    const target = await f.freshMember(s.branchId)
    return { method: 'number', name: target.name, number: target.number }
  },
  'members.cancelClaim': async () => ({}),
  'members.approvals': async (_f, s) => ({ branchId: s.branchId }),
  'members.decide': async (f, s) => ({ requestId: (await f.pendingRequest(s.branchId))._id, approve: true }),
  'members.unbind': async (f, s) => ({ memberId: (await f.freshMember(s.branchId, { bound: true }))._id }),
  'members.transfer': async (f, s) => ({ memberId: (await f.freshMember(s.branchId))._id, toBranchId: s.siblingId }),
  'members.assignGroup': async (f, s) => {
    const group = await f.freshOrg(s.branchId, 'group')
    return { memberId: (await f.freshMember(s.branchId))._id, groupId: group._id }
  },
}

async function smallRoster(f: Fixtures, branchId: string): Promise<string> {
  const number = `M${String(++uniqueNumber).padStart(6, '0')}`
  return f.upload('roster.csv', csvOf([ROSTER_HEADER, [`矩阵${uniqueNumber}`, number, '教工', '正式党员', '2010-07-01', '', '', '']]), branchId)
}

function invocationOf(action: string): { fn: FunctionName; action: string } {
  const [fn, name] = action.split('.')
  const real: Record<string, string> = {
    createGroup: 'createOrg',
    createBranch: 'createOrg',
    renameGroup: 'renameOrg',
    renameBranch: 'renameOrg',
    moveBranch: 'moveOrg',
    deleteGroup: 'deleteOrg',
  }
  return { fn: fn as FunctionName, action: real[name] ?? name }
}

// Generous: the whole suite runs these in parallel with heavier files on a shared machine.
jest.setTimeout(30_000)

describe('authorization matrix of org and members', () => {
  let env: TestCloud
  let f: Fixtures
  let callers: Record<'member' | 'secretary' | 'committee' | 'gbAdmin' | 'pcAdmin', string>
  let strangers = 0
  beforeAll(async () => {
    env = await startSeededCloud()
    f = fixtures(env)
    callers = {
      member: f.plainMemberOf(BRANCH_A).openid!,
      secretary: f.member((m) => m.branchId === BRANCH_A && m.roles.includes('secretary')).openid!,
      committee: f.member((m) => m.branchId === BRANCH_A && m.roles.includes('organization')).openid!,
      gbAdmin: f.member((m) => m.adminOrgIds.includes('org-cs')).openid!,
      pcAdmin: f.member((m) => m.adminOrgIds.includes('org-university')).openid!,
    }
  })
  afterAll(() => env.dispose())

  it('covers every action of both functions', async () => {
    const { CONTRACTS } = await import('../../../src/domain/contracts')
    const covered = new Set(MATRIX.map(([action]) => invocationOf(action)).map(({ fn, action }) => `${fn}.${action}`))
    const all = (['org', 'members'] as const).flatMap((fn) => Object.keys(CONTRACTS[fn]).map((action) => `${fn}.${action}`))
    expect(all.filter((action) => !covered.has(action))).toEqual([])
  })

  const cases = MATRIX.flatMap(([action, member, secretary, committee, gbAdmin, pcAdmin, unbound, none]) => {
    const scoped = { member, secretary, committee, gbAdmin, pcAdmin }
    const rows: [string, string, string, string, Scope][] = []
    for (const [role, cell] of Object.entries(scoped)) {
      const [inside, outside] = cell.split('/')
      rows.push([action, role, 'in scope', inside, role === 'gbAdmin' ? GB_IN : role === 'pcAdmin' ? OTHER : OWN])
      if (outside !== '—') rows.push([action, role, 'out of scope', outside, OTHER])
    }
    rows.push([action, 'unbound', 'own branch', unbound, OWN], [action, 'none', 'own branch', none, OWN])
    return rows
  })

  it.each(cases)('%s by %s (%s) → %s', async (action, role, _where, expected, scope) => {
    const payload = await PAYLOADS[action](f, scope)
    const openid =
      role === 'unbound' ? `wx-stranger-${++strangers}` : role === 'none' ? null : callers[role as keyof typeof callers]
    const { fn, action: realAction } = invocationOf(action)
    const result = await env.cloud.invoke(fn, { action: realAction, payload }, openid)
    if (expected === 'ok') {
      expect(result).toMatchObject({ ok: true })
    } else {
      expect(result).toEqual({ ok: false, error: { code: expected, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    }
  })
})
