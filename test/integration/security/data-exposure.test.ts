import type { Member } from '../../../src/domain/model'
import { call, refusal } from '../../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_B, csvOf, fixtures, ROSTER_HEADER, type Fixtures } from '../members/fixtures'

jest.setTimeout(30_000)

describe('what a caller can read or reach is what their role needs', () => {
  let env: TestCloud
  let f: Fixtures
  let secretary: Member
  let member: Member
  let adminOfB: Member

  beforeAll(async () => {
    env = await startSeededCloud()
    f = fixtures(env)
    secretary = f.member((m) => m.branchId === BRANCH_A && m.roles.includes('secretary'))
    member = f.plainMemberOf(BRANCH_A)
    adminOfB = f.member((m) => m.adminOrgIds.includes('org-fl'))
  })
  afterAll(() => env.dispose())

  it('gives members the check-in radius of a geofenced activity, never its centre', async () => {
    const fence = { latitude: 39.999, longitude: 116.326, radiusMeters: 150 }
    const posted = await call<{ id: string; geofence: unknown }>(env.cloud, 'activities', 'post', {
      branchId: BRANCH_A, types: ['theme_day'], topic: '主题党日：现场签到',
      startAt: new Date(TEST_NOW.getTime() + 3_600_000).toISOString(), endAt: new Date(TEST_NOW.getTime() + 7_200_000).toISOString(),
      place: '党员活动室', audience: { kind: 'branch' }, geofence: fence,
    }, secretary.openid!)
    expect(posted.geofence).toEqual(fence)
    const seen = await call<{ activity: object }>(env.cloud, 'activities', 'detail', { activityId: posted.id }, member.openid!)
    expect(seen.activity).toMatchObject({ geofence: null, checkinRadiusMeters: 150 })
    const listed = await call<{ activities: { id: string }[] }>(env.cloud, 'activities', 'list', {}, member.openid!)
    expect(JSON.stringify(listed)).not.toContain('116.326')
  })

  it('shows a member who is behind on 学时 only themself', async () => {
    type Status = { membersBehind: { memberId: string }[] }
    // A member who has not attended anything this year is behind.
    const behind = await f.freshMember(BRANCH_A, { bound: true })
    await call(env.cloud, 'compliance', 'refreshBranch', { branchId: BRANCH_A }, secretary.openid!)
    const status = (openid: string) => call<Status>(env.cloud, 'compliance', 'branchStatus', { branchId: BRANCH_A }, openid)
    const ids = (answer: Status) => answer.membersBehind.map((entry) => entry.memberId)
    expect(ids(await status(secretary.openid!))).toContain(behind._id)
    expect(ids(await status(behind.openid!))).toEqual([behind._id])
    expect(ids(await status(member.openid!))).not.toContain(behind._id)
  })

  it('shows fellow members no 学号, 入党时间, 正式/预备 or binding', async () => {
    const listing = await call<{ items: { id: string; details: unknown }[] }>(env.cloud, 'members', 'list', { branchId: BRANCH_A, limit: 50 }, member.openid!)
    expect(listing.items.filter((row) => row.id !== member._id).every((row) => row.details === null)).toBe(true)
  })

  it('refuses a roster file outside the branch’s own import folder, however the path is written', async () => {
    const theirs = await f.upload('roster.csv', csvOf([ROSTER_HEADER, ['外支部', 'F000001', '教工', '正式党员', '2010-07-01', '', '', '']]), BRANCH_B)
    const path = theirs.replace('cloud://local/', '')
    for (const disguised of [`cloud://local/imports/${BRANCH_A}/../${path.slice('imports/'.length)}`, `cloud://local/imports/${BRANCH_A}/%2e%2e/${path}`]) {
      const answer = await refusal(env.cloud, 'members', 'importPreview', { branchId: BRANCH_A, fileId: disguised }, secretary.openid!)
      expect(answer.code).toBe('INVALID_INPUT')
    }
    // The admin of that branch may preview it at its real path.
    expect((await env.cloud.invoke('members', { action: 'importPreview', payload: { branchId: BRANCH_B, fileId: theirs } }, adminOfB.openid!)).ok).toBe(true)
  })

  it('refuses a self-study proof that is not a photo', async () => {
    const { fileId } = await env.cloud.storage.uploadFile(`study/${member._id}/page.jpg`, new TextEncoder().encode('<html><script>alert(1)</script></html>'))
    const answer = await refusal(env.cloud, 'compliance', 'submitSelfStudy', {
      title: '在线课程', hours: 2, studiedAt: new Date(TEST_NOW.getTime() - 86_400_000).toISOString(), proofFileId: fileId,
    }, member.openid!)
    expect(answer).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('JPG 或 PNG') })
  })

  it('refuses a self-study proof outside the member’s own folder', async () => {
    const { fileId } = await env.cloud.storage.uploadFile(`evidence/${BRANCH_A}/x/secret.jpg`, new Uint8Array([0xff, 0xd8, 0xff]))
    const disguised = `cloud://local/study/${member._id}/../../${fileId.replace('cloud://local/', '')}`
    const answer = await refusal(env.cloud, 'compliance', 'submitSelfStudy', {
      title: '在线课程', hours: 2, studiedAt: new Date(TEST_NOW.getTime() - 86_400_000).toISOString(), proofFileId: disguised,
    }, member.openid!)
    expect(answer.code).toBe('INVALID_INPUT')
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('answers a manual score for item “%s” with a clear refusal, not INTERNAL', async (itemId) => {
    const admin = f.member((m) => m.adminOrgIds.includes('org-cs'))
    const answer = await refusal(env.cloud, 'compliance', 'scoreManualItem', { branchId: BRANCH_A, year: 2026, itemId, score: 1, comment: '评分' }, admin.openid!)
    expect(answer.code).toBe('INVALID_INPUT')
  })
})
