import { CLAIM_NO_MATCH } from '../../../src/domain/binding'
import { COLLECTIONS } from '../../../src/domain/collections'
import type { Member } from '../../../src/domain/model'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_A_SIBLING, BRANCH_B, fixtures, type Fixtures } from './fixtures'

// Generous: the whole suite runs these in parallel with heavier files on a shared machine.
jest.setTimeout(30_000)

describe('binding a WeChat identity to a roster entry', () => {
  let env: TestCloud
  let f: Fixtures
  let secretary: string
  const invoke = (action: string, payload: unknown, openid: string | null) =>
    env.cloud.invoke('members', { action, payload }, openid)
  const stored = async (id: string) => (await f.db.collection(COLLECTIONS.members.name).doc(id).get()).data[0] as Member
  beforeAll(async () => {
    env = await startSeededCloud()
    f = fixtures(env)
    secretary = f.member((m) => m.branchId === BRANCH_A && m.roles.includes('secretary')).openid!
  })
  afterAll(() => env.dispose())

  it('claim by name + number, approval by the secretary, then the person is who they claimed to be', async () => {
    const target = await f.freshMember(BRANCH_A, { name: '王小明' })
    const claimer = 'wx-new-phone-1'
    expect(await invoke('me', {}, claimer)).toEqual({ ok: true, data: { state: 'unbound', pending: null } })
    const claim = await invoke('claim', { method: 'number', name: '王小明', number: target.number.toLowerCase() }, claimer)
    expect(claim).toMatchObject({ ok: true, data: { memberName: '王小明', branchName: '计算机学院教工党支部', method: 'number' } })
    expect(await invoke('me', {}, claimer)).toMatchObject({ ok: true, data: { state: 'unbound', pending: { memberName: '王小明' } } })

    const queue = await env.cloud.invoke('inbox', { action: 'pending', payload: {} }, secretary)
    const item = (queue as { data: { items: { kind: string; requestId?: string; memberNumber?: string }[] } }).data.items.find(
      (i) => i.kind === 'binding' && i.memberNumber === target.number,
    )!
    expect(item).toBeDefined()
    expect(await invoke('decide', { requestId: item.requestId, approve: true }, secretary)).toEqual({ ok: true, data: { status: 'approved' } })
    expect((await stored(target._id)).openid).toBe(claimer)
    const me = await invoke('me', {}, claimer)
    expect(me).toMatchObject({ ok: true, data: { state: 'bound', member: { id: target._id, details: { phone: target.phone, phoneMasked: false } } } })
    expect(await invoke('decide', { requestId: item.requestId, approve: true }, secretary)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await f.count(COLLECTIONS.auditLog.name, { action: 'bind.approve', targetMemberId: target._id })).toBe(1)
  })

  it('refuses a wrong name or number without saying which one is wrong', async () => {
    const target = await f.freshMember(BRANCH_A)
    const result = await invoke('claim', { method: 'number', name: '别人', number: target.number }, 'wx-guess')
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: CLAIM_NO_MATCH } })
    expect(await f.count(COLLECTIONS.bindRequests.name, { openid: 'wx-guess' })).toBe(0)
  })

  it('two people claiming the same roster entry at once: one wins, the others get the answer a stranger would', async () => {
    const target = await f.freshMember(BRANCH_A, { name: '李同时' })
    const payload = { method: 'number', name: '李同时', number: target.number }
    const results = await Promise.all(['wx-first', 'wx-second', 'wx-third'].map((openid) => invoke('claim', payload, openid)))
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    for (const loser of results.filter((result) => !result.ok)) {
      expect(loser).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: CLAIM_NO_MATCH } })
    }
    expect(await f.count(COLLECTIONS.bindRequests.name, { memberId: target._id, status: 'pending' })).toBe(1)
  })

  it('one identity has at most one pending claim; it can withdraw it and claim again', async () => {
    const [one, two] = [await f.freshMember(BRANCH_A), await f.freshMember(BRANCH_A)]
    const openid = 'wx-undecided'
    expect((await invoke('claim', { method: 'number', name: one.name, number: one.number }, openid)).ok).toBe(true)
    expect(await invoke('claim', { method: 'number', name: two.name, number: two.number }, openid)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('您已提交过绑定申请') },
    })
    expect(await invoke('cancelClaim', {}, openid)).toEqual({ ok: true, data: { cancelled: true } })
    expect((await invoke('claim', { method: 'number', name: two.name, number: two.number }, openid)).ok).toBe(true)
  })

  it('two secretaries approving claims of one identity for two entries cannot bind it twice', async () => {
    const [one, two] = [await f.freshMember(BRANCH_A), await f.freshMember(BRANCH_A)]
    const first = await f.pendingRequest(BRANCH_A)
    await f.db.collection(COLLECTIONS.bindRequests.name).doc(first._id).update({ memberId: one._id, pendingMemberId: one._id, openid: 'wx-twice', pendingOpenid: 'wx-twice' })
    const second = await f.pendingRequest(BRANCH_A)
    await f.db.collection(COLLECTIONS.bindRequests.name).doc(second._id).update({ memberId: two._id, pendingMemberId: two._id, openid: 'wx-twice' })
    const results = await Promise.all([first, second].map((request) => invoke('decide', { requestId: request._id, approve: true }, secretary)))
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await f.count(COLLECTIONS.members.name, { openid: 'wx-twice' })).toBe(1)
  })

  it('invite codes: shown once, single use, expire after 7 days by default, and still need approval', async () => {
    const target = await f.freshMember(BRANCH_A)
    const created = await invoke('createInvite', { memberId: target._id }, secretary)
    expect(created).toMatchObject({ ok: true, data: { code: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/), memberName: target.name } })
    const { code, expiresAt } = (created as { data: { code: string; expiresAt: string } }).data
    expect(new Date(expiresAt).getTime() - TEST_NOW.getTime()).toBe(7 * 24 * 3600 * 1000)
    const stored = (await f.db.collection(COLLECTIONS.inviteCodes.name).where({ memberId: target._id }).get()).data[0]
    expect(JSON.stringify(stored)).not.toContain(code.replace('-', ''))

    expect(await invoke('claim', { method: 'invite', code: code.toLowerCase() }, 'wx-invited')).toMatchObject({ ok: true, data: { method: 'invite' } })
    expect(await invoke('claim', { method: 'invite', code }, 'wx-other')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已被使用') } })
    expect(await invoke('claim', { method: 'invite', code: 'ABCD-EFGH' }, 'wx-other')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await f.count(COLLECTIONS.members.name, { openid: 'wx-invited' }))).toBe(0)

    const late = await f.freshMember(BRANCH_A)
    const lateCode = (await invoke('createInvite', { memberId: late._id, validDays: 1 }, secretary)) as { data: { code: string } }
    await f.db.collection(COLLECTIONS.inviteCodes.name).where({ memberId: late._id }).update({ expiresAt: new Date(TEST_NOW.getTime() - 1) })
    expect(await invoke('claim', { method: 'invite', code: lateCode.data.code }, 'wx-late')).toMatchObject({ ok: false, error: { code: 'TOKEN_EXPIRED' } })
  })

  it('unbinding removes the openid field (not null) and frees the identity; it is audited', async () => {
    const target = await f.freshMember(BRANCH_A, { bound: true })
    expect(await invoke('unbind', { memberId: target._id }, secretary)).toEqual({ ok: true, data: { memberId: target._id } })
    expect(await stored(target._id)).not.toHaveProperty('openid')
    expect(await invoke('me', {}, target.openid!)).toMatchObject({ ok: true, data: { state: 'unbound' } })
    expect(await invoke('unbind', { memberId: target._id }, secretary)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await f.count(COLLECTIONS.auditLog.name, { action: 'bind.unbind', targetMemberId: target._id })).toBe(1)
  })

  it('组织关系转接 moves the member, clears offices and group, keeps attendance, and is audited', async () => {
    const gbAdmin = f.member((m) => m.adminOrgIds.includes('org-cs')).openid!
    const mover = f.member((m) => m.branchId === BRANCH_A && m.roles.includes('group_leader'))
    const attendanceBefore = await f.count(COLLECTIONS.attendance.name, { memberId: mover._id })
    expect(attendanceBefore).toBeGreaterThan(0)
    const result = await env.cloud.invoke('members', { action: 'transfer', payload: { memberId: mover._id, toBranchId: BRANCH_A_SIBLING } }, gbAdmin)
    expect(result).toEqual({ ok: true, data: { memberId: mover._id, fromBranchId: BRANCH_A, toBranchId: BRANCH_A_SIBLING } })
    expect(await stored(mover._id)).toMatchObject({ branchId: BRANCH_A_SIBLING, groupId: null, roles: [], openid: mover.openid })
    expect(await f.count(COLLECTIONS.attendance.name, { memberId: mover._id })).toBe(attendanceBefore)
    expect(await f.count(COLLECTIONS.auditLog.name, { action: 'member.transfer', targetMemberId: mover._id })).toBe(1)
    const across = await env.cloud.invoke('members', { action: 'transfer', payload: { memberId: mover._id, toBranchId: BRANCH_B } }, gbAdmin)
    expect(across).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('shows fellow members names, groups and offices only; masks phones except for the member, their secretary and admins', async () => {
    const plain = f.plainMemberOf(BRANCH_A)
    type Row = { id: string; name: string; details: { number: string; phone: string | null; phoneMasked: boolean } | null }
    const rowsSeenBy = async (openid: string) => {
      const result = await invoke('list', { branchId: BRANCH_A, limit: 50 }, openid)
      return (result as { data: { items: Row[] } }).data.items
    }
    const seenByMember = await rowsSeenBy(plain.openid!)
    expect(seenByMember.find((row) => row.id === plain._id)?.details).toMatchObject({ number: plain.number, phone: plain.phone, phoneMasked: false })
    const others = seenByMember.filter((row) => row.id !== plain._id)
    expect(others.length).toBeGreaterThan(5)
    expect(others.every((row) => row.details === null && row.name.length > 0)).toBe(true)
    expect(JSON.stringify(others)).not.toMatch(/\d{4}-\d{2}-\d{2}|[A-Z]\d{6}|1\d{2}\*{4}\d{4}/)
    // Nor can they find a member by 学号/工号.
    const secretaryNumber = f.member((m) => m.branchId === BRANCH_A && m.roles.includes('secretary')).number
    const byNumber = (await invoke('list', { branchId: BRANCH_A, search: secretaryNumber, limit: 50 }, plain.openid!)) as { data: { total: number } }
    expect(byNumber.data.total).toBe(0)

    const committee = f.member((m) => m.branchId === BRANCH_A && m.roles.includes('organization')).openid!
    const other = (await rowsSeenBy(committee)).find((row) => row.id !== plain._id && row.details?.phone)!
    expect(other.details!.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
    expect(other.details!.phoneMasked).toBe(true)
    expect((await rowsSeenBy(secretary)).find((row) => row.id === other.id)?.details).toMatchObject({ phoneMasked: false, phone: expect.stringMatching(/^\d{11}$/) })
  })

  it('pages through a branch and searches by name or number', async () => {
    const page1 = (await invoke('list', { branchId: BRANCH_A, limit: 10 }, secretary)) as { data: { items: { id: string }[]; total: number } }
    const page2 = (await invoke('list', { branchId: BRANCH_A, limit: 10, offset: 10 }, secretary)) as { data: { items: { id: string }[] } }
    expect(page1.data.items).toHaveLength(10)
    expect(page1.data.total).toBeGreaterThan(20)
    expect(page2.data.items.map((row) => row.id).some((id) => page1.data.items.some((row) => row.id === id))).toBe(false)
    const someone = f.plainMemberOf(BRANCH_A)
    const byName = (await invoke('list', { branchId: BRANCH_A, search: someone.name }, secretary)) as { data: { items: { id: string }[] } }
    expect(byName.data.items.map((row) => row.id)).toContain(someone._id)
    const byNumber = (await invoke('list', { branchId: BRANCH_A, search: someone.number.slice(0, 6) }, secretary)) as { data: { items: { id: string }[] } }
    expect(byNumber.data.items.map((row) => row.id)).toContain(someone._id)
    const regexChars = await invoke('list', { branchId: BRANCH_A, search: '.*(' }, secretary)
    expect(regexChars).toMatchObject({ ok: true, data: { items: [] } })
  })
})
