import { evaluateBranch } from '../../../src/domain/compliance'
import type { BranchEvaluation, NotCountedReasonCode, RequirementLine } from '../../../src/domain/compliance'
import type { Audience } from '../../../src/domain/model'
import { DEFAULT_RULESET, resolveRuleset } from '../../../src/domain/ruleset'
import { Scenario, bj, onlyRequirements, period } from './fixtures'
import type { HoldOptions } from './fixtures'

const NOVEMBER = period('2026-11')
const YEAR_2026 = period('2026')

function lineOf(evaluation: BranchEvaluation, requirementId: string, periodKey: string, groupId: string | null = null): RequirementLine {
  const line = evaluation.lines.find(
    (each) => each.requirementId === requirementId && each.period.key === periodKey && (each.group?.id ?? null) === groupId,
  )
  if (!line) throw new Error(`no line ${requirementId} ${periodKey} ${groupId}`)
  return line
}

function branchWithCommitteeAndGroups(): Scenario {
  const scenario = new Scenario()
  scenario.addGroup('g1', '第一党小组')
  scenario.addGroup('g2', '第二党小组')
  scenario.addMembers(1, { roles: ['secretary'], groupId: 'g1' }, 'sec')
  scenario.addMembers(1, { roles: ['organization'], groupId: 'g1' }, 'org')
  scenario.addMembers(4, { groupId: 'g1' })
  scenario.addMembers(4, { groupId: 'g2' })
  return scenario
}

describe('an empty branch', () => {
  const scenario = new Scenario()
  const evaluation = evaluateBranch(scenario.input(DEFAULT_RULESET, '2027-01-10 12:00', YEAR_2026))

  it('has one line per enabled requirement and period, group and committee rules not applicable', () => {
    const count = (requirementId: string) => evaluation.lines.filter((line) => line.requirementId === requirementId).length
    expect(count('theme_day_monthly')).toBe(12)
    expect(count('committee_meeting_monthly')).toBe(12)
    expect(count('group_meeting_monthly')).toBe(12)
    expect(count('party_congress_quarterly')).toBe(4)
    expect(count('party_lecture_semester')).toBe(3)
    expect(count('secretary_lecture_yearly')).toBe(1)
    expect(count('heart_talk_yearly')).toBe(0)
    const notApplicable = evaluation.lines.filter((line) => line.status === 'not_applicable')
    expect(new Set(notApplicable.map((line) => line.requirementId))).toEqual(
      new Set(['committee_meeting_monthly', 'group_meeting_monthly']),
    )
    expect(lineOf(evaluation, 'group_meeting_monthly', '2026-05').note).toBe('支部未划分党小组，党小组会要求不适用')
    expect(lineOf(evaluation, 'committee_meeting_monthly', '2026-05').note).toBe('支部未设支部委员会，支部委员会要求不适用')
  })

  it('misses every other requirement and is red', () => {
    expect(lineOf(evaluation, 'theme_day_monthly', '2026-05')).toMatchObject({ status: 'missed', statusLabel: '未完成', required: 1, counted: 0 })
    expect(evaluation.light).toBe('red')
    expect(evaluation.lightLabel).toBe('红灯')
    expect(evaluation.reasons.every((reason) => reason.code === 'missed')).toBe(true)
    expect(evaluation.reasons).toContainEqual(
      expect.objectContaining({ message: '2026年5月「主题党日（每月至少1次，固定每月15日）」未完成（0/1）' }),
    )
    expect(evaluation.awaitingEvidence).toEqual([])
    expect(evaluation.leadingCadres).toEqual([])
  })
})

