import {
  quickStartTimes,
  CHECKIN_OFFSET_CHOICES_MINUTES,
  checkinOffsetChoices,
  checkinOffsetsOf,
  checkinWindowFromOffsets,
  checkinWindowProblem,
  closesOffsetLabel,
  decimalText,
  DEFAULT_GEOFENCE_RADIUS_METERS,
  formatMinutes,
  geofenceDraftOf,
  opensOffsetLabel,
  parseDecimal,
  parseGeofenceDraft,
} from '../../../src/domain/activity-form'
import { defaultCheckinWindow } from '../../../src/domain/checkin'
import { DEFAULT_RULESET, resolveRuleset } from '../../../src/domain/ruleset'
import { postActivityInputSchema } from '../../../src/domain/contracts/activities'
import { GEOFENCE_LIMITS, GEOFENCE_MESSAGES, geofenceSchema } from '../../../src/domain/model'

const START = new Date('2026-11-24T06:30:00.000Z') // 14:30 Beijing
const END = new Date('2026-11-24T08:00:00.000Z')
const SPAN = { startAt: START, endAt: END }
const iso = (date: Date) => date.toISOString()

describe('check-in window as minutes around the meeting', () => {
  it.each([
    ['the default ruleset', DEFAULT_RULESET],
    ['a ruleset with its own window', resolveRuleset({ checkin: { opensBeforeStartMinutes: 15, closesAfterEndMinutes: 5 } })],
  ])('the ruleset\'s check-in rule as offsets gives its default window (%s)', (_, ruleset) => {
    for (const span of [SPAN, { startAt: new Date('2026-03-01T00:00:00Z'), endAt: new Date('2026-03-01T23:59:00Z') }]) {
      expect(checkinWindowFromOffsets(span, ruleset.checkin)).toEqual(defaultCheckinWindow(span, ruleset))
    }
  })

  it.each([
    // opens before start, closes after end → opensAt, closesAt
    [30, 30, '2026-11-24T06:00:00.000Z', '2026-11-24T08:30:00.000Z'],
    [0, 0, '2026-11-24T06:30:00.000Z', '2026-11-24T08:00:00.000Z'],
    [10, 120, '2026-11-24T06:20:00.000Z', '2026-11-24T10:00:00.000Z'],
    [45, 5, '2026-11-24T05:45:00.000Z', '2026-11-24T08:05:00.000Z'],
    [-10, -15, '2026-11-24T06:40:00.000Z', '2026-11-24T07:45:00.000Z'],
    [1.5, 0.25, '2026-11-24T06:28:30.000Z', '2026-11-24T08:00:15.000Z'],
  ])('opens %p min before the start and closes %p min after the end: %s – %s, and back', (opens, closes, opensAt, closesAt) => {
    const window = checkinWindowFromOffsets(SPAN, { opensBeforeStartMinutes: opens, closesAfterEndMinutes: closes })
    expect([iso(window.opensAt), iso(window.closesAt)]).toEqual([opensAt, closesAt])
    expect(checkinOffsetsOf({ ...SPAN, checkinOpensAt: window.opensAt, checkinClosesAt: window.closesAt })).toEqual({
      opensBeforeStartMinutes: opens,
      closesAfterEndMinutes: closes,
    })
  })

  it.each([
    ['2026-11-24T06:17:23.457Z', '2026-11-24T09:01:59.999Z'],
    ['2026-11-24T05:59:59.001Z', '2026-11-24T08:00:00.001Z'],
    ['2026-11-24T06:30:00.001Z', '2026-11-24T07:59:59.999Z'],
  ])('keeps a stored window %s – %s exactly through offsets and back', (opensAt, closesAt) => {
    const offsets = checkinOffsetsOf({ ...SPAN, checkinOpensAt: new Date(opensAt), checkinClosesAt: new Date(closesAt) })
    const window = checkinWindowFromOffsets(SPAN, offsets)
    expect([iso(window.opensAt), iso(window.closesAt)]).toEqual([opensAt, closesAt])
  })

  it.each([
    // current, default → choices
    [30, 30, [...CHECKIN_OFFSET_CHOICES_MINUTES]],
    [45, 30, [0, 10, 15, 30, 45, 60, 120]],
    [-10, 30, [-10, 0, 10, 15, 30, 60, 120]],
    [240, 20, [0, 10, 15, 20, 30, 60, 120, 240]],
    [7.5, 30, [0, 7.5, 10, 15, 30, 60, 120]],
  ])('offers the list, the default and the current value: current %p, default %p', (current, defaultMinutes, choices) => {
    expect(checkinOffsetChoices(current, defaultMinutes)).toEqual(choices)
  })

  it('offers the default and the sensible list', () => {
    expect(CHECKIN_OFFSET_CHOICES_MINUTES).toEqual([0, 10, 15, 30, 60, 120])
    expect(checkinOffsetChoices(30, 45)).toContain(45)
  })

  it.each([
    [0, '0 分钟'],
    [10, '10 分钟'],
    [59, '59 分钟'],
    [60, '1 小时'],
    [90, '1 小时 30 分钟'],
    [120, '2 小时'],
    [-15, '15 分钟'],
    [2.5, '2.5 分钟'],
    [12.04, '12 分钟'],
    [60.5, '60.5 分钟'],
  ])('formats %p minutes as %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text)
  })

  it.each([
    [30, '活动开始前 30 分钟（默认）', '活动结束后 30 分钟（默认）'],
    [0, '活动开始时', '活动结束时'],
    [10, '活动开始前 10 分钟', '活动结束后 10 分钟'],
    [120, '活动开始前 2 小时', '活动结束后 2 小时'],
    [-10, '活动开始后 10 分钟', '活动结束前 10 分钟'],
  ])('labels %p minutes: %s / %s', (minutes, opens, closes) => {
    expect(opensOffsetLabel(minutes, 30)).toBe(opens)
    expect(closesOffsetLabel(minutes, 30)).toBe(closes)
  })

  it('marks whatever default it is given', () => {
    expect(opensOffsetLabel(15, 15)).toBe('活动开始前 15 分钟（默认）')
    expect(closesOffsetLabel(30, 15)).toBe('活动结束后 30 分钟')
  })

  it.each([
    ['the default window', 30, 30, null],
    ['a window exactly the meeting', 0, 0, null],
    ['a window opening after the start', -60, 0, null],
    ['a window that closes before it opens', -80, -80, '签到截止时间必须晚于签到开始时间'],
    ['a window opening at the end', -90, 30, '签到须在活动结束前开始'],
    ['a window closing at the start', 30, -90, '签到截止时间须晚于活动开始时间'],
  ])('checks %s like the activities contract does', (_case, opens, closes, message) => {
    const window = checkinWindowFromOffsets(SPAN, { opensBeforeStartMinutes: opens, closesAfterEndMinutes: closes })
    expect(checkinWindowProblem(SPAN, window)).toBe(message)
    const contract = postActivityInputSchema.safeParse({
      branchId: 'b1',
      types: ['theme_day'],
      topic: '主题党日',
      startAt: iso(START),
      endAt: iso(END),
      place: '党员活动室',
      audience: { kind: 'branch' },
      checkinOpensAt: iso(window.opensAt),
      checkinClosesAt: iso(window.closesAt),
    })
    expect(contract.success ? null : contract.error.issues[0].message).toBe(message)
  })
})

