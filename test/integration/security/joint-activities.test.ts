import { COLLECTIONS } from '../../../src/domain/collections'
import type { LiveAttendance } from '../../../src/domain/contracts/activities'
import type { Member } from '../../../src/domain/model'
import { call, refusal } from '../../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_B } from '../members/fixtures'

jest.setTimeout(30_000)

/**
 * High finding of issue 12: `audience.branchIds` was only checked to name branches. A joint
 * activity over another general branch's branches let the poster list their members, sign them
 * in by hand, and write absences into them on close.
 */
describe('a joint activity reaches another branch only once that branch accepts', () => {
  let env: TestCloud
  let clock = TEST_NOW
  let host: Member
  let guestSecretary: Member
  let guests: Member[]
  const at = (iso: string) => new Date(iso)

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => clock })
    const of = (branchId: string, role: Member['roles'][number]) => env.demo.members.find((m) => m.branchId === branchId && m.roles.includes(role))!
    host = of(BRANCH_A, 'secretary')
    guestSecretary = of(BRANCH_B, 'secretary')
    guests = env.demo.members.filter((m) => m.branchId === BRANCH_B && m.active && m.roles.length === 0 && m.adminOrgIds.length === 0)
  })
  afterAll(() => env.dispose())
  afterEach(() => {
    clock = TEST_NOW
  })

  const postJoint = (topic: string, branchIds: string[] = [BRANCH_B]) =>
    call<{ id: string; invitations: { branchId: string; status: string }[] }>(
      env.cloud,
      'activities',
      'post',
      {
        branchId: BRANCH_A,
        types: ['party_lecture'],
        topic,
        startAt: '2026-11-21T03:00:00.000Z',
        endAt: '2026-11-21T04:00:00.000Z',
        place: '报告厅',
        audience: { kind: 'branches', branchIds },
      },
      host.openid!,
    )
  const absencesIn = async (activityId: string, branchId: string) =>
    (await env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId, branchId }).count()).total

  it('before an answer: the guests are not listed, cannot be signed in by hand, and closing writes nothing into their branch', async () => {
    const activity = await postJoint('联合党课：未经同意')
    expect(activity.invitations).toEqual([expect.objectContaining({ branchId: BRANCH_B, status: 'pending' })])
    clock = at('2026-11-21T03:10:00.000Z')
    const live = await call<LiveAttendance>(env.cloud, 'activities', 'live', { activityId: activity.id }, host.openid!)
    const listed = [...live.notYet, ...live.present, ...live.absent].map((person) => person.memberId)
    expect(listed.some((id) => guests.some((guest) => guest._id === id))).toBe(false)
    const manual = await refusal(env.cloud, 'checkin', 'manual', { activityId: activity.id, memberId: guests[0]._id }, host.openid!)
    expect(manual.code).toBe('NOT_FOUND')
    await call(env.cloud, 'activities', 'close', { activityId: activity.id }, host.openid!)
    expect(await absencesIn(activity.id, BRANCH_B)).toBe(0)
    expect(await absencesIn(activity.id, BRANCH_A)).toBeGreaterThan(0)
  })

  it('only a manager of the invited branch answers, for that branch only; after acceptance its members are expected', async () => {
    const activity = await postJoint('联合党课：经过同意')
    const answer = { activityId: activity.id, branchId: BRANCH_B, accept: true }
    expect((await refusal(env.cloud, 'activities', 'respondToInvitation', answer, host.openid!)).code).toBe('FORBIDDEN')
    expect((await refusal(env.cloud, 'activities', 'respondToInvitation', answer, guests[0].openid!)).code).toBe('FORBIDDEN')
    const pending = await call<{ items: { kind: string; activityId?: string }[] }>(env.cloud, 'inbox', 'pending', {}, guestSecretary.openid!)
    expect(pending.items.filter((item) => item.kind === 'invitation').map((item) => item.activityId)).toContain(activity.id)
    const accepted = await call<{ invitations: { status: string }[] }>(env.cloud, 'activities', 'respondToInvitation', answer, guestSecretary.openid!)
    expect(accepted.invitations).toEqual([expect.objectContaining({ status: 'accepted' })])
    expect((await refusal(env.cloud, 'activities', 'respondToInvitation', answer, guestSecretary.openid!)).code).toBe('CONFLICT')
    clock = at('2026-11-21T03:10:00.000Z')
    const live = await call<LiveAttendance>(env.cloud, 'activities', 'live', { activityId: activity.id }, host.openid!)
    expect(live.notYet.map((person) => person.memberId)).toContain(guests[0]._id)
  })

  it('a declined invitation leaves the branch out; the host cannot answer for it by editing', async () => {
    const activity = await postJoint('联合党课：被谢绝')
    await call(env.cloud, 'activities', 'respondToInvitation', { activityId: activity.id, branchId: BRANCH_B, accept: false, reason: '当天本支部另有安排' }, guestSecretary.openid!)
    const edited = await call<{ invitations: { status: string }[] }>(
      env.cloud,
      'activities',
      'edit',
      { activityId: activity.id, audience: { kind: 'branches', branchIds: [BRANCH_B] } },
      host.openid!,
    )
    expect(edited.invitations).toEqual([expect.objectContaining({ status: 'declined' })])
    const stored = (await env.cloud.db().collection(COLLECTIONS.activities.name).doc(activity.id).get()).data[0]
    expect(stored).toMatchObject({ participantBranchIds: [BRANCH_A], audience: { kind: 'branches', branchIds: [] } })
  })

  it('refuses the host branch itself and more than ten guest branches', async () => {
    expect((await refusal(env.cloud, 'activities', 'post', {
      branchId: BRANCH_A, types: ['party_lecture'], topic: '联合党课：自己', startAt: '2026-11-21T03:00:00.000Z',
      endAt: '2026-11-21T04:00:00.000Z', place: '报告厅', audience: { kind: 'branches', branchIds: [BRANCH_A] },
    }, host.openid!)).code).toBe('INVALID_INPUT')
    const many = Array.from({ length: 11 }, (_, index) => `org-x-${index}`)
    expect(await refusal(env.cloud, 'activities', 'post', {
      branchId: BRANCH_A, types: ['party_lecture'], topic: '联合党课：很多', startAt: '2026-11-21T03:00:00.000Z',
      endAt: '2026-11-21T04:00:00.000Z', place: '报告厅', audience: { kind: 'branches', branchIds: many },
    }, host.openid!)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('最多邀请 10 个') })
  })
})
