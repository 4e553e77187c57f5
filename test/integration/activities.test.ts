import { startServer } from '../../cloud-runtime/server'
import { issueToken } from '../../cloudfunctions/checkin/token'
import { COLLECTIONS } from '../../src/domain/collections'
import type { ActivityDetail, LiveAttendance } from '../../src/domain/contracts/activities'
import type { Activity, Attendance, Member } from '../../src/domain/model'
import { DEFAULT_RULESET } from '../../src/domain/ruleset'
import { summarizeStudyHours } from '../../src/domain/study-hours'
import { periodCalendar } from '../../src/domain/time'
import { call, CHINESE, refusal } from '../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../support/local-cloud'

const at = (iso: string) => new Date(iso)
const START = '2026-11-24T06:30:00.000Z' // Tuesday 14:30 Beijing
const END = '2026-11-24T08:00:00.000Z'

describe('activities: post, edit, cancel, leave, close, 补学, reminders', () => {
  let env: TestCloud
  let clock = TEST_NOW
  let secretary: Member
  let plain: Member[]
  let otherSecretary: Member

  const post = (payload: Record<string, unknown>, openid = secretary.openid!) =>
    env.cloud.invoke(
      'activities',
      {
        action: 'post',
        payload: {
          branchId: secretary.branchId,
          types: ['party_congress'],
          topic: '支部党员大会：讨论发展对象',
          startAt: START,
          endAt: END,
          place: '学院会议室',
          audience: { kind: 'branch' },
          ...payload,
        },
      },
      openid,
    )
  const posted = async (payload: Record<string, unknown> = {}) => {
    const result = await post(payload)
    if (!result.ok) throw new Error(result.error.message)
    return result.data as { id: string; creditHours: number; checkinOpensAt: string; checkinClosesAt: string }
  }
  const count = async (key: keyof typeof COLLECTIONS, where: object = {}) =>
    (await env.cloud.db().collection(COLLECTIONS[key].name).where(where).count()).total

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => clock })
    secretary = env.demo.members.find((member) => member.roles.includes('secretary') && member.openid)!
    plain = env.demo.members.filter(
      (member) =>
        member.branchId === secretary.branchId &&
        member.roles.length === 0 &&
        member.adminOrgIds.length === 0 &&
        member.active &&
        member.openid,
    )
    otherSecretary = env.demo.members.find(
      (member) => member.branchId !== secretary.branchId && member.roles.includes('secretary') && member.openid,
    )!
  })
  afterAll(() => env.dispose())
  afterEach(() => {
    clock = TEST_NOW
  })

  it('posts with the defaults: credit from the duration, check-in 30 min around the meeting', async () => {
    const activity = await posted()
    expect(activity.creditHours).toBe(1.5)
    expect(activity.checkinOpensAt).toBe('2026-11-24T06:00:00.000Z')
    expect(activity.checkinClosesAt).toBe('2026-11-24T08:30:00.000Z')
    const logs = await env.cloud.db().collection(COLLECTIONS.activityLogs.name).where({ activityId: activity.id }).get()
    expect(logs.data).toEqual([expect.objectContaining({ action: 'post', actorId: secretary._id })])
  })

  it('posts a custom check-in window, stores it, and refuses sign-in before it opens with CHECKIN_CLOSED', async () => {
    const opensAt = '2026-11-24T06:20:00.000Z' // 10 min before the start: later than the default opening
    const closesAt = '2026-11-24T09:00:00.000Z' // 60 min after the end: later than the default closing
    const activity = await posted({ topic: '主题党日：自定义签到时间', checkinOpensAt: opensAt, checkinClosesAt: closesAt })
    expect(activity).toMatchObject({ checkinOpensAt: opensAt, checkinClosesAt: closesAt })
    const stored = (await env.cloud.db().collection(COLLECTIONS.activities.name).doc(activity.id).get()).data[0] as Activity
    expect([stored.checkinOpensAt, stored.checkinClosesAt]).toEqual([at(opensAt), at(closesAt)])
    const signIn = (token: string, member: Member) =>
      env.cloud.invoke('checkin', { action: 'signIn', payload: { token } }, member.openid!)
    const codeNow = () => call<{ token: string }>(env.cloud, 'checkin', 'code', { activityId: activity.id, format: 'svg' }, secretary.openid!)

    // 15 min before the start the default window would be open; this one is not.
    clock = at('2026-11-24T06:15:00.000Z')
    expect(await refusal(env.cloud, 'checkin', 'code', { activityId: activity.id }, secretary.openid!)).toEqual({
      code: 'CHECKIN_CLOSED',
      message: '签到尚未开始，将于11月24日 14:20开始',
    })
    // Even a genuine token of this moment (signed with the runtime's key) does not sign anyone in.
    const early = issueToken(env.cloud.contextFor(null).secrets.checkinKey, activity.id, clock).token
    expect(await signIn(early, plain[0])).toEqual({
      ok: false,
      error: { code: 'CHECKIN_CLOSED', message: expect.stringContaining('签到尚未开始') },
    })
    expect(await count('attendance', { activityId: activity.id })).toBe(0)

    // From the custom opening on, and past the default closing, members sign in.
    clock = at(opensAt)
    expect(await signIn((await codeNow()).token, plain[0])).toMatchObject({ ok: true, data: { state: 'present' } })
    clock = at('2026-11-24T08:45:00.000Z')
    expect(await signIn((await codeNow()).token, plain[1])).toMatchObject({ ok: true, data: { state: 'late' } })
    clock = at('2026-11-24T09:00:01.000Z')
    expect((await refusal(env.cloud, 'checkin', 'code', { activityId: activity.id }, secretary.openid!)).code).toBe('CHECKIN_CLOSED')
    expect(await count('attendance', { activityId: activity.id })).toBe(2)
  })

  it.each([
    ['the end before the start', { endAt: '2026-11-24T06:00:00.000Z' }, '结束时间必须晚于开始时间'],
    ['no type', { types: [] }, '至少选择一种活动类型'],
    ['an unknown type', { types: ['party_picnic'] }, '未知的活动类型'],
    ['a one-letter topic', { topic: '会' }, '主题至少 2 个字'],
    ['a group of another branch', { audience: { kind: 'group', groupId: 'grp-nowhere-1' } }, '党小组不属于本支部'],
    ['a check-in window after the meeting', { checkinOpensAt: END, checkinClosesAt: '2026-11-24T09:00:00.000Z' }, '签到须在活动结束前开始'],
    ['a geofence radius above the limit', { geofence: { latitude: 39.999, longitude: 116.326, radiusMeters: 5001 } }, '签到半径须大于 0 米且不超过 5000 米'],
    ['a latitude beyond the pole', { geofence: { latitude: 90.5, longitude: 116.326, radiusMeters: 300 } }, '纬度须在 -90 到 90 之间'],
  ])('refuses %s with INVALID_INPUT and writes nothing', async (_case, payload, message) => {
    const before = await count('activities')
    const result = await post(payload)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(message) } })
    expect(await count('activities')).toBe(before)
  })

  it('refuses a member and the secretary of another branch', async () => {
    const before = await count('activities')
    expect(await post({}, plain[0].openid!)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await post({}, otherSecretary.openid!)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await count('activities')).toBe(before)
  })

  it('edits until the start, recording what changed; cancels with a reason', async () => {
    const activity = await posted({ types: ['theme_day'] })
    const edited = await call<{ endAt: string; creditHours: number; checkinClosesAt: string }>(
      env.cloud,
      'activities',
      'edit',
      { activityId: activity.id, endAt: '2026-11-24T09:30:00.000Z', place: '图书馆报告厅', types: ['theme_day', 'party_lecture'] },
      secretary.openid!,
    )
    expect(edited).toMatchObject({ creditHours: 3, checkinClosesAt: '2026-11-24T10:00:00.000Z' })
    const detail = await call<ActivityDetail>(env.cloud, 'activities', 'detail', { activityId: activity.id }, secretary.openid!)
    const edit = detail.log.find((entry) => entry.action === 'edit')!
    expect(edit.actorName).toBe(secretary.name)
    expect(edit.changes.map((change) => change.field).sort()).toEqual(['类型', '结束时间', '地点', '学时', '签到截止'].sort())
    expect(edit.changes).toContainEqual({ field: '地点', before: '学院会议室', after: '图书馆报告厅' })

    // Objects are replaced, not merged: back from a group to the whole branch leaves no groupId behind.
    const group = env.demo.orgs.find((org) => org.kind === 'group' && org.parentId === secretary.branchId)!
    await call(env.cloud, 'activities', 'edit', { activityId: activity.id, audience: { kind: 'group', groupId: group._id } }, secretary.openid!)
    await call(env.cloud, 'activities', 'edit', { activityId: activity.id, audience: { kind: 'branch' } }, secretary.openid!)
    const stored = await env.cloud.db().collection(COLLECTIONS.activities.name).doc(activity.id).get()
    expect(stored.data[0].audience).toEqual({ kind: 'branch' })
    expect(await count('activityLogs', { activityId: activity.id, action: 'edit' })).toBe(3)

    expect((await refusal(env.cloud, 'activities', 'edit', { activityId: activity.id, topic: '改个主题' }, plain[0].openid!)).code).toBe(
      'FORBIDDEN',
    )
    clock = at('2026-11-24T06:31:00.000Z')
    expect((await refusal(env.cloud, 'activities', 'edit', { activityId: activity.id, topic: '改个主题' }, secretary.openid!)).code).toBe(
      'CONFLICT',
    )
    clock = TEST_NOW
    const noReason = await refusal(env.cloud, 'activities', 'cancel', { activityId: activity.id, reason: '' }, secretary.openid!)
    expect(noReason).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(CHINESE) })
    const cancelled = await call<{ status: string; cancelReason: string }>(
      env.cloud,
      'activities',
      'cancel',
      { activityId: activity.id, reason: '与学院大会时间冲突' },
      secretary.openid!,
    )
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '与学院大会时间冲突' })
  })

  it('runs the life cycle: upcoming list, leave, sign-in, live quorum, close, 补学, hours', async () => {
    const activity = await posted()
    const [onLeave, attendee, absentee, rejected] = plain
    const list = await call<{ activities: { id: string; inAudience: boolean }[] }>(
      env.cloud,
      'activities',
      'list',
      { when: 'upcoming' },
      attendee.openid!,
    )
    expect(list.activities).toContainEqual(expect.objectContaining({ id: activity.id, inAudience: true }))

    await call(env.cloud, 'activities', 'requestLeave', { activityId: activity.id, reason: '出差参加学术会议' }, onLeave.openid!)
    await call(env.cloud, 'activities', 'requestLeave', { activityId: activity.id, reason: '有事' }, rejected.openid!)
    expect((await refusal(env.cloud, 'activities', 'requestLeave', { activityId: activity.id, reason: '再请一次' }, onLeave.openid!)).code).toBe(
      'CONFLICT',
    )
    const pending = await call<{ items: { kind: string; memberId?: string }[] }>(env.cloud, 'inbox', 'pending', {}, secretary.openid!)
    expect(pending.items.filter((item) => item.kind === 'leave').map((item) => item.memberId).sort()).toEqual(
      [onLeave._id, rejected._id].sort(),
    )
    expect((await refusal(env.cloud, 'inbox', 'pending', {}, plain[0].openid!)).code).toBe('FORBIDDEN')
    await call(env.cloud, 'activities', 'reviewLeave', { activityId: activity.id, memberId: onLeave._id, approve: true }, secretary.openid!)
    await call(env.cloud, 'activities', 'reviewLeave', { activityId: activity.id, memberId: rejected._id, approve: false, reason: '请参会' }, secretary.openid!)
    const leaveRecord = await env.cloud.db().collection(COLLECTIONS.attendance.name).doc(`${activity.id}_${onLeave._id}`).get()
    expect(leaveRecord.data[0]).toMatchObject({ state: 'leave', method: 'leave', recordedBy: secretary._id })

    clock = at('2026-11-24T06:31:00.000Z')
    const tooLate = await refusal(env.cloud, 'activities', 'requestLeave', { activityId: activity.id, reason: '临时有事' }, absentee.openid!)
    expect(tooLate).toEqual({ code: 'CONFLICT', message: expect.stringContaining('开始前') })
    const approved = await call<ActivityDetail>(env.cloud, 'activities', 'detail', { activityId: activity.id }, onLeave.openid!)
    expect(approved).toMatchObject({ myAttendance: { state: 'leave' }, myLeave: { status: 'approved' }, canRequestLeave: false })
    const refusedLeave = await call<ActivityDetail>(env.cloud, 'activities', 'detail', { activityId: activity.id }, rejected.openid!)
    expect(refusedLeave).toMatchObject({ myAttendance: null, myLeave: { status: 'rejected', reviewNote: '请参会' } })

    // Came after all: the approved leave turns into a sign-in, still one record.
    const { token } = await call<{ token: string }>(env.cloud, 'checkin', 'code', { activityId: activity.id, format: 'svg' }, secretary.openid!)
    const came = await call<{ state: string; alreadySignedIn: boolean }>(env.cloud, 'checkin', 'signIn', { token }, onLeave.openid!)
    expect(came).toMatchObject({ state: 'present', alreadySignedIn: false })
    expect(await count('attendance', { activityId: activity.id })).toBe(1)
  })

  it('closes: absences for the unrecorded, hours for present and late, quorum, 补学', async () => {
    const activity = await posted({ topic: '第四季度支部党员大会' })
    const expected = plain
    clock = at('2026-11-24T06:25:00.000Z')
    const { token } = await call<{ token: string }>(env.cloud, 'checkin', 'code', { activityId: activity.id, format: 'svg' }, secretary.openid!)
    const attendees = expected.slice(0, Math.floor(expected.length / 2) + 2)
    for (const member of attendees) await call(env.cloud, 'checkin', 'signIn', { token }, member.openid!)
    await call(env.cloud, 'checkin', 'signIn', { token }, secretary.openid!)

    const live = await call<LiveAttendance>(env.cloud, 'activities', 'live', { activityId: activity.id }, secretary.openid!)
    expect(live.counts.present).toBe(attendees.length + 1)
    expect(live.present.map((person) => person.memberId)).toContain(attendees[0]._id)
    expect(live.counts.unrecorded).toBe(live.counts.expected - attendees.length - 1)
    expect(live.quorum).toEqual({ required: true, share: 0.5, reached: (attendees.length + 1) / live.counts.expected > 0.5 })
    expect(live.notYet).toHaveLength(live.counts.unrecorded)
    expect((await refusal(env.cloud, 'activities', 'live', { activityId: activity.id }, plain[0].openid!)).code).toBe('FORBIDDEN')

    for (const openid of [plain[0].openid!, otherSecretary.openid!]) {
      expect((await refusal(env.cloud, 'activities', 'close', { activityId: activity.id }, openid)).code).toBe('FORBIDDEN')
    }
    clock = at('2026-11-24T08:05:00.000Z')
    const fresh = await call<{ token: string }>(env.cloud, 'checkin', 'code', { activityId: activity.id, format: 'svg' }, secretary.openid!)
    const closed = await call<{ absentAdded: number; creditedMembers: number; activity: { status: string; closedAt: string } }>(
      env.cloud,
      'activities',
      'close',
      { activityId: activity.id },
      secretary.openid!,
    )
    expect(closed.activity).toMatchObject({ status: 'closed', closedAt: '2026-11-24T08:05:00.000Z' })
    expect(closed.absentAdded).toBe(live.counts.unrecorded)
    expect(closed.creditedMembers).toBe(attendees.length + 1)
    expect((await refusal(env.cloud, 'checkin', 'signIn', { token: fresh.token }, expected[expected.length - 1].openid!)).code).toBe('CHECKIN_CLOSED')

    // The engine credits hours from the stored data.
    const db = env.cloud.db()
    const stored = (await db.collection(COLLECTIONS.activities.name).doc(activity.id).get()).data[0] as Activity
    const records = (await db.collection(COLLECTIONS.attendance.name).where({ activityId: activity.id }).limit(1000).get()).data as Attendance[]
    const year = periodCalendar(DEFAULT_RULESET).periodOf('year', stored.startAt)
    const hours = summarizeStudyHours({
      year,
      asOf: clock,
      members: env.demo.members.filter((member) => member.branchId === secretary.branchId),
      activities: [stored],
      attendance: records,
      studyRecords: [],
      ruleset: DEFAULT_RULESET,
    })
    expect(hours.members.find((member) => member.memberId === attendees[0]._id)?.activityHours).toBe(1.5)
    expect(hours.members.find((member) => member.memberId === expected[expected.length - 1]._id)?.activityHours).toBe(0)

    // 补学 by an absent member, confirmed by the secretary.
    const absent = expected[expected.length - 1]
    const detail = await call<ActivityDetail>(env.cloud, 'activities', 'detail', { activityId: activity.id }, absent.openid!)
    expect(detail).toMatchObject({ myAttendance: { state: 'absent' }, canFileMakeup: true, log: [] })
    const short = await refusal(env.cloud, 'activities', 'fileMakeup', { activityId: activity.id, reflection: '已学习' }, absent.openid!)
    expect(short).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('10') })
    expect(
      (await refusal(env.cloud, 'activities', 'fileMakeup', { activityId: activity.id, reflection: '认真学习了会议记录，收获很大。' }, attendees[0].openid!)).code,
    ).toBe('FORBIDDEN')
    await call(env.cloud, 'activities', 'fileMakeup', { activityId: activity.id, reflection: '认真学习了会议记录，收获很大。' }, absent.openid!)
    const mine = await call<{ items: { activityId: string; makeup: { status: string } | null }[] }>(env.cloud, 'activities', 'mine', {}, absent.openid!)
    expect(mine.items).toContainEqual(expect.objectContaining({ activityId: activity.id, makeup: expect.objectContaining({ status: 'pending' }) }))
    expect(
      (await refusal(env.cloud, 'activities', 'reviewMakeup', { activityId: activity.id, memberId: absent._id, approve: true }, absent.openid!)).code,
    ).toBe('FORBIDDEN')
    await call(env.cloud, 'activities', 'reviewMakeup', { activityId: activity.id, memberId: absent._id, approve: true }, secretary.openid!)
    const record = await db.collection(COLLECTIONS.attendance.name).doc(`${activity.id}_${absent._id}`).get()
    expect(record.data[0]).toMatchObject({ state: 'absent', method: 'close', makeupConfirmedAt: clock })
    const after = await call<LiveAttendance>(env.cloud, 'activities', 'live', { activityId: activity.id }, secretary.openid!)
    expect(after.counts.madeUp).toBe(1)
  })

  it('shows a joint 党课 to the members of every listed branch, who may sign in', async () => {
    const guest = env.demo.members.find(
      (member) => member.branchId === otherSecretary.branchId && member.roles.length === 0 && member.active && member.openid,
    )!
    const activity = await posted({
      types: ['party_lecture'],
      topic: '联合党课：新时代党的建设',
      audience: { kind: 'branches', branchIds: [otherSecretary.branchId] },
      speakerMemberId: secretary._id,
    })
    const guestIds = async () =>
      (await call<{ activities: { id: string }[] }>(env.cloud, 'activities', 'list', {}, guest.openid!)).activities.map((item) => item.id)
    // Invited, not yet in: the guest branch takes part once its own secretary accepts.
    expect(await guestIds()).not.toContain(activity.id)
    const accepted = { activityId: activity.id, branchId: otherSecretary.branchId, accept: true }
    await call(env.cloud, 'activities', 'respondToInvitation', accepted, otherSecretary.openid!)
    const list = await call<{ activities: { id: string; inAudience: boolean; speakerName: string | null }[] }>(
      env.cloud,
      'activities',
      'list',
      {},
      guest.openid!,
    )
    expect(list.activities).toContainEqual(expect.objectContaining({ id: activity.id, inAudience: true, speakerName: secretary.name }))
    clock = at('2026-11-24T06:20:00.000Z')
    const { token } = await call<{ token: string }>(env.cloud, 'checkin', 'code', { activityId: activity.id, format: 'svg' }, secretary.openid!)
    expect(await call(env.cloud, 'checkin', 'signIn', { token }, guest.openid!)).toMatchObject({ state: 'present' })
    // The guest branch's secretary does not manage the host's activity.
    expect((await refusal(env.cloud, 'checkin', 'code', { activityId: activity.id }, otherSecretary.openid!)).code).toBe('FORBIDDEN')
  })

  it('keeps the participating branches with the audience: a joint 党课 made branch-only leaves the guest branch’s list', async () => {
    const activity = await posted({
      types: ['party_lecture'],
      topic: '联合党课：改为本支部',
      audience: { kind: 'branches', branchIds: [otherSecretary.branchId] },
      speakerMemberId: secretary._id,
    })
    const stored = async () => (await env.cloud.db().collection(COLLECTIONS.activities.name).doc(activity.id).get()).data[0] as Activity
    const guestList = async () =>
      (await call<{ activities: { id: string }[] }>(env.cloud, 'activities', 'list', {}, otherSecretary.openid!)).activities.map((item) => item.id)
    expect((await stored()).participantBranchIds).toEqual([secretary.branchId])
    await call(env.cloud, 'activities', 'respondToInvitation', { activityId: activity.id, branchId: otherSecretary.branchId, accept: true }, otherSecretary.openid!)
    expect((await stored()).participantBranchIds).toEqual([secretary.branchId, otherSecretary.branchId])
    expect(await guestList()).toContain(activity.id)

    await call(env.cloud, 'activities', 'edit', { activityId: activity.id, audience: { kind: 'branch' } }, secretary.openid!)
    expect((await stored()).participantBranchIds).toEqual([secretary.branchId])
    expect(await guestList()).not.toContain(activity.id)
  })

  it('sends a reminder once before the start; locally it lands in the outbox', async () => {
    const activity = await posted({ topic: '提醒测试：党课' , types: ['party_lecture'] })
    const member = plain[1]
    expect(await call(env.cloud, 'reminders', 'subscribe', { activityId: activity.id }, member.openid!)).toEqual({ subscribed: true })
    expect(await call(env.cloud, 'reminders', 'subscribe', { activityId: activity.id }, member.openid!)).toEqual({ subscribed: true })
    expect((await refusal(env.cloud, 'reminders', 'subscribe', { activityId: activity.id }, otherSecretary.openid!)).code).toBe('FORBIDDEN')

    const runTimer = () => env.cloud.invokeFromPlatform('reminders', 'timer')
    expect(await runTimer()).toEqual({ ok: true, data: { sent: 0, skipped: 0, failed: 0 } })
    clock = at('2026-11-24T05:40:00.000Z')
    expect(await runTimer()).toEqual({ ok: true, data: { sent: 1, skipped: 0, failed: 0 } })
    expect(await runTimer()).toEqual({ ok: true, data: { sent: 0, skipped: 0, failed: 0 } })
    const outbox = await env.cloud.db().collection(COLLECTIONS.outbox.name).where({ touser: member.openid! }).get()
    expect(outbox.data).toEqual([
      expect.objectContaining({
        templateId: 'dev-activity-reminder',
        page: `pages/activity/index?id=${activity.id}`,
        data: expect.objectContaining({ thing1: { value: '提醒测试：党课' }, time2: { value: '11月24日 14:30' } }),
      }),
    ])

    const server = await startServer({ cloud: env.cloud, h5Dir: null, port: 0 })
    try {
      const timer = await fetch(`${server.url}/dev/timers/reminders`, { method: 'POST' })
      expect(await timer.json()).toEqual({ ok: true, data: { sent: 0, skipped: 0, failed: 0 } })
      const page = (await (await fetch(`${server.url}/dev/outbox`)).json()) as { messages: { touser: string }[] }
      expect(page.messages.map((message) => message.touser)).toContain(member.openid)
    } finally {
      await server.close()
    }
  })
})
