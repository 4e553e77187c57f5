import type { Db } from '@cloudbase/database'
import { CLOUD_FUNCTIONS } from '../../../cloudfunctions/registry'
import { COLLECTIONS } from '../../../src/domain/collections'
import type { Activity, Attendance, LeaveRequest, Member } from '../../../src/domain/model'
import { call, refusal } from '../../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A } from '../members/fixtures'

jest.setTimeout(60_000)

const MINUTE = 60_000

/** A promise and the function that settles it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((settle) => (resolve = settle))
  return { promise, resolve }
}

/** The db of one call, with a hook run before each `add` to one collection (to interleave two calls). */
function withAddHook(db: Db, collection: string, beforeAdd: () => Promise<void>): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver)
      if (property !== 'collection') return typeof value === 'function' ? value.bind(target) : value
      return (name: string) => {
        const reference = target.collection(name)
        if (name !== collection) return reference
        return new Proxy(reference, {
          get(inner, key, innerReceiver) {
            const member = Reflect.get(inner, key, innerReceiver)
            if (key !== 'add') return typeof member === 'function' ? member.bind(inner) : member
            return async (document: object) => {
              await beforeAdd()
              return inner.add(document)
            }
          },
        })
      }
    },
  })
}

describe('an activity’s record can be neither fabricated nor erased', () => {
  let env: TestCloud
  let clock = TEST_NOW.getTime()
  let secretary: Member
  let committee: Member
  let members: Member[]
  const activitiesOf = () => env.cloud.db().collection(COLLECTIONS.activities.name)
  const stored = async (id: string) => (await activitiesOf().doc(id).get()).data[0] as Activity

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => new Date(clock) })
    secretary = env.demo.members.find((m) => m.branchId === BRANCH_A && m.roles.includes('secretary'))!
    committee = env.demo.members.find((m) => m.branchId === BRANCH_A && m.roles.includes('organization'))!
    members = env.demo.members.filter((m) => m.branchId === BRANCH_A && m.active && m.roles.length === 0 && m.adminOrgIds.length === 0)
  })
  afterAll(() => env.dispose())
  afterEach(() => {
    clock = TEST_NOW.getTime()
  })

  const post = (fields: Record<string, unknown> = {}) =>
    call<{ id: string }>(
      env.cloud,
      'activities',
      'post',
      {
        branchId: BRANCH_A,
        types: ['theme_day'],
        topic: '主题党日：记录',
        startAt: new Date(clock + 60 * MINUTE).toISOString(),
        endAt: new Date(clock + 120 * MINUTE).toISOString(),
        place: '党员活动室',
        audience: { kind: 'branch' },
        ...fields,
      },
      secretary.openid!,
    )

  it.each([
    ['year 0001', '0001-01-01T02:00:00.000Z', '0001-01-01T03:00:00.000Z'],
    ['year 9999', '9999-12-31T02:00:00.000Z', '9999-12-31T03:00:00.000Z'],
    ['a meeting held yesterday', '2026-11-20T02:00:00.000Z', '2026-11-20T03:00:00.000Z'],
  ])('refuses posting an activity at %s, with the reason, and writes nothing', async (_when, startAt, endAt) => {
    const before = (await activitiesOf().where({ branchId: BRANCH_A }).count()).total
    const refused = await refusal(env.cloud, 'activities', 'post', {
      branchId: BRANCH_A, types: ['theme_day'], topic: '主题党日：补登', startAt, endAt, place: '党员活动室', audience: { kind: 'branch' },
    }, secretary.openid!)
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('开始时间不能') })
    expect((await activitiesOf().where({ branchId: BRANCH_A }).count()).total).toBe(before)
  })

  it('refuses cancelling an activity once someone signed in', async () => {
    const activity = await post()
    clock += 55 * MINUTE
    await call(env.cloud, 'checkin', 'manual', { activityId: activity.id, memberId: members[0]._id }, secretary.openid!)
    const refused = await refusal(env.cloud, 'activities', 'cancel', { activityId: activity.id, reason: '临时有事' }, secretary.openid!)
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已有 1 人签到') })
    expect((await stored(activity.id)).status).toBe('scheduled')
  })

  it('refuses 代签到 before the check-in window opens and after it closes', async () => {
    const activity = await post()
    const early = await refusal(env.cloud, 'checkin', 'manual', { activityId: activity.id, memberId: members[1]._id }, secretary.openid!)
    expect(early.code).toBe('CHECKIN_CLOSED')
    clock += 200 * MINUTE
    const late = await refusal(env.cloud, 'checkin', 'manual', { activityId: activity.id, memberId: members[1]._id }, secretary.openid!)
    expect(late.code).toBe('CHECKIN_CLOSED')
    expect((await env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId: activity.id }).count()).total).toBe(0)
  })

  it('refuses reviewers their own records: leave, 补学, self-study, 代签到', async () => {
    const activity = await post()
    await call(env.cloud, 'activities', 'requestLeave', { activityId: activity.id, reason: '出差参加会议' }, committee.openid!)
    const leave = await refusal(env.cloud, 'activities', 'reviewLeave', { activityId: activity.id, memberId: committee._id, approve: true }, committee.openid!)
    expect(leave.code).toBe('FORBIDDEN')
    clock += 55 * MINUTE
    const self = await refusal(env.cloud, 'checkin', 'manual', { activityId: activity.id, memberId: secretary._id }, secretary.openid!)
    expect(self.code).toBe('FORBIDDEN')
    const filed = await call<{ id: string }>(env.cloud, 'compliance', 'submitSelfStudy', {
      title: '学习强国专题学习', hours: 8, studiedAt: new Date(clock - 24 * 60 * MINUTE).toISOString(), proofFileId: null,
    }, secretary.openid!)
    const study = await refusal(env.cloud, 'compliance', 'reviewSelfStudy', { id: filed.id, approve: true }, secretary.openid!)
    expect(study.code).toBe('FORBIDDEN')
    // Another committee member may.
    expect(await call(env.cloud, 'compliance', 'reviewSelfStudy', { id: filed.id, approve: true }, committee.openid!)).toEqual({ status: 'approved' })
  })

  it('keeps a leave request and its attendance in step when one reviewer approves while another rejects', async () => {
    for (let trial = 0; trial < 10; trial += 1) {
      const activity = await post({ topic: `主题党日：请假并发${trial}` })
      const member = members[2 + trial]
      await call(env.cloud, 'activities', 'requestLeave', { activityId: activity.id, reason: '家中有事请假' }, member.openid!)
      const review = (approve: boolean, who: Member) =>
        env.cloud.invoke('activities', { action: 'reviewLeave', payload: { activityId: activity.id, memberId: member._id, approve } }, who.openid!)
      const answers = await Promise.all(trial % 2 ? [review(true, secretary), review(false, committee)] : [review(false, committee), review(true, secretary)])
      expect(answers.filter((answer) => answer.ok)).toHaveLength(1)
      const leave = (await env.cloud.db().collection(COLLECTIONS.leaveRequests.name).where({ activityId: activity.id }).get()).data[0] as LeaveRequest
      const records = (await env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId: activity.id }).get()).data as Attendance[]
      expect(records.map((record) => record.state)).toEqual(leave.status === 'approved' ? ['leave'] : [])
    }
  })

  it('a scan landing while the activity closes is counted by the close and stamped no later than the close', async () => {
    const activity = await post({ topic: '主题党日：结束时扫码' })
    clock += 70 * MINUTE
    const { token } = await call<{ token: string }>(env.cloud, 'checkin', 'code', { activityId: activity.id, format: 'svg' }, secretary.openid!)
    const ticking = () => new Date((clock += 1))
    const contextOf = (openid: string, db: (plain: Db) => Db) => {
      const context = env.cloud.contextFor(openid)
      return { ...context, now: ticking, db: db(context.db) }
    }
    const signInAtAdd = deferred()
    const releaseSignIn = deferred()
    const closeAtAbsences = deferred()
    const releaseClose = deferred()
    const scanning = CLOUD_FUNCTIONS.checkin(
      { action: 'signIn', payload: { token } },
      contextOf(members[0].openid!, (db) =>
        withAddHook(db, COLLECTIONS.attendance.name, async () => {
          signInAtAdd.resolve()
          await releaseSignIn.promise
        }),
      ),
    )
    await signInAtAdd.promise
    const closing = CLOUD_FUNCTIONS.activities(
      { action: 'close', payload: { activityId: activity.id } },
      contextOf(secretary.openid!, (db) =>
        withAddHook(db, COLLECTIONS.attendance.name, async () => {
          closeAtAbsences.resolve()
          await releaseClose.promise
        }),
      ),
    )
    await closeAtAbsences.promise
    releaseSignIn.resolve()
    expect(await scanning).toMatchObject({ ok: true, data: { state: 'late', alreadySignedIn: false } })
    releaseClose.resolve()
    const closed = await closing
    expect(closed.ok).toBe(true)
    const records = (await env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId: activity.id }).get()).data as Attendance[]
    const attended = records.filter((record) => record.state === 'present' || record.state === 'late')
    expect(closed.ok && (closed.data as { creditedMembers: number }).creditedMembers).toBe(attended.length)
    const { closedAt } = await stored(activity.id)
    for (const record of attended) expect(record.signedInAt!.getTime()).toBeLessThanOrEqual(closedAt!.getTime())
  })
})
