import {
  expectedAudience,
  isAbsenceFlagged,
  isHeld,
  isInAudience,
  participatingBranchIds,
  signInState,
  summarizeAttendance,
} from '../../../src/domain/attendance'
import type { AttendanceRecord } from '../../../src/domain/attendance'
import type { Audience } from '../../../src/domain/model'
import { DEFAULT_RULESET, resolveRuleset } from '../../../src/domain/ruleset'
import { bj, member } from './fixtures'

const START = bj('2026-11-15 14:30')

describe('signInState', () => {
  it.each([
    ['well before the start', '2026-11-15 14:00', 'present'],
    ['at the start', '2026-11-15 14:30', 'present'],
    ['exactly at start + 10 min grace', '2026-11-15 14:40', 'present'],
    ['one second after the grace', '2026-11-15T14:40:01', 'late'],
    ['an hour after the start', '2026-11-15 15:30', 'late'],
  ])('%s → %s', (_, signedIn, state) => {
    expect(signInState({ startAt: START }, bj(signedIn), DEFAULT_RULESET)).toBe(state)
  })

  it('follows an overridden grace', () => {
    const strict = resolveRuleset({ attendance: { lateGraceMinutes: 0 } })
    expect(signInState({ startAt: START }, bj('2026-11-15T14:30:01'), strict)).toBe('late')
  })
})

describe('expected audience', () => {
  const members = [
    member('sec', { roles: ['secretary'], groupId: 'g1' }),
    member('org', { roles: ['organization'], groupId: 'g2' }),
    member('leader', { roles: ['group_leader'], groupId: 'g1' }),
    member('plain', { groupId: 'g2' }),
    member('left', { active: false, groupId: 'g1' }),
    member('new', { joinedAt: bj('2026-12-01 09:00'), groupId: 'g1' }),
    member('other', { branchId: 'b2' }),
  ]
  it.each<[string, Audience, string[]]>([
    ['the whole branch', { kind: 'branch' }, ['sec', 'org', 'leader', 'plain']],
    ['the committee (group leaders are not in it)', { kind: 'committee' }, ['sec', 'org']],
    ['one group', { kind: 'group', groupId: 'g1' }, ['sec', 'leader']],
    ['several branches', { kind: 'branches', branchIds: ['b1', 'b2'] }, ['sec', 'org', 'leader', 'plain', 'other']],
    ['other branches, hosted by b1', { kind: 'branches', branchIds: ['b2'] }, ['sec', 'org', 'leader', 'plain', 'other']],
  ])('%s', (_, audience, ids) => {
    const activity = { branchId: 'b1', audience, startAt: START }
    expect(expectedAudience(activity, members).map((each) => each._id)).toEqual(ids)
  })

  it('lists the host among the participating branches of a joint activity', () => {
    expect(participatingBranchIds({ branchId: 'b1', audience: { kind: 'branches', branchIds: ['b2', 'b3'] } })).toEqual(['b1', 'b2', 'b3'])
    expect(participatingBranchIds({ branchId: 'b1', audience: { kind: 'group', groupId: 'g1' } })).toEqual(['b1'])
  })

  it('expects a member who joined before the start but not one who joined after', () => {
    const activity = { branchId: 'b1', audience: { kind: 'branch' } as Audience, startAt: START }
    expect(isInAudience(member('a', { joinedAt: START }), activity)).toBe(true)
    expect(isInAudience(member('b', { joinedAt: new Date(START.getTime() + 1) }), activity)).toBe(false)
  })
})

describe('summarizeAttendance', () => {
  const members = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => member(id))
  const activity = { branchId: 'b1', audience: { kind: 'branch' } as Audience, startAt: START }
  const record = (memberId: string, state: AttendanceRecord['state'], makeup = false): AttendanceRecord => ({
    memberId,
    state,
    makeupConfirmedAt: makeup ? bj('2026-11-20 10:00') : null,
  })

  it('partitions the expected audience and computes the rate from present + late', () => {
    const summary = summarizeAttendance(activity, members, [
      record('a', 'present'),
      record('b', 'present'),
      record('c', 'late'),
      record('d', 'leave'),
      record('e', 'absent'),
      record('f', 'absent', true),
      record('guest', 'present'),
    ])
    expect(summary).toEqual({
      expected: 8,
      present: 2,
      late: 1,
      leave: 1,
      absent: 1,
      madeUp: 1,
      unrecorded: 2,
      outsideAudience: 1,
      rate: 3 / 8,
    })
  })

  it('has no rate when nobody is expected', () => {
    expect(summarizeAttendance(activity, [], []).rate).toBeNull()
  })

  it.each([
    ['absent without 补学', 'absent', false, true],
    ['absent with confirmed 补学', 'absent', true, false],
    ['on leave', 'leave', false, false],
    ['present', 'present', false, false],
  ] as const)('%s → flagged %p', (_, state, makeup, flagged) => {
    expect(isAbsenceFlagged(record('a', state, makeup))).toBe(flagged)
  })
})

describe('isHeld', () => {
  const asOf = bj('2026-11-20 12:00')
  it.each([
    ['closed before asOf', 'closed', bj('2026-11-15 17:00'), true],
    ['closed without a timestamp', 'closed', null, true],
    ['closed after asOf', 'closed', bj('2026-11-21 09:00'), false],
    ['scheduled', 'scheduled', null, false],
    ['cancelled', 'cancelled', null, false],
  ] as const)('%s → %p', (_, status, closedAt, held) => {
    expect(isHeld({ status, closedAt }, asOf)).toBe(held)
  })
})
