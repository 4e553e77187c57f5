import { COLLECTIONS } from '../../../src/domain/collections'
import type { Member } from '../../../src/domain/model'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_A_SIBLING, csvOf, fixtures, ROSTER_HEADER, type Fixtures } from '../members/fixtures'

jest.setTimeout(30_000)

/**
 * The critical finding of issue 12: the 党委 admin (周文静) and the 计算机学院党总支 admin (陈立华)
 * are roster members of 计算机学院教工党支部. Its secretary could unbind them, claim their entry
 * from another WeChat account and approve the claim: the new account was then an admin.
 */
describe('a branch secretary cannot take over the account of an admin who is a member of the branch', () => {
  let env: TestCloud
  let f: Fixtures
  let secretary: string
  let committeeAdmin: Member
  let generalAdmin: Member
  const members = (action: string, payload: unknown, openid: string | null) => env.cloud.invoke('members', { action, payload }, openid)
  const stored = async (id: string) => (await f.db.collection(COLLECTIONS.members.name).doc(id).get()).data[0] as Member

  beforeAll(async () => {
    env = await startSeededCloud()
    f = fixtures(env)
    secretary = f.member((m) => m.branchId === BRANCH_A && m.roles.includes('secretary')).openid!
    committeeAdmin = f.member((m) => m.adminOrgIds.includes('org-university'))
    generalAdmin = f.member((m) => m.adminOrgIds.includes('org-cs'))
    expect([committeeAdmin.branchId, generalAdmin.branchId]).toEqual([BRANCH_A, BRANCH_A])
  })
  afterAll(() => env.dispose())

  it.each([
    ['the 党委 admin', () => committeeAdmin],
    ['the 党总支 admin', () => generalAdmin],
  ])('the whole path fails for %s: no unbind, the claim waits for a higher admin, the secretary cannot approve it', async (_who, admin) => {
    const target = admin()
    const unbind = await members('unbind', { memberId: target._id }, secretary)
    expect(unbind).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('管理员') } })
    expect((await stored(target._id)).openid).toBe(target.openid)

    // Even if the entry were unbound (say the admin changed phones), a claim on it is not the secretary's to approve.
    await f.db.collection(COLLECTIONS.members.name).doc(target._id).update({ openid: f.db.command.remove() })
    const attacker = `wx-attacker-${target._id}`
    const claim = await members('claim', { method: 'number', name: target.name, number: target.number }, attacker)
    expect(claim.ok).toBe(true)
    const inbox = await env.cloud.invoke('inbox', { action: 'pending', payload: {} }, secretary)
    expect(inbox.ok && (inbox.data as { items: { memberNumber?: string }[] }).items.map((item) => item.memberNumber)).not.toContain(target.number)
    const requestId = (claim as { data: { requestId: string } }).data.requestId
    const decide = await members('decide', { requestId, approve: true }, secretary)
    expect(decide).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await stored(target._id)).openid).toBeUndefined()
    expect(await members('me', {}, attacker)).toMatchObject({ ok: true, data: { state: 'unbound' } })
    // Nor an invite code for the entry.
    expect(await members('createInvite', { memberId: target._id }, secretary)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    await members('cancelClaim', {}, attacker)
    await f.db.collection(COLLECTIONS.members.name).doc(target._id).update({ openid: target.openid })
  })

  it('the 党委 admin can still approve a claim on the 党总支 admin’s entry (their scope covers it)', async () => {
    await f.db.collection(COLLECTIONS.members.name).doc(generalAdmin._id).update({ openid: f.db.command.remove() })
    const claimer = 'wx-general-admin-new-phone'
    const claim = await members('claim', { method: 'number', name: generalAdmin.name, number: generalAdmin.number }, claimer)
    const requestId = (claim as { data: { requestId: string } }).data.requestId
    const inbox = await env.cloud.invoke('inbox', { action: 'pending', payload: {} }, committeeAdmin.openid!)
    expect(inbox.ok && (inbox.data as { items: { requestId?: string }[] }).items.map((item) => item.requestId)).toContain(requestId)
    expect(await members('decide', { requestId, approve: true }, committeeAdmin.openid!)).toEqual({ ok: true, data: { status: 'approved' } })
    expect((await stored(generalAdmin._id)).openid).toBe(claimer)
    await f.db.collection(COLLECTIONS.members.name).doc(generalAdmin._id).update({ openid: generalAdmin.openid })
  })

  it('the 党总支 admin cannot unbind, transfer or give offices to the 党委 admin, who is in a branch under them', async () => {
    const gb = generalAdmin.openid!
    expect(await members('unbind', { memberId: committeeAdmin._id }, gb)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await members('transfer', { memberId: committeeAdmin._id, toBranchId: BRANCH_A_SIBLING }, gb)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const roles = await env.cloud.invoke('org', { action: 'setMemberRoles', payload: { memberId: committeeAdmin._id, roles: ['publicity'] } }, gb)
    expect(roles).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await stored(committeeAdmin._id)).toMatchObject({ branchId: BRANCH_A, roles: committeeAdmin.roles, openid: committeeAdmin.openid })
  })

  it('a roster import by the secretary cannot change an admin’s entry', async () => {
    const row = [committeeAdmin.name + '改', committeeAdmin.number, '教工', '正式党员', '2008-07-01', '13900000000', '', '']
    const fileId = await f.upload('roster.csv', csvOf([ROSTER_HEADER, row]), BRANCH_A)
    const result = await members('importConfirm', { branchId: BRANCH_A, fileId }, secretary)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('管理员') } })
    expect((await stored(committeeAdmin._id)).name).toBe(committeeAdmin.name)
  })
})