describe('committee and groups', () => {
  it('applies the committee rule when a member holds a 委员 role', () => {
    const scenario = branchWithCommitteeAndGroups()
    scenario.hold('c1', ['committee_meeting'], '2026-11-05 12:30', { activity: { audience: { kind: 'committee' } }, attendees: ['sec1', 'org2'] })
    const evaluation = evaluateBranch(scenario.input(DEFAULT_RULESET, '2026-12-05 12:00', NOVEMBER))
    expect(evaluation.hasCommittee).toBe(true)
    expect(lineOf(evaluation, 'committee_meeting_monthly', '2026-11')).toMatchObject({ status: 'done', countedActivityIds: ['c1'] })
  })

  it('does not count a secretary and deputy alone as a committee', () => {
    const scenario = new Scenario()
    scenario.addMembers(1, { roles: ['secretary'] })
    scenario.addMembers(1, { roles: ['deputy_secretary'] })
    const evaluation = evaluateBranch(scenario.input(DEFAULT_RULESET, '2026-12-05 12:00', NOVEMBER))
    expect(evaluation.hasCommittee).toBe(false)
    expect(lineOf(evaluation, 'committee_meeting_monthly', '2026-11').status).toBe('not_applicable')
  })

  it('produces one line per group; a group meeting counts for its own group only', () => {
    const scenario = branchWithCommitteeAndGroups()
    scenario.hold('gm1', ['group_meeting'], '2026-11-10 19:00', {
      activity: { audience: { kind: 'group', groupId: 'g1' } },
      attendees: ['sec1', 'm3'],
    })
    const evaluation = evaluateBranch(scenario.input(DEFAULT_RULESET, '2026-12-05 12:00', NOVEMBER))
    expect(lineOf(evaluation, 'group_meeting_monthly', '2026-11', 'g1')).toMatchObject({ status: 'done', group: { id: 'g1', name: '第一党小组' } })
    const other = lineOf(evaluation, 'group_meeting_monthly', '2026-11', 'g2')
    expect(other.status).toBe('missed')
    // The first group's meeting is no candidate for the second group: not listed as 未计入 there.
    expect(other.uncounted).toEqual([])
    expect(evaluation.reasons.map((reason) => reason.message)).toContain(
      '2026年11月 第二党小组「党小组会（每个党小组每月至少1次）」未完成（0/1）',
    )
  })

  it('does not let a whole-branch meeting typed as 党小组会 count for a group', () => {
    const scenario = branchWithCommitteeAndGroups()
    scenario.hold('gm1', ['group_meeting'], '2026-11-10 19:00')
    const evaluation = evaluateBranch(scenario.input(DEFAULT_RULESET, '2026-12-05 12:00', NOVEMBER))
    expect(lineOf(evaluation, 'group_meeting_monthly', '2026-11', 'g1').uncounted[0].reasons).toEqual([
      { code: 'wrong_audience', message: '面向全体党员，不是第一党小组' },
    ])
  })
})

describe('why an activity does not count', () => {
  const ruleset = onlyRequirements('theme_day_monthly')
  const asOf = '2026-11-20 12:00'

  it.each<[string, HoldOptions, NotCountedReasonCode[], boolean, string]>([
    ['cancelled', { activity: { status: 'cancelled', closedAt: null } }, ['cancelled'], false, '活动已取消'],
    ['still scheduled', { activity: { status: 'scheduled', closedAt: null } }, ['not_closed'], false, '活动尚未结束（书记未关闭活动）'],
    ['closed after asOf', { activity: { closedAt: bj('2026-11-21 09:00') } }, ['not_closed'], false, '活动尚未结束'],
    ['nobody signed in', { state: 'absent' }, ['no_attendance'], false, '没有党员签到出席'],
    ['only leave', { state: 'leave' }, ['no_attendance'], false, '没有党员签到出席'],
    ['no photo', { photo: null }, ['missing_photo'], true, '缺少照片'],
    ['photo pending review', { photo: 'pending' }, ['missing_photo'], true, '照片尚在审核中'],
    ['photo rejected', { photo: 'reject' }, ['missing_photo'], true, '照片未通过审核'],
    ['minutes pending review', { minutes: 'pending' }, ['missing_minutes'], true, '会议记录尚在审核中'],
    ['no evidence at all', { photo: null, minutes: null }, ['missing_photo', 'missing_minutes'], true, '缺少会议记录'],
    ['evidence uploaded after asOf', { evidenceAt: '2026-11-25 10:00' }, ['missing_photo', 'missing_minutes'], true, '缺少照片'],
    ['for the committee only', { activity: { audience: { kind: 'committee' } } }, ['wrong_audience'], false, '面向支委会，不是全体党员'],
    [
      'wrong audience and no photo',
      { activity: { audience: { kind: 'committee' } }, photo: null },
      ['wrong_audience', 'missing_photo'],
      false,
      '缺少照片',
    ],
  ])('%s', (_, options, codes, awaitingEvidence, message) => {
    const scenario = new Scenario()
    scenario.addMembers(5)
    scenario.hold('t1', ['theme_day'], '2026-11-15 14:30', options)
    const line = lineOf(evaluateBranch(scenario.input(ruleset, asOf, NOVEMBER)), 'theme_day_monthly', '2026-11')
    expect(line.counted).toBe(0)
    expect(line.uncounted).toHaveLength(1)
    expect(line.uncounted[0].reasons.map((reason) => reason.code)).toEqual(codes)
    expect(line.uncounted[0].awaitingEvidence).toBe(awaitingEvidence)
    expect(line.uncounted[0].reasons.map((reason) => reason.message).join('；')).toContain(message)
  })

  it('takes the best review when several photos were uploaded', () => {
    const scenario = new Scenario()
    scenario.addMembers(3)
    scenario.hold('t1', ['theme_day'], '2026-11-15 14:30', { photo: 'reject' })
    scenario.evidence.push({ activityId: 't1', kind: 'photo', review: 'pass', uploadedAt: bj('2026-11-16 10:00') })
    const line = lineOf(evaluateBranch(scenario.input(ruleset, asOf, NOVEMBER)), 'theme_day_monthly', '2026-11')
    expect(line.countedActivityIds).toEqual(['t1'])
  })
})

