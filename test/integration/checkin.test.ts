import { COLLECTIONS } from '../../src/domain/collections'
import { CHECKIN_ROTATE_SECONDS, decodeCheckinScene, encodeCheckinScene, tokenFromScan } from '../../src/domain/checkin'
import type { Member } from '../../src/domain/model'
import { call, CHINESE, refusal } from '../support/actions'
import { addBigBranch } from '../support/big-branch'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../support/local-cloud'

const at = (iso: string) => new Date(iso)
const START = '2026-11-21T06:00:00.000Z' // 14:00 Beijing
const END = '2026-11-21T08:00:00.000Z'
const ROTATE_MS = CHECKIN_ROTATE_SECONDS * 1000

interface CodeAnswer {
  token: string
  link: string
  qrDataUrl: string
}
interface SignInAnswer {
  state: string
  alreadySignedIn: boolean
  message: string
}

describe('check-in through the local runtime', () => {
  let env: TestCloud
  let clock = TEST_NOW
  let secretary: Member
  let members: Member[]
  let outsider: Member
  let otherSecretary: Member
  let activityId: string

  const attendanceCount = async (id: string) =>
    (await env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId: id }).count()).total
  const codeFor = (id: string, format: 'png' | 'svg' = 'svg') =>
    call<CodeAnswer>(env.cloud, 'checkin', 'code', { activityId: id, format }, secretary.openid!)
  const post = (extra: Record<string, unknown> = {}) =>
    call<{ id: string }>(
      env.cloud,
      'activities',
      'post',
      {
        branchId: secretary.branchId,
        types: ['theme_day'],
        topic: '学习党的二十届四中全会精神',
        startAt: START,
        endAt: END,
        place: '党员活动室',
        audience: { kind: 'branch' },
        ...extra,
      },
      secretary.openid!,
    )

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => clock })
    secretary = env.demo.members.find((member) => member.roles.includes('secretary') && member.active && member.openid)!
    members = env.demo.members.filter(
      (member) =>
        member.branchId === secretary.branchId && member.roles.length === 0 && member.adminOrgIds.length === 0 && member.active && member.openid,
    )
    outsider = env.demo.members.find((member) => member.branchId !== secretary.branchId && member.active && member.openid)!
    otherSecretary = env.demo.members.find(
      (member) => member.branchId !== secretary.branchId && member.roles.includes('secretary') && member.openid,
    )!
    expect(members.length).toBeGreaterThanOrEqual(4)
    activityId = (await post()).id
  })
  afterAll(() => env.dispose())
  afterEach(() => {
    clock = TEST_NOW
  })

  it('refuses to show the code before the check-in window opens', async () => {
    const error = await refusal(env.cloud, 'checkin', 'code', { activityId }, secretary.openid!)
    expect(error).toEqual({ code: 'CHECKIN_CLOSED', message: expect.stringContaining('签到尚未开始') })
  })

  it('signs a member in once: 已签到 on a repeated scan, 迟到 after the grace', async () => {
    clock = at('2026-11-21T05:55:00.000Z')
    const { token, link, qrDataUrl } = await codeFor(activityId, 'png')
    expect(link).toBe(`/pages/checkin-scan/index?t=${encodeURIComponent(token)}`)
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/)
    expect((await codeFor(activityId, 'svg')).qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(tokenFromScan(link)).toBe(token)
    const first = await call<SignInAnswer>(env.cloud, 'checkin', 'signIn', { token }, members[0].openid!)
    expect(first).toMatchObject({ state: 'present', alreadySignedIn: false, message: '签到成功' })
    const again = await call<SignInAnswer>(env.cloud, 'checkin', 'signIn', { token }, members[0].openid!)
    expect(again).toMatchObject({ state: 'present', alreadySignedIn: true, message: expect.stringContaining('已签到') })

    clock = at('2026-11-21T06:10:00.000Z') // exactly start + grace: still on time
    const onTime = await call<SignInAnswer>(env.cloud, 'checkin', 'signIn', { token: (await codeFor(activityId)).token }, members[1].openid!)
    expect(onTime.state).toBe('present')
    clock = at('2026-11-21T06:10:01.000Z')
    const late = await call<SignInAnswer>(env.cloud, 'checkin', 'signIn', { token: (await codeFor(activityId)).token }, members[2].openid!)
    expect(late).toMatchObject({ state: 'late', message: '签到成功（迟到）' })
    expect(await attendanceCount(activityId)).toBe(3)
    // The code screen counts who signed in so far against who is expected.
    const expected = env.demo.members.filter((member) => member.branchId === secretary.branchId && member.active).length
    expect(await call(env.cloud, 'checkin', 'code', { activityId, format: 'svg' }, secretary.openid!)).toMatchObject({ signedIn: 3, expected })
  })

  it('accepts the previous window, rejects a token from two windows ago', async () => {
    clock = at('2026-11-21T06:20:00.000Z')
    const { token } = await codeFor(activityId)
    clock = new Date(clock.getTime() + ROTATE_MS)
    const previous = await call<SignInAnswer>(env.cloud, 'checkin', 'signIn', { token }, members[3].openid!)
    expect(previous.alreadySignedIn).toBe(false)
    clock = new Date(clock.getTime() + ROTATE_MS)
    const before = await attendanceCount(activityId)
    const error = await refusal(env.cloud, 'checkin', 'signIn', { token }, members[4].openid!)
    expect(error).toEqual({ code: 'TOKEN_EXPIRED', message: expect.stringMatching(CHINESE) })
    expect(await attendanceCount(activityId)).toBe(before)
  })

  it('rejects forged tokens: another activity, a flipped character, garbage', async () => {
    clock = at('2026-11-21T06:30:00.000Z')
    const other = await post({ topic: '另一场活动' })
    const { token } = await codeFor(activityId)
    const [, window, signature] = token.split('.')
    const flip = (text: string, index: number) =>
      text.slice(0, index) + (text[index] === 'A' ? 'B' : 'A') + text.slice(index + 1)
    const forged = [
      `${other.id}.${window}.${signature}`,
      `${activityId}.${window}.${flip(signature, 5)}`,
      `${activityId}.${(parseInt(window, 36) + 1).toString(36)}.${signature}`,
      flip(token, 0),
      'not-a-token',
    ]
    const before = await attendanceCount(activityId)
    for (const bad of forged) {
      const error = await refusal(env.cloud, 'checkin', 'signIn', { token: bad }, members[4].openid!)
      expect(error).toEqual({ code: 'TOKEN_INVALID', message: expect.stringMatching(CHINESE) })
    }
    expect(await attendanceCount(activityId)).toBe(before)
    expect(await attendanceCount(other.id)).toBe(0)
  })

  it('refuses members outside the audience and the check-in window', async () => {
    clock = at('2026-11-21T06:30:00.000Z')
    const { token } = await codeFor(activityId)
    expect(await refusal(env.cloud, 'checkin', 'signIn', { token }, outsider.openid!)).toEqual({
      code: 'FORBIDDEN',
      message: expect.stringMatching(CHINESE),
    })
    clock = at('2026-11-21T08:30:01.000Z')
    // An old code after the window says the window is over, not that the code expired.
    expect(await refusal(env.cloud, 'checkin', 'signIn', { token }, members[4].openid!)).toEqual({
      code: 'CHECKIN_CLOSED',
      message: expect.stringContaining('截止'),
    })
    const error = await refusal(env.cloud, 'checkin', 'code', { activityId }, secretary.openid!)
    expect(error).toEqual({ code: 'CHECKIN_CLOSED', message: expect.stringContaining('截止') })
  })

  it('answers 活动已结束 to a code scanned after the secretary closed the meeting', async () => {
    clock = at('2026-11-21T06:40:00.000Z')
    const held = await post({ topic: '结束后再扫码' })
    const { token } = await codeFor(held.id)
    await call(env.cloud, 'activities', 'close', { activityId: held.id }, secretary.openid!)
    clock = at('2026-11-21T06:45:00.000Z')
    expect(await refusal(env.cloud, 'checkin', 'signIn', { token }, members[5].openid!)).toEqual({
      code: 'CHECKIN_CLOSED',
      message: '活动已结束，签到已关闭',
    })
  })

  it('checks the geofence on the server and stores the distance, not a track', async () => {
    const fenced = await post({
      topic: '现场签到测试',
      geofence: { latitude: 39.9990, longitude: 116.3260, radiusMeters: 200 },
    })
    clock = at('2026-11-21T06:00:00.000Z')
    const { token } = await codeFor(fenced.id)
    const missing = await refusal(env.cloud, 'checkin', 'signIn', { token }, members[0].openid!)
    expect(missing).toEqual({ code: 'OUT_OF_RANGE', message: expect.stringContaining('位置') })
    const far = await refusal(
      env.cloud,
      'checkin',
      'signIn',
      { token, location: { latitude: 40.01, longitude: 116.326 } },
      members[0].openid!,
    )
    // The refusal names the radius, never the distance (which would lead a phone to the centre).
    expect(far).toEqual({ code: 'OUT_OF_RANGE', message: expect.stringContaining('200 米范围内') })
    expect(far.message).not.toMatch(/约\s*\d+\s*米/)
    expect(await attendanceCount(fenced.id)).toBe(0)
    const near = await call<SignInAnswer>(
      env.cloud,
      'checkin',
      'signIn',
      { token, location: { latitude: 39.9995, longitude: 116.3262 } },
      members[0].openid!,
    )
    expect(near.state).toBe('present')
    const { data } = await env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId: fenced.id }).get()
    expect(data[0]).toMatchObject({ withinGeofence: true, distanceMeters: expect.any(Number) })
    expect(data[0]).not.toHaveProperty('latitude')
  })

  it('lets only managers of the host branch show the code or sign someone in by hand', async () => {
    clock = at('2026-11-21T06:30:00.000Z')
    for (const openid of [members[0].openid!, otherSecretary.openid!]) {
      expect((await refusal(env.cloud, 'checkin', 'code', { activityId }, openid)).code).toBe('FORBIDDEN')
      expect(
        (await refusal(env.cloud, 'checkin', 'manual', { activityId, memberId: members[5].openid! }, openid)).code,
      ).toBe('FORBIDDEN')
    }
    const manual = await call<{ state: string; alreadySignedIn: boolean }>(
      env.cloud,
      'checkin',
      'manual',
      { activityId, memberId: members[5]._id },
      secretary.openid!,
    )
    expect(manual).toEqual({ state: 'late', alreadySignedIn: false })
    const { data } = await env.cloud.db().collection(COLLECTIONS.attendance.name).doc(`${activityId}_${members[5]._id}`).get()
    expect(data[0]).toMatchObject({ method: 'manual', recordedBy: secretary._id })
    expect((await refusal(env.cloud, 'checkin', 'manual', { activityId, memberId: outsider._id }, secretary.openid!)).code).toBe(
      'NOT_FOUND',
    )
  })

  it.each([
    ['an empty token', { token: '' }],
    ['an unexpected field', { token: 'x.y.z', memberId: 'someone-else' }],
    ['a position off the globe', { token: 'x.y.z', location: { latitude: 200, longitude: 0 } }],
  ])('answers INVALID_INPUT in Chinese for %s', async (_case, payload) => {
    const error = await refusal(env.cloud, 'checkin', 'signIn', payload, members[0].openid!)
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(CHINESE) })
  })

  it('encodes the token as a wxacode scene of at most 32 characters for ids made by post', async () => {
    clock = at('2026-11-21T06:30:00.000Z')
    const { token } = await codeFor(activityId)
    expect(activityId).toHaveLength(12)
    const scene = encodeCheckinScene(token)
    expect(scene).not.toBeNull()
    expect(scene!.length).toBeLessThanOrEqual(32)
    expect(decodeCheckinScene(encodeURIComponent(scene!))).toBe(token)
  })
})

