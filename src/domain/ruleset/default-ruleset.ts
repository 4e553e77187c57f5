import { DEFAULT_CALENDAR } from './default-calendar'
import type { Ruleset } from './schema'

/**
 * The default ruleset, exactly as /work/shared/design/DOMAIN.md states it (seed
 * 000 for the 达标 sheet, seed 002 for study hours). Every number the engine
 * uses lives here; organizations override parts of it with `resolveRuleset`.
 *
 * Where DOMAIN.md gives no number, seed 000 or a choice fills in:
 * - `branchSetup.termExpiryWarningDays` (90): how early to warn before 换届 (a choice);
 * - deductions of items 1.1–1.3 and 4.2 follow seed 000; where it gives a range
 *   ("扣1-2分") the upper bound is taken, except a missing secretary, which costs 1.
 */
export const DEFAULT_RULESET: Ruleset = {
  ...DEFAULT_CALENDAR,
  dueSoonDays: 7,
  activityTypes: {
    party_congress: { label: '支部党员大会', quorumShare: 0.5, requiredEvidence: ['photo', 'minutes'] },
    committee_meeting: { label: '支部委员会', quorumShare: null, requiredEvidence: ['photo', 'minutes'] },
    group_meeting: { label: '党小组会', quorumShare: null, requiredEvidence: ['photo', 'minutes'] },
    party_lecture: { label: '党课', quorumShare: null, requiredEvidence: ['photo', 'minutes'] },
    theme_day: { label: '主题党日', quorumShare: null, requiredEvidence: ['photo', 'minutes'] },
    org_life_meeting: { label: '组织生活会', quorumShare: null, requiredEvidence: ['photo', 'minutes'] },
    democratic_review: { label: '民主评议党员', quorumShare: null, requiredEvidence: ['photo', 'minutes'] },
    heart_talk: { label: '谈心谈话', quorumShare: null, requiredEvidence: ['photo', 'minutes'] },
  },
  requirements: {
    party_congress_quarterly: {
      activityTypeId: 'party_congress',
      period: 'quarter',
      minCount: 1,
      audience: 'branch',
      applicability: 'always',
      speakers: null,
      fixedDayOfMonth: null,
      enabled: true,
    },
    committee_meeting_monthly: {
      activityTypeId: 'committee_meeting',
      period: 'month',
      minCount: 1,
      audience: 'committee',
      applicability: 'has_committee',
      speakers: null,
      fixedDayOfMonth: null,
      enabled: true,
    },
    group_meeting_monthly: {
      activityTypeId: 'group_meeting',
      period: 'month',
      minCount: 1,
      audience: 'group',
      applicability: 'has_groups',
      speakers: null,
      fixedDayOfMonth: null,
      enabled: true,
    },
    party_lecture_semester: {
      activityTypeId: 'party_lecture',
      period: 'semester',
      minCount: 2,
      audience: 'branch',
      applicability: 'always',
      speakers: null,
      fixedDayOfMonth: null,
      enabled: true,
    },
    secretary_lecture_yearly: {
      activityTypeId: 'party_lecture',
      period: 'year',
      minCount: 1,
      audience: 'branch',
      applicability: 'always',
      speakers: { roles: ['secretary'], leadingCadres: false, each: false },
      fixedDayOfMonth: null,
      enabled: true,
    },
    theme_day_monthly: {
      activityTypeId: 'theme_day',
      period: 'month',
      minCount: 1,
      audience: 'branch',
      applicability: 'always',
      speakers: null,
      fixedDayOfMonth: 15,
      enabled: true,
    },
    org_life_meeting_yearly: {
      activityTypeId: 'org_life_meeting',
      period: 'year',
      minCount: 1,
      audience: 'branch',
      applicability: 'always',
      speakers: null,
      fixedDayOfMonth: null,
      enabled: true,
    },
    democratic_review_yearly: {
      activityTypeId: 'democratic_review',
      period: 'year',
      minCount: 1,
      audience: 'branch',
      applicability: 'always',
      speakers: null,
      fixedDayOfMonth: null,
      enabled: true,
    },
    /** Optional rule (DOMAIN.md): off by default. */
    heart_talk_yearly: {
      activityTypeId: 'heart_talk',
      period: 'year',
      minCount: 1,
      audience: 'pairs',
      applicability: 'always',
      speakers: null,
      fixedDayOfMonth: null,
      enabled: false,
    },
  },
  attendance: {
    lateGraceMinutes: 10,
  },
  checkin: {
    opensBeforeStartMinutes: 30,
    closesAfterEndMinutes: 30,
  },
  scheduling: {
    earliestStartMinutesAgo: 60,
    latestStartDaysAhead: 366,
  },
  studyHours: {
    creditPerHour: 1,
    roundDownTo: 0.5,
    maxCreditPerDay: 8,
    yearlyTargets: { member: 32, leader: 56 },
    leaderRoles: ['secretary', 'deputy_secretary', 'organization', 'publicity', 'discipline'],
    makeupEarnsHours: false,
  },
  branchSetup: {
    minFullMembers: 3,
    maxMembers: 50,
    committeeRequiredAtFullMembers: 7,
    termYears: 3,
    termExpiryWarningDays: 90,
  },
  scoring: {
    indicators: {
      '1': { label: '组织设置', maxScore: 10 },
      '2': { label: '推进中心工作', maxScore: 15 },
      '3': { label: '党员教育管理', maxScore: 25 },
      '4': { label: '组织生活', maxScore: 15 },
      '5': { label: '支持保障', maxScore: 15 },
      '6': { label: '特色亮点', maxScore: 20 },
    },
    items: {
      '1.1': {
        indicatorId: '1',
        label: '党支部设置',
        maxScore: 5,
        method: {
          kind: 'setup_checks',
          deductions: {
            full_members: { points: 2, from: 'violation' },
            member_count: { points: 1, from: 'warning' },
          },
        },
      },
      '1.2': {
        indicatorId: '1',
        label: '支委会配置',
        maxScore: 3,
        method: {
          kind: 'setup_checks',
          deductions: {
            committee: { points: 2, from: 'violation' },
            secretary: { points: 1, from: 'violation' },
            term: { points: 2, from: 'violation' },
          },
        },
      },
      '1.3': {
        indicatorId: '1',
        label: '党支部书记选用',
        maxScore: 2,
        method: { kind: 'setup_checks', deductions: { dual_leader: { points: 2, from: 'warning' } } },
      },
      '2.1': { indicatorId: '2', label: '发挥党支部战斗堡垒作用', maxScore: 5, method: { kind: 'manual' } },
      '2.2': { indicatorId: '2', label: '发挥党员先锋模范作用', maxScore: 4, method: { kind: 'manual' } },
      '2.3': { indicatorId: '2', label: '服务发展', maxScore: 4, method: { kind: 'manual' } },
      '2.4': { indicatorId: '2', label: '党建带群建', maxScore: 2, method: { kind: 'manual' } },
      '3.1': { indicatorId: '3', label: '发展党员', maxScore: 10, method: { kind: 'manual' } },
      '3.2': { indicatorId: '3', label: '党员教育', maxScore: 10, method: { kind: 'study_hours_share' } },
      '3.3': { indicatorId: '3', label: '党员管理', maxScore: 3, method: { kind: 'manual' } },
      '3.4': { indicatorId: '3', label: '党内激励关怀', maxScore: 2, method: { kind: 'manual' } },
      '4.1': {
        indicatorId: '4',
        label: '“三会一课”',
        maxScore: 3,
        method: {
          kind: 'requirement_shortfall',
          requirementIds: [
            'party_congress_quarterly',
            'committee_meeting_monthly',
            'group_meeting_monthly',
            'party_lecture_semester',
          ],
          pointsPerMissing: 0.5,
        },
      },
      '4.2': {
        indicatorId: '4',
        label: '组织生活会',
        maxScore: 2,
        method: { kind: 'requirement_shortfall', requirementIds: ['org_life_meeting_yearly'], pointsPerMissing: 2 },
      },
      '4.3': {
        indicatorId: '4',
        label: '民主评议党员',
        maxScore: 2,
        method: { kind: 'requirement_shortfall', requirementIds: ['democratic_review_yearly'], pointsPerMissing: 2 },
      },
      '4.4': {
        indicatorId: '4',
        label: '主题党日活动',
        maxScore: 5,
        method: { kind: 'requirement_shortfall', requirementIds: ['theme_day_monthly'], pointsPerMissing: 0.5 },
      },
      '4.5': {
        indicatorId: '4',
        label: '党员领导干部双重组织生活',
        maxScore: 3,
        method: {
          kind: 'dual_org_life',
          pointsPerAbsentLeadingCadre: 1,
          pointsWithoutSecretaryLecture: 1,
          secretaryLectureRequirementId: 'secretary_lecture_yearly',
        },
      },
      '5.1': { indicatorId: '5', label: '工作责任机制', maxScore: 5, method: { kind: 'manual' } },
      '5.4': { indicatorId: '5', label: '工作保障机制', maxScore: 6, method: { kind: 'manual' } },
      '5.5': { indicatorId: '5', label: '监督检查机制', maxScore: 4, method: { kind: 'manual' } },
      '6.1': { indicatorId: '6', label: '党建特色', maxScore: 20, method: { kind: 'manual' } },
    },
    gradeThresholds: { excellent: 90, qualified: 80, basic: 60 },
  },
}