describe('evidence added after closing', () => {
  const ruleset = onlyRequirements('theme_day_monthly')
  const scenario = new Scenario()
  scenario.addMembers(4)
  scenario.hold('t1', ['theme_day'], '2026-11-15 14:30', { evidenceAt: '2026-11-22 09:00' })

  it.each([
    ['before the upload: 待补痕迹, amber', '2026-11-18 12:00', 0, 'due_soon', 'amber'],
    ['after the upload: counted, green', '2026-11-23 12:00', 1, 'done', 'green'],
  ])('%s', (_, asOf, counted, status, light) => {
    const evaluation = evaluateBranch(scenario.input(ruleset, asOf, NOVEMBER))
    const line = lineOf(evaluation, 'theme_day_monthly', '2026-11')
    expect(line.counted).toBe(counted)
    expect(evaluation.light).toBe(light)
    if (counted === 0) {
      expect(evaluation.awaitingEvidence).toEqual([
        { activityId: 't1', topic: '活动t1', startAt: bj('2026-11-15 14:30'), missing: ['photo', 'minutes'] },
      ])
      expect(evaluation.reasons.map((reason) => reason.message)).toContain('「活动t1」待补痕迹：照片、会议记录')
    } else {
      expect(line.status).toBe(status)
    }
  })
})

describe('an activity with several types', () => {
  it('counts for 主题党日 and for 党课 at once', () => {
    const scenario = new Scenario()
    scenario.addMembers(4)
    scenario.hold('combo', ['theme_day', 'party_lecture'], '2026-11-15 14:30')
    scenario.hold('lecture', ['party_lecture'], '2026-09-20 14:30')
    const evaluation = evaluateBranch(scenario.input(DEFAULT_RULESET, '2026-12-05 12:00', period('2026-Q4')))
    expect(lineOf(evaluation, 'theme_day_monthly', '2026-11').countedActivityIds).toEqual(['combo'])
    expect(lineOf(evaluation, 'party_lecture_semester', '2026-autumn')).toMatchObject({
      status: 'done',
      required: 2,
      counted: 2,
    })
  })

  it('counts a duplicated type once', () => {
    const scenario = new Scenario()
    scenario.addMembers(2)
    scenario.hold('t1', ['theme_day', 'theme_day'], '2026-11-15 14:30')
    const line = lineOf(evaluateBranch(scenario.input(DEFAULT_RULESET, '2026-12-05 12:00', NOVEMBER)), 'theme_day_monthly', '2026-11')
    expect(line.countedActivityIds).toEqual(['t1'])
  })
})