describe('a burst of sign-ins to one activity', () => {
  let env: TestCloud
  let clock = TEST_NOW

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => clock })
  })
  afterAll(() => env.dispose())

  it('writes 200 records for 200 members at once, and one record for 200 scans of one member', async () => {
    const big = await addBigBranch(env.cloud.db(), 220)
    const posted = await call<{ id: string }>(
      env.cloud,
      'activities',
      'post',
      {
        branchId: big.branchId,
        types: ['party_congress'],
        topic: '支部党员大会',
        startAt: START,
        endAt: END,
        place: '报告厅',
        audience: { kind: 'branch' },
      },
      big.secretaryOpenid,
    )
    clock = at('2026-11-21T05:50:00.000Z')
    const { token } = await call<CodeAnswer>(env.cloud, 'checkin', 'code', { activityId: posted.id, format: 'svg' }, big.secretaryOpenid)

    const distinct = await Promise.all(
      big.memberOpenids.slice(0, 200).map((openid) => env.cloud.invoke('checkin', { action: 'signIn', payload: { token } }, openid)),
    )
    expect(distinct.filter((result) => !result.ok)).toEqual([])
    expect(distinct.every((result) => result.ok && (result.data as SignInAnswer).alreadySignedIn === false)).toBe(true)

    const repeats = await Promise.all(
      Array.from({ length: 200 }, () =>
        env.cloud.invoke('checkin', { action: 'signIn', payload: { token } }, big.memberOpenids[210]),
      ),
    )
    expect(repeats.filter((result) => !result.ok)).toEqual([])
    const fresh = repeats.filter((result) => result.ok && !(result.data as SignInAnswer).alreadySignedIn)
    expect(fresh).toHaveLength(1)
    expect(repeats.filter((result) => result.ok && (result.data as SignInAnswer).message.includes('已签到'))).toHaveLength(199)

    const { total } = await env.cloud.db().collection(COLLECTIONS.attendance.name).where({ activityId: posted.id }).count()
    expect(total).toBe(201)
  })
})