describe('geofence typed on the phone', () => {
  it.each([
    ['39.999', 39.999],
    [' 116.326 ', 116.326],
    ['-33.8688', -33.8688],
    ['+12', 12],
    ['0', 0],
    ['.5', 0.5],
    ['5.', 5],
    ['３９．９９', 39.99],
    ['－12.5', -12.5],
    ['\u221212.5', -12.5],
    ['', null],
    ['  ', null],
    ['abc', null],
    ['1e3', null],
    ['0x10', null],
    ['Infinity', null],
    ['39.9.9', null],
    ['39,99', null],
    ['-', null],
    ['.', null],
  ])('reads %p as %p', (text, value) => {
    expect(parseDecimal(text)).toBe(value)
  })

  const draft = (latitude: string, longitude: string, radiusMeters = '300') => ({ latitude, longitude, radiusMeters })

  it.each([
    [draft('39.999', '116.326'), { latitude: 39.999, longitude: 116.326, radiusMeters: 300 }],
    [draft('90', '180', '5000'), { latitude: 90, longitude: 180, radiusMeters: 5000 }],
    [draft('-90', '-180', '0.5'), { latitude: -90, longitude: -180, radiusMeters: 0.5 }],
    [draft('0', '0', '1'), { latitude: 0, longitude: 0, radiusMeters: 1 }],
  ])('accepts %j', (input, geofence) => {
    expect(parseGeofenceDraft(input)).toEqual({ ok: true, geofence })
  })

  it.each([
    [draft('', '116.326'), 'latitude', '请填写纬度'],
    [draft('39.999', ''), 'longitude', '请填写经度'],
    [draft('39.999', '116.326', ''), 'radiusMeters', '请填写签到半径（米）'],
    [draft('北纬39', '116.326'), 'latitude', '纬度须为数字'],
    [draft('39.999', '116,326'), 'longitude', '经度须为数字'],
    [draft('39.999', '116.326', '三百'), 'radiusMeters', '签到半径须为数字'],
    [draft('90.0001', '116.326'), 'latitude', '纬度须在 -90 到 90 之间'],
    [draft('-91', '116.326'), 'latitude', '纬度须在 -90 到 90 之间'],
    [draft('39.999', '180.5'), 'longitude', '经度须在 -180 到 180 之间'],
    [draft('39.999', '-181'), 'longitude', '经度须在 -180 到 180 之间'],
    [draft('39.999', '116.326', '0'), 'radiusMeters', '签到半径须大于 0 米且不超过 5000 米'],
    [draft('39.999', '116.326', '-5'), 'radiusMeters', '签到半径须大于 0 米且不超过 5000 米'],
    [draft('39.999', '116.326', '5001'), 'radiusMeters', '签到半径须大于 0 米且不超过 5000 米'],
    [draft('', '', ''), 'latitude', '请填写纬度'],
  ])('refuses %j: %s, %s', (input, field, message) => {
    expect(parseGeofenceDraft(input)).toEqual({ ok: false, field, message })
  })

  it('uses the limits of geofenceSchema (the contract) and its messages', () => {
    expect(GEOFENCE_LIMITS).toEqual({ latitude: { min: -90, max: 90 }, longitude: { min: -180, max: 180 }, radiusMeters: { max: 5000 } })
    const issues = geofenceSchema.safeParse({ latitude: 91, longitude: 181, radiusMeters: 5001 }).error?.issues.map((issue) => issue.message)
    expect(issues).toEqual([GEOFENCE_MESSAGES.latitude, GEOFENCE_MESSAGES.longitude, GEOFENCE_MESSAGES.radiusMeters])
    expect(geofenceSchema.safeParse({ latitude: 0, longitude: 0, radiusMeters: DEFAULT_GEOFENCE_RADIUS_METERS }).success).toBe(true)
  })

  it.each([
    { latitude: 39.99900123, longitude: 116.32600456, radiusMeters: 300 },
    { latitude: -33.8688, longitude: 151.2093, radiusMeters: 50 },
    { latitude: 1e-7, longitude: -2.5e-7, radiusMeters: 0.5 },
    { latitude: 90, longitude: -180, radiusMeters: 5000 },
  ])('shows a stored geofence as text and reads it back unchanged: %j', (fence) => {
    const text = geofenceDraftOf(fence)
    expect(Object.values(text).every((value) => !/e/i.test(value))).toBe(true)
    expect(parseGeofenceDraft(text)).toEqual({ ok: true, geofence: fence })
  })

  it.each([
    [39.999, '39.999'],
    [1e-7, '0.0000001'],
    [-2.5e-7, '-0.00000025'],
    [116, '116'],
  ])('writes %p as %s', (value, text) => {
    expect(decimalText(value)).toBe(text)
  })
})