describe('党员大会 quorum: present + late must be more than half of the expected audience', () => {
  const ruleset = onlyRequirements('party_congress_quarterly')
  it.each([
    [10, 5, 0, 'no quorum at exactly half', false],
    [10, 6, 0, 'quorum with one more than half', true],
    [10, 4, 2, 'late members count toward the quorum', true],
    [9, 4, 0, 'no quorum below half of an odd audience', false],
    [9, 5, 0, 'quorum above half of an odd audience', true],
    [1, 1, 0, 'a one-member audience that attended', true],
  ])('%i expected, %i present, %i late: %s', (expected, present, late, _, counts) => {
    const scenario = new Scenario()
    const members = scenario.addMembers(expected)
    scenario.hold('cg', ['party_congress'], '2026-11-20 15:00', { attendees: members.slice(0, present).map((each) => each._id) })
    for (const each of members.slice(present, present + late)) {
      scenario.attendance.push({ activityId: 'cg', memberId: each._id, state: 'late', makeupConfirmedAt: null })
    }
    const line = lineOf(evaluateBranch(scenario.input(ruleset, '2027-01-05 12:00', period('2026-Q4'))), 'party_congress_quarterly', '2026-Q4')
    expect(line.counted).toBe(counts ? 1 : 0)
    expect(line.status).toBe(counts ? 'done' : 'missed')
    if (!counts) {
      expect(line.uncounted[0].reasons).toEqual([
        {
          code: 'no_quorum',
          message: `到会${present + late}人，应到${expected}人，未超过应到人数的50%`,
        },
      ])
    }
  })

  it('ignores people outside the audience and members on leave', () => {
    const scenario = new Scenario()
    const members = scenario.addMembers(4)
    scenario.hold('cg', ['party_congress'], '2026-11-20 15:00', { attendees: [members[0]._id, members[1]._id, 'guest1', 'guest2'] })
    scenario.attendance.push({ activityId: 'cg', memberId: members[2]._id, state: 'leave', makeupConfirmedAt: null })
    const line = lineOf(evaluateBranch(scenario.input(ruleset, '2027-01-05 12:00', period('2026-Q4'))), 'party_congress_quarterly', '2026-Q4')
    expect(line.uncounted[0].reasons.map((reason) => reason.code)).toEqual(['no_quorum'])
  })
})

describe("the secretary's yearly 党课", () => {
  const ruleset = onlyRequirements('secretary_lecture_yearly')
  it.each([
    ['given by the secretary', 'sec1', 'done', []],
    ['given by another member', 'm2', 'missed', [{ code: 'speaker_mismatch', message: '主讲人不是书记' }]],
    ['without a registered speaker', null, 'missed', [{ code: 'speaker_mismatch', message: '未登记主讲人，须由书记讲授' }]],
  ])('%s', (_, speakerMemberId, status, reasons) => {
    const scenario = new Scenario()
    scenario.addMembers(1, { roles: ['secretary'] }, 'sec')
    scenario.addMembers(3)
    scenario.hold('lec', ['party_lecture'], '2026-06-20 15:00', { activity: { speakerMemberId } })
    const line = lineOf(evaluateBranch(scenario.input(ruleset, '2027-01-05 12:00', YEAR_2026)), 'secretary_lecture_yearly', '2026')
    expect(line.status).toBe(status)
    expect(line.uncounted.flatMap((each) => each.reasons)).toEqual(reasons)
  })
})

describe('status of a line', () => {
  const ruleset = onlyRequirements('theme_day_monthly')
  const scenario = new Scenario()
  scenario.addMembers(3)

  it.each([
    ['before the month', '2026-10-20 12:00', 'open', 42],
    ['early in the month', '2026-11-10 12:00', 'open', 21],
    ['8 days left', '2026-11-23 12:00', 'open', 8],
    ['7 days left', '2026-11-24 00:00', 'due_soon', 7],
    ['the last minute', '2026-11-30 23:59', 'due_soon', 1],
    ['the month is over', '2026-12-01 00:00', 'missed', 0],
  ])('%s → %s', (_, asOf, status, daysLeft) => {
    const line = lineOf(evaluateBranch(scenario.input(ruleset, asOf, NOVEMBER)), 'theme_day_monthly', '2026-11')
    expect(line.status).toBe(status)
    expect(line.daysLeft).toBe(daysLeft)
  })

  it('gives the fixed 主题党日 date in Beijing time', () => {
    const line = lineOf(evaluateBranch(scenario.input(ruleset, '2026-11-10 12:00', NOVEMBER)), 'theme_day_monthly', '2026-11')
    expect(line.fixedDate?.toISOString()).toBe('2026-11-14T16:00:00.000Z')
  })

  it('follows an overridden due-soon threshold', () => {
    const relaxed = resolveRuleset({ dueSoonDays: 10, requirements: { party_congress_quarterly: { enabled: false } } })
    const line = lineOf(evaluateBranch(scenario.input(relaxed, '2026-11-22 12:00', NOVEMBER)), 'theme_day_monthly', '2026-11')
    expect(line.status).toBe('due_soon')
  })
})

