import { startSeededCloud, openidOf, type TestCloud } from '../support/local-cloud'

describe('identity.whoami through the local runtime', () => {
  let env: TestCloud
  beforeAll(async () => {
    env = await startSeededCloud()
  })
  afterAll(() => env.dispose())

  it('answers who a secretary is and which branch they lead', async () => {
    const secretary = env.demo.members.find((member) => member.roles.includes('secretary'))!
    const branch = env.demo.orgs.find((org) => org._id === secretary.branchId)!
    const result = await env.cloud.invoke('identity', { action: 'whoami', payload: {} }, secretary.openid!)
    expect(result).toMatchObject({
      ok: true,
      data: {
        member: { id: secretary._id, name: secretary.name, roles: expect.arrayContaining(['secretary']) },
        branch: {
          id: branch._id,
          name: branch.name,
          memberCount: env.demo.members.filter((member) => member.branchId === branch._id && member.active).length,
        },
      },
    })
    if (!result.ok) throw new Error('unreachable')
    const data = result.data as { member: { phoneMasked: string }; ancestors: { kind: string }[] }
    expect(data.member.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/)
    expect(data.ancestors.map((org) => org.kind)).toEqual(['party_committee', 'general_branch'])
  })

  it('lists the organizations a general-branch admin administers', async () => {
    const admin = env.demo.members.find((member) =>
      member.adminOrgIds.some((id) => env.demo.orgs.find((org) => org._id === id)?.kind === 'general_branch'),
    )!
    const result = await env.cloud.invoke('identity', { action: 'whoami' }, admin.openid!)
    expect(result.ok && (result.data as { adminOrgs: { id: string }[] }).adminOrgs.map((org) => org.id)).toEqual(
      admin.adminOrgIds,
    )
  })

  it.each([
    ['no identity', null, 'UNAUTHENTICATED'],
    ['an identity bound to nobody', 'wx-openid-of-a-stranger', 'NOT_BOUND'],
  ])('refuses %s', async (_case, openid, code) => {
    const result = await env.cloud.invoke('identity', { action: 'whoami' }, openid)
    expect(result).toEqual({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
  })

  it.each([
    ['an unknown action', { action: 'becomeAdmin' }],
    ['unexpected fields', { action: 'whoami', payload: { openid: 'dev-T2008016' } }],
    ['no action at all', { payload: {} }],
    ['not an object', 'whoami'],
  ])('answers INVALID_INPUT with a Chinese message for %s', async (_case, event) => {
    const openid = openidOf(env.demo, (member) => member.roles.includes('secretary'))
    const result = await env.cloud.invoke('identity', event, openid)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
  })
})
