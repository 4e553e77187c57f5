import { checkBranchSetup } from '../../../src/domain/compliance'
import type { BranchMember, BranchOrg } from '../../../src/domain/compliance'
import type { SetupCheckId, SetupSeverity } from '../../../src/domain/ruleset'
import { DEFAULT_RULESET, resolveRuleset } from '../../../src/domain/ruleset'
import { bj, member } from './fixtures'

const BRANCH: BranchOrg = {
  _id: 'b1',
  name: '计算机系教工第一党支部',
  category: 'teacher',
  isCombined: false,
  committeeTermStart: bj('2025-03-01 09:00'),
}
const AS_OF = bj('2026-11-20 12:00')

function members(full: number, probationary = 0, roles: Partial<Record<number, BranchMember['roles']>> = { 0: ['secretary'] }) {
  return Array.from({ length: full + probationary }, (_, index) =>
    member(`m${index}`, { partyStatus: index < full ? 'full' : 'probationary', roles: roles[index] ?? [], isDualLeader: index === 0 }),
  )
}

function checkOf(id: SetupCheckId, branch: BranchOrg, list: readonly BranchMember[], asOf = AS_OF) {
  const report = checkBranchSetup({ branch, members: list, ruleset: DEFAULT_RULESET, asOf })
  const check = report.checks.find((each) => each.id === id)
  if (!check) throw new Error(`no check ${id}`)
  return check
}

describe('正式党员 and size', () => {
  it.each<[string, number, number, boolean, SetupSeverity, string]>([
    ['3 正式党员', 3, 0, false, 'ok', '正式党员3人'],
    ['2 正式党员 and 5 预备党员', 2, 5, false, 'violation', '正式党员2人，不足3人，应成立联合党支部'],
    ['2 正式党员 in a 联合党支部', 2, 0, true, 'ok', '已按联合党支部设置'],
    ['no members at all', 0, 0, false, 'violation', '正式党员0人'],
  ])('%s → %s', (_, full, probationary, isCombined, status, message) => {
    const check = checkOf('full_members', { ...BRANCH, isCombined }, members(full, probationary))
    expect(check.status).toBe(status)
    expect(check.message).toContain(message)
  })

  it.each<[number, SetupSeverity]>([
    [50, 'ok'],
    [51, 'warning'],
  ])('%i members → %s', (count, status) => {
    expect(checkOf('member_count', BRANCH, members(count)).status).toBe(status)
  })

  it('ignores inactive members', () => {
    const list = [...members(3), member('gone', { active: false, partyStatus: 'full' })]
    expect(checkBranchSetup({ branch: BRANCH, members: list, ruleset: DEFAULT_RULESET, asOf: AS_OF })).toMatchObject({
      memberCount: 3,
      fullMemberCount: 3,
    })
  })
})

describe('secretary and committee', () => {
  it.each<[string, Partial<Record<number, BranchMember['roles']>>, SetupSeverity, string]>([
    ['one secretary', { 0: ['secretary'] }, 'ok', '书记：党员m0'],
    ['no secretary', {}, 'violation', '未配备支部书记'],
    ['two secretaries', { 0: ['secretary'], 1: ['secretary'] }, 'warning', '登记了2名支部书记'],
  ])('%s → %s', (_, roles, status, message) => {
    const check = checkOf('secretary', BRANCH, members(5, 0, roles))
    expect(check.status).toBe(status)
    expect(check.message).toContain(message)
  })

  it.each<[string, number, Partial<Record<number, BranchMember['roles']>>, SetupSeverity, string]>([
    ['7 正式党员 without 委员', 7, { 0: ['secretary'], 1: ['deputy_secretary'] }, 'violation', '应设立支部委员会，尚未设立'],
    ['7 正式党员 with a committee', 7, { 0: ['secretary'], 1: ['organization'], 2: ['publicity'] }, 'ok', '已设立支部委员会（3人）'],
    ['6 正式党员 with a secretary only', 6, { 0: ['secretary'] }, 'ok', '设书记1名'],
    ['6 正式党员 with a committee anyway', 6, { 0: ['secretary'], 1: ['organization'] }, 'ok', '已设立支部委员会'],
  ])('%s → %s', (_, full, roles, status, message) => {
    const report = checkBranchSetup({ branch: BRANCH, members: members(full, 3, roles), ruleset: DEFAULT_RULESET, asOf: AS_OF })
    const check = report.checks.find((each) => each.id === 'committee')
    expect(check?.status).toBe(status)
    expect(check?.message).toContain(message)
    expect(report.committeeRequired).toBe(full >= 7)
  })

  it('follows an overridden committee threshold', () => {
    const ruleset = resolveRuleset({ branchSetup: { committeeRequiredAtFullMembers: 5 } })
    const report = checkBranchSetup({ branch: BRANCH, members: members(5), ruleset, asOf: AS_OF })
    expect(report.checks.find((each) => each.id === 'committee')?.status).toBe('violation')
  })
})

describe('committee term (3 years, warn 90 days before)', () => {
  it.each<[string, string | null, string, SetupSeverity, string]>([
    ['long before the end', '2025-03-01 09:00', '2026-11-20 12:00', 'ok', '本届任期至2028年3月1日'],
    ['within the warning period', '2024-01-10 09:00', '2026-11-20 12:00', 'warning', '将于2027年1月10日届满（还有51天）'],
    ['on the last day', '2023-11-21 09:00', '2026-11-20 12:00', 'warning', '还有1天'],
    ['at the end', '2023-11-20 09:00', '2026-11-20 00:00', 'violation', '已于2026年11月20日届满'],
    ['long expired', '2020-09-01 09:00', '2026-11-20 12:00', 'violation', '应按期换届'],
    ['started on 29 February', '2024-02-29 09:00', '2027-02-27 12:00', 'warning', '将于2027年2月28日届满'],
    ['unknown start', null, '2026-11-20 12:00', 'warning', '未登记本届任期开始日期'],
  ])('%s → %s', (_, start, asOf, status, message) => {
    const check = checkOf('term', { ...BRANCH, committeeTermStart: start ? bj(start) : null }, members(5), bj(asOf))
    expect(check.status).toBe(status)
    expect(check.message).toContain(message)
  })
})

describe('双带头人', () => {
  it.each<[string, BranchOrg['category'], boolean, boolean, SetupSeverity]>([
    ['teacher branch, dual-leader secretary', 'teacher', true, true, 'ok'],
    ['teacher branch, secretary not a dual leader', 'teacher', true, false, 'warning'],
    ['teacher branch without a secretary', 'teacher', false, false, 'warning'],
    ['student branch', 'student', true, false, 'ok'],
  ])('%s → %s', (_, category, hasSecretary, isDualLeader, status) => {
    const list = [member('s', { roles: hasSecretary ? ['secretary'] : [], isDualLeader }), ...members(4, 0, {})]
    expect(checkOf('dual_leader', { ...BRANCH, category }, list).status).toBe(status)
  })
})

it('reports the worst status and a Chinese label for every check', () => {
  const report = checkBranchSetup({ branch: BRANCH, members: members(2), ruleset: DEFAULT_RULESET, asOf: AS_OF })
  expect(report.status).toBe('violation')
  expect(report.checks.map((check) => [check.id, check.label])).toEqual([
    ['full_members', '正式党员人数'],
    ['member_count', '党员总数'],
    ['secretary', '书记配备'],
    ['committee', '支部委员会'],
    ['term', '按期换届'],
    ['dual_leader', '双带头人'],
  ])
  expect(report.termEndsAt?.toISOString()).toBe('2028-02-29T16:00:00.000Z')
})