describe('the branch light', () => {
  const ruleset = onlyRequirements('theme_day_monthly')
  it.each([
    ['green when everything is met', (s: Scenario) => s.hold('t1', ['theme_day'], '2026-11-15 14:30'), '2026-12-02 12:00', 'green', []],
    ['amber when something is due soon', () => undefined, '2026-11-26 12:00', 'amber', ['due_soon']],
    [
      'amber when an activity waits for evidence, even with the line met',
      (s: Scenario) => {
        s.hold('t1', ['theme_day'], '2026-11-15 14:30')
        s.hold('t2', ['theme_day'], '2026-11-20 14:30', { minutes: null })
      },
      '2026-12-02 12:00',
      'amber',
      ['awaiting_evidence'],
    ],
    ['red when a period was missed', () => undefined, '2026-12-02 12:00', 'red', ['missed']],
    [
      'red wins over amber',
      (s: Scenario) => s.hold('t2', ['theme_day'], '2026-11-20 14:30', { photo: null }),
      '2026-12-02 12:00',
      'red',
      ['missed', 'awaiting_evidence'],
    ],
  ])('%s', (_, arrange, asOf, light, codes) => {
    const scenario = new Scenario()
    scenario.addMembers(3)
    arrange(scenario)
    const evaluation = evaluateBranch(scenario.input(ruleset, asOf, NOVEMBER))
    expect(evaluation.light).toBe(light)
    expect(evaluation.reasons.map((reason) => reason.code)).toEqual(codes)
  })
})

describe('joint and foreign activities', () => {
  const ruleset = onlyRequirements('theme_day_monthly')
  it.each<[string, Audience, number]>([
    ['a joint activity hosted by another branch that lists this one counts', { kind: 'branches', branchIds: ['b1', 'b3'] }, 1],
    ['an activity of another branch is ignored', { kind: 'branch' }, 0],
  ])('%s', (_, audience, counted) => {
    const scenario = new Scenario()
    const members = scenario.addMembers(3)
    scenario.hold('joint', ['theme_day'], '2026-11-15 14:30', { activity: { branchId: 'b2', audience }, attendees: [members[0]._id] })
    const line = lineOf(evaluateBranch(scenario.input(ruleset, '2026-12-02 12:00', NOVEMBER)), 'theme_day_monthly', '2026-11')
    expect(line.counted).toBe(counted)
    expect(line.uncounted).toEqual([])
  })
})

describe('谈心谈话 (optional, per member)', () => {
  it('counts members who took part, and lists those still short', () => {
    const ruleset = resolveRuleset({ requirements: { heart_talk_yearly: { enabled: true } } })
    const scenario = new Scenario()
    scenario.addMembers(3)
    scenario.hold('talk', ['heart_talk'], '2026-05-10 10:00', { attendees: ['m1', 'm2'] })
    const line = lineOf(evaluateBranch(scenario.input(ruleset, '2027-01-05 12:00', YEAR_2026)), 'heart_talk_yearly', '2026')
    expect(line).toMatchObject({ required: 3, counted: 2, uncoveredMemberIds: ['m3'], status: 'missed', countedActivityIds: ['talk'] })
  })
})

describe('党员领导干部 attendance', () => {
  it('counts held activities in the window each cadre attended', () => {
    const scenario = new Scenario()
    scenario.addMembers(1, { isLeadingCadre: true }, 'cadre')
    scenario.addMembers(1, { isLeadingCadre: true }, 'absentee')
    scenario.hold('t1', ['theme_day'], '2026-11-15 14:30', { attendees: ['cadre1'], state: 'late' })
    scenario.hold('t2', ['theme_day'], '2026-12-15 14:30', { attendees: ['cadre1'] })
    scenario.hold('t0', ['theme_day'], '2025-12-15 14:30', { attendees: ['absentee2'] })
    const evaluation = evaluateBranch(scenario.input(DEFAULT_RULESET, '2027-01-05 12:00', YEAR_2026))
    expect(evaluation.leadingCadres).toEqual([
      { memberId: 'cadre1', name: '党员cadre1', attendedCount: 2 },
      { memberId: 'absentee2', name: '党员absentee2', attendedCount: 0 },
    ])
  })
})
