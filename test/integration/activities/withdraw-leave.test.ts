import { COLLECTIONS } from '../../../src/domain/collections'
import type { ActivityDetail, MyRecordItem } from '../../../src/domain/contracts/activities'
import type { Member } from '../../../src/domain/model'
import { call, postThemeDay, refusal } from '../../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'

const MINUTE = 60_000

describe('a member withdraws a leave request before the meeting', () => {
  let env: TestCloud
  let clock = TEST_NOW
  let secretary: Member
  let member: Member
  const detail = (activityId: string) => call<ActivityDetail>(env.cloud, 'activities', 'detail', { activityId }, member.openid!)
  const record = async (activityId: string) =>
    (await env.cloud.db().collection(COLLECTIONS.attendance.name).doc(`${activityId}_${member._id}`).get()).data[0]

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => clock })
    secretary = env.demo.members.find((m) => m.roles.includes('secretary') && m.openid)!
    member = env.demo.members.find((m) => m.branchId === secretary.branchId && m.active && m.openid && m.roles.length === 0 && m.adminOrgIds.length === 0)!
  })
  afterAll(() => env.dispose())

  it('takes back a granted leave: the 请假 record goes, the member may come or ask again', async () => {
    const activityId = await postThemeDay(env.cloud, secretary.openid!, secretary.branchId, clock, 120)
    await call(env.cloud, 'activities', 'requestLeave', { activityId, reason: '出差' }, member.openid!)
    await call(env.cloud, 'activities', 'reviewLeave', { activityId, memberId: member._id, approve: true }, secretary.openid!)
    expect(await record(activityId)).toMatchObject({ state: 'leave' })
    expect(await detail(activityId)).toMatchObject({ canWithdrawLeave: true, canRequestLeave: false })
    const mine = await call<{ items: MyRecordItem[] }>(env.cloud, 'activities', 'mine', {}, member.openid!)
    expect(mine.items.find((item) => item.activityId === activityId)).toMatchObject({ canWithdrawLeave: true, leave: { status: 'approved' } })

    expect(await call(env.cloud, 'activities', 'withdrawLeave', { activityId }, member.openid!)).toEqual({ status: 'withdrawn' })
    expect(await record(activityId)).toBeUndefined()
    expect(await detail(activityId)).toMatchObject({ myLeave: { status: 'withdrawn' }, myAttendance: null, canWithdrawLeave: false, canRequestLeave: true })
    expect((await refusal(env.cloud, 'activities', 'withdrawLeave', { activityId }, member.openid!)).code).toBe('CONFLICT')
    await call(env.cloud, 'activities', 'requestLeave', { activityId, reason: '还是要出差' }, member.openid!)
    expect((await detail(activityId)).myLeave).toMatchObject({ status: 'pending', text: '还是要出差' })
  })

  it('is refused once the meeting has started, and for someone else’s request', async () => {
    const activityId = await postThemeDay(env.cloud, secretary.openid!, secretary.branchId, clock, 10)
    await call(env.cloud, 'activities', 'requestLeave', { activityId, reason: '出差' }, member.openid!)
    expect((await refusal(env.cloud, 'activities', 'withdrawLeave', { activityId }, secretary.openid!)).code).toBe('NOT_FOUND')
    clock = new Date(clock.getTime() + 11 * MINUTE)
    expect(await refusal(env.cloud, 'activities', 'withdrawLeave', { activityId }, member.openid!)).toEqual({
      code: 'CONFLICT',
      message: '活动已开始，不能再撤回请假',
    })
  })
})
