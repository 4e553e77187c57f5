import { isCommitteeMember } from '../attendance'
import type { BranchRole } from '../model'
import { SETUP_CHECK_LABELS } from '../ruleset/schema'
import type { Ruleset, SetupCheckId, SetupSeverity } from '../ruleset'
import { addLocalYears, formatLocalDate } from '../time'
import type { BranchMember, BranchOrg } from './inputs'

export { SETUP_CHECK_LABELS }

export const SETUP_SEVERITY_LABELS: Record<SetupSeverity, string> = {
  ok: '符合',
  warning: '提醒',
  violation: '不符合',
}

const SEVERITY_RANK: Record<SetupSeverity, number> = { ok: 0, warning: 1, violation: 2 }
const MS_PER_DAY = 24 * 60 * 60 * 1000

/** The roles that make a 支部委员会 beyond a secretary and deputy: 组织、宣传、纪检委员. */
const COMMITTEE_MEMBER_ROLES: readonly BranchRole[] = ['organization', 'publicity', 'discipline']

/**
 * A branch has a 支部委员会 when an active member holds a 委员 role (组织、宣传
 * or 纪检委员). A secretary, with or without a deputy, is the set-up of a branch
 * without a committee. Whether a committee is *required* is the setup check.
 */
export function branchHasCommittee(members: readonly Pick<BranchMember, 'roles' | 'active'>[]): boolean {
  return members.some((member) => member.active && member.roles.some((role) => COMMITTEE_MEMBER_ROLES.includes(role)))
}

function isWorseSeverity(a: SetupSeverity, b: SetupSeverity): boolean {
  return SEVERITY_RANK[a] > SEVERITY_RANK[b]
}

export function severityAtLeast(severity: SetupSeverity, threshold: SetupSeverity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]
}

export interface SetupCheck {
  id: SetupCheckId
  label: string
  status: SetupSeverity
  statusLabel: string
  message: string
}

export interface BranchSetupReport {
  branchId: string
  memberCount: number
  fullMemberCount: number
  hasCommittee: boolean
  committeeRequired: boolean
  /** When the current 支委会 (or secretary) term ends; null when its start is unknown. */
  termEndsAt: Date | null
  checks: SetupCheck[]
  /** The worst status among the checks. */
  status: SetupSeverity
}

export interface BranchSetupInput {
  branch: BranchOrg
  /** Members of the branch; inactive ones are ignored. */
  members: readonly BranchMember[]
  ruleset: Ruleset
  asOf: Date
}

/** Branch setup rules of seed 000, 1.1–1.3, each with a Chinese message. */
export function checkBranchSetup(input: BranchSetupInput): BranchSetupReport {
  const { branch, ruleset, asOf } = input
  const rules = ruleset.branchSetup
  const members = input.members.filter((member) => member.active)
  const memberCount = members.length
  const fullMemberCount = members.filter((member) => member.partyStatus === 'full').length
  const hasCommittee = branchHasCommittee(members)
  const committeeRequired = fullMemberCount >= rules.committeeRequiredAtFullMembers
  const secretaries = members.filter((member) => member.roles.includes('secretary'))
  const checks: SetupCheck[] = []
  const check = (id: SetupCheckId, status: SetupSeverity, message: string) =>
    checks.push({ id, label: SETUP_CHECK_LABELS[id], status, statusLabel: SETUP_SEVERITY_LABELS[status], message })

  if (fullMemberCount >= rules.minFullMembers) {
    check('full_members', 'ok', `正式党员${fullMemberCount}人`)
  } else if (branch.isCombined) {
    check('full_members', 'ok', `正式党员${fullMemberCount}人，不足${rules.minFullMembers}人，已按联合党支部设置`)
  } else {
    check('full_members', 'violation', `正式党员${fullMemberCount}人，不足${rules.minFullMembers}人，应成立联合党支部`)
  }

  if (memberCount <= rules.maxMembers) {
    check('member_count', 'ok', `党员${memberCount}人`)
  } else {
    check('member_count', 'warning', `党员${memberCount}人，超过一般不超过${rules.maxMembers}人的规定，宜调整支部设置`)
  }

  if (secretaries.length === 1) {
    check('secretary', 'ok', `书记：${secretaries[0].name}`)
  } else if (secretaries.length === 0) {
    check('secretary', 'violation', '未配备支部书记')
  } else {
    check('secretary', 'warning', `登记了${secretaries.length}名支部书记：${secretaries.map((member) => member.name).join('、')}`)
  }

  if (committeeRequired && !hasCommittee) {
    check(
      'committee',
      'violation',
      `正式党员${fullMemberCount}人（${rules.committeeRequiredAtFullMembers}人以上），应设立支部委员会，尚未设立`,
    )
  } else if (committeeRequired) {
    const committee = members.filter(isCommitteeMember)
    check('committee', 'ok', `已设立支部委员会（${committee.length}人）`)
  } else {
    check(
      'committee',
      'ok',
      hasCommittee
        ? '已设立支部委员会'
        : `正式党员不足${rules.committeeRequiredAtFullMembers}人，设书记1名（必要时设副书记1名）`,
    )
  }

  let termEndsAt: Date | null = null
  if (!branch.committeeTermStart) {
    check('term', 'warning', '未登记本届任期开始日期，无法提示换届')
  } else {
    termEndsAt = addLocalYears(branch.committeeTermStart, rules.termYears, ruleset.timeZone)
    const endLabel = formatLocalDate(termEndsAt, ruleset.timeZone)
    const daysLeft = Math.ceil((termEndsAt.getTime() - asOf.getTime()) / MS_PER_DAY)
    if (daysLeft <= 0) {
      check('term', 'violation', `本届任期已于${endLabel}届满，应按期换届`)
    } else if (daysLeft <= rules.termExpiryWarningDays) {
      check('term', 'warning', `本届任期将于${endLabel}届满（还有${daysLeft}天），请做好换届准备`)
    } else {
      check('term', 'ok', `本届任期至${endLabel}`)
    }
  }

  if (branch.category !== 'teacher') {
    check('dual_leader', 'ok', '非教工党支部，不作“双带头人”要求')
  } else if (secretaries.length === 0) {
    check('dual_leader', 'warning', '教工党支部未配备书记，无法落实“双带头人”要求')
  } else {
    const notDual = secretaries.filter((member) => !member.isDualLeader)
    check(
      'dual_leader',
      notDual.length === 0 ? 'ok' : 'warning',
      notDual.length === 0
        ? `书记${secretaries.map((member) => member.name).join('、')}为“双带头人”`
        : `教工党支部书记${notDual.map((member) => member.name).join('、')}不是“双带头人”`,
    )
  }

  const status = checks.reduce<SetupSeverity>((worst, item) => (isWorseSeverity(item.status, worst) ? item.status : worst), 'ok')
  return { branchId: branch._id, memberCount, fullMemberCount, hasCommittee, committeeRequired, termEndsAt, checks, status }
}
