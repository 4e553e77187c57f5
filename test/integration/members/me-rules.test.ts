import { startSeededCloud, type TestCloud } from '../../support/local-cloud'

jest.setTimeout(30_000)

/** 我的 links to 组织生活规则 for the orgs whose rules the member sets: a 党委's or a 党总支's admin, nobody else. */
describe('members.me: the rules a member sets', () => {
  let env: TestCloud
  beforeAll(async () => {
    env = await startSeededCloud()
  })
  afterAll(() => env.dispose())

  const rulesOrgsOf = async (openid: string) => {
    const me = await env.cloud.invoke('members', { action: 'me', payload: {} }, openid)
    if (!me.ok || (me.data as { state: string }).state !== 'bound') throw new Error(`members.me: ${JSON.stringify(me)}`)
    return (me.data as { rulesOrgs: unknown }).rulesOrgs
  }
  const openidOf = (predicate: (member: TestCloud['demo']['members'][number]) => boolean) => env.demo.members.find((member) => member.openid && predicate(member))!.openid!

  it('names the party committee to its admin and the 党总支 to its admin', async () => {
    expect(await rulesOrgsOf(openidOf((member) => member.adminOrgIds.includes('org-university')))).toEqual([{ id: 'org-university', name: '东海理工大学党委' }])
    expect(await rulesOrgsOf(openidOf((member) => member.adminOrgIds.includes('org-cs')))).toEqual([{ id: 'org-cs', name: '计算机学院党总支' }])
  })

  it('names none to a secretary or a plain member', async () => {
    expect(await rulesOrgsOf(openidOf((member) => member.roles.includes('secretary') && member.adminOrgIds.length === 0))).toEqual([])
    expect(await rulesOrgsOf(openidOf((member) => member.roles.length === 0 && member.adminOrgIds.length === 0))).toEqual([])
  })
})
