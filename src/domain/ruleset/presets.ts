import { DEFAULT_RULESET } from './default-ruleset'
import { resolveRuleset } from './resolve'
import type { Ruleset } from './schema'

/**
 * Rulesets a party committee can start from: the default, and the numbers of two published
 * school documents where they differ from it, each rule named with the document it comes from
 * (/work/shared/seeds/001_* and 002_*, Chinese originals).
 */
export interface RulesetPreset {
  id: string
  label: string
  /** The document, as a person would cite it. */
  source: string
  /** Each rule that differs from the default, and where in the document it is written. */
  rules: { rule: string; from: string }[]
  ruleset: Ruleset
}

const SEED_000 = '《党支部建设“两化一创”强基引领三年行动计划》及所附《党支部标准化规范化建设达标标准》'
const SEED_001 = '《中共娄底职业技术学院委员会关于在创先争优活动中深入开展基层组织建设年活动的实施方案》（娄职院委函〔2012〕3号）'
const SEED_002 = '《中共嘉应学院委员会加强党的基层组织建设三年行动计划（2021-2023年）实施方案》（嘉院党〔2021〕54号）'

const NOT_SPOKEN = { speakers: null, fixedDayOfMonth: null, enabled: true } as const

/** Sheet item 4.5 (双重组织生活) with the 党课 requirement of the preset that replaces the secretary's yearly one. */
const dualOrgLifeJudgedBy = (secretaryLectureRequirementId: string) => ({
  items: {
    '4.5': {
      method: { kind: 'dual_org_life' as const, pointsPerAbsentLeadingCadre: 1, pointsWithoutSecretaryLecture: 1, secretaryLectureRequirementId },
    },
  },
})

/** Seed 001: every committee member gives a 党课 a year; the committee studies together 10 times, the branch 8 times. */
const SEED_001_RULESET = resolveRuleset({
  activityTypes: {
    committee_study: { label: '支部班子集体学习', quorumShare: null, requiredEvidence: ['photo', 'minutes'] },
    branch_study: { label: '支部集中学习', quorumShare: null, requiredEvidence: ['photo', 'minutes'] },
  },
  requirements: {
    secretary_lecture_yearly: { enabled: false },
    committee_lecture_yearly: {
      activityTypeId: 'party_lecture',
      period: 'year',
      minCount: 1,
      audience: 'branch',
      applicability: 'always',
      speakers: { roles: ['secretary', 'deputy_secretary', 'organization', 'publicity', 'discipline'], leadingCadres: false, each: true },
      fixedDayOfMonth: null,
      enabled: true,
    },
    committee_study_yearly: { activityTypeId: 'committee_study', period: 'year', minCount: 10, audience: 'committee', applicability: 'has_committee', ...NOT_SPOKEN },
    branch_study_yearly: { activityTypeId: 'branch_study', period: 'year', minCount: 8, audience: 'branch', applicability: 'always', ...NOT_SPOKEN },
  },
  // 党员平均每季度不少于20学时，领导班子成员不少于32学时: four quarters a year.
  studyHours: { yearlyTargets: { member: 80, leader: 128 } },
  scoring: dualOrgLifeJudgedBy('committee_lecture_yearly'),
})

/** Seed 002: the secretary gives a 党课 every semester; 党员领导干部 each give one a year in their branch; 谈心谈话 is required. */
const SEED_002_RULESET = resolveRuleset({
  requirements: {
    secretary_lecture_yearly: { enabled: false },
    secretary_lecture_semester: {
      activityTypeId: 'party_lecture',
      period: 'semester',
      minCount: 1,
      audience: 'branch',
      applicability: 'always',
      speakers: { roles: ['secretary'], leadingCadres: false, each: false },
      fixedDayOfMonth: null,
      enabled: true,
    },
    leading_cadre_lecture_yearly: {
      activityTypeId: 'party_lecture',
      period: 'year',
      minCount: 1,
      audience: 'branch',
      applicability: 'always',
      speakers: { roles: [], leadingCadres: true, each: true },
      fixedDayOfMonth: null,
      enabled: true,
    },
    heart_talk_yearly: { enabled: true },
  },
  scoring: dualOrgLifeJudgedBy('secretary_lecture_semester'),
})

export const RULESET_PRESETS: readonly RulesetPreset[] = [
  {
    id: 'default',
    label: '系统默认',
    source: `${SEED_000}（组织生活频次与达标测评表）；${SEED_002}（学时目标）`,
    rules: [
      { rule: '支部党员大会每季度、支委会和党小组会每月、党课每学期不少于2次、组织生活会和民主评议党员每年', from: '达标标准 4.1–4.3' },
      { rule: '100 分达标测评表及扣分办法', from: '达标标准 一级指标 1–6' },
      { rule: '党员每年学时不少于32学时，书记和班子成员不少于56学时', from: `${SEED_002} 二（二）6` },
    ],
    ruleset: DEFAULT_RULESET,
  },
  {
    id: 'seed-001',
    label: '娄底职业技术学院（2012）',
    source: SEED_001,
    rules: [
      { rule: '本年内支部委员每人上一次党课（取代“书记每年讲党课”）', from: '三（二）3' },
      { rule: '支部领导班子开展集体学习活动每年不少于10次（新增活动类型“支部班子集体学习”）', from: '三（二）3' },
      { rule: '支部集中学习活动每年不少于8次（新增活动类型“支部集中学习”）', from: '三（二）3' },
      { rule: '党员平均每季度不少于20学时、领导班子成员不少于32学时（按每年80、128学时计）', from: '三（二）3' },
      { rule: '每月召开一次支委会、每月15日为党员学习日（与默认相同）', from: '三（二）2–3' },
    ],
    ruleset: SEED_001_RULESET,
  },
  {
    id: 'seed-002',
    label: '嘉应学院（2021）',
    source: SEED_002,
    rules: [
      { rule: '党组织书记带头讲党课，每学期不少于1次（原文指校、院两级党组织书记，在支部按支部书记执行；取代“书记每年讲党课”）', from: '二（二）4' },
      { rule: '党员领导干部每年到所在支部讲党课不少于1次（每人）', from: '二（二）4' },
      { rule: '落实谈心谈话制度（启用“每名党员每年至少1次谈心谈话”）', from: '二（二）4' },
      { rule: '党员每年学时不少于32学时，书记和班子成员不少于56学时（与默认相同）', from: '二（二）6' },
    ],
    ruleset: SEED_002_RULESET,
  },
]