describe('quickStartTimes: 快捷设置 of the meeting time (Beijing wall clock)', () => {
  const ZONE = 'Asia/Shanghai'
  it.each([
    // now (UTC), minutes from now, duration → date, start, end in Beijing
    ['2026-11-21T02:00:00.000Z', 0, 90, { date: '2026-11-21', start: '10:00', end: '11:30' }],
    // 现在开始 is under way at once: the minute now falls in, not the next one.
    ['2026-11-21T02:00:59.000Z', 0, 90, { date: '2026-11-21', start: '10:00', end: '11:30' }],
    ['2026-11-21T02:03:01.000Z', 10, 60, { date: '2026-11-21', start: '10:14', end: '11:14' }],
    ['2026-11-21T02:03:30.000Z', 10, 60, { date: '2026-11-21', start: '10:14', end: '11:14' }],
    ['2026-11-21T15:10:00.000Z', 60, 90, { date: '2026-11-22', start: '00:10', end: '01:40' }],
    ['2026-11-21T15:00:00.000Z', 10, 120, { date: '2026-11-21', start: '23:10', end: '23:59' }],
  ])('at %s, %i minutes from now, lasting %i minutes', (now, minutesFromNow, duration, expected) => {
    expect(quickStartTimes(new Date(now), minutesFromNow, duration, ZONE)).toEqual(expected)
  })
})
