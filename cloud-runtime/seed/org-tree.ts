import type { MemberCategory, Org } from '../../src/domain/model'
import { atBeijingTime, shiftDays } from './beijing-time'
import type { DemoClock } from './clock'

const UNIVERSITY_ORG_ID = 'org-university'
const UNIVERSITY_NAME = '东海理工大学党委'

const CS_GENERAL_BRANCH_ID = 'org-cs'
const FL_GENERAL_BRANCH_ID = 'org-fl'

const GENERAL_BRANCHES = [
  { id: CS_GENERAL_BRANCH_ID, name: '计算机学院党总支' },
  { id: FL_GENERAL_BRANCH_ID, name: '外国语学院党总支' },
] as const

export type StudentProgram = 'bachelor' | 'master'

export type Enrollment =
  | { kind: 'staff'; hiredYearsAgo: readonly [number, number] }
  | { kind: 'student'; collegeCode: string; programs: readonly StudentProgram[] }

/** ≥ 7 正式党员 need a 支部委员会 with a three-year term; smaller branches have a secretary (and maybe a deputy). */
export type Leadership = { kind: 'committee'; termAgeDays: number } | { kind: 'secretary'; withDeputy: boolean }

/** Someone the demo refers to by name: secretaries, administrators, leading cadres. */
export interface NamedPerson {
  name: string
  /** 工号 of staff; students get an allocated 学号. */
  number?: string
  isLeadingCadre?: boolean
  adminOrgIds?: string[]
}

/** What makes this branch green, amber or red on the dashboards. */
export interface BranchStory {
  secretaryGivesLecture?: boolean
  themeDayLectureInFirstMonth?: boolean
  cancelsLastMonthThemeDay?: boolean
  lacksRecentEvidence?: boolean
}

export interface BranchSpec {
  /** Readable stem of every id belonging to the branch. */
  key: string
  name: string
  generalBranchId: string
  category: MemberCategory
  isCombined: boolean
  enrollment: Enrollment
  fullMembers: number
  probationaryMembers: number
  leadership: Leadership
  groupNames: readonly string[]
  secretary: NamedPerson
  secretaryIsDualLeader: boolean
  otherNamedMembers: readonly NamedPerson[]
  places: readonly string[]
  story: BranchStory
}

const CS_PLACES = ['计算机楼 305 会议室', '计算机楼 A201 党员活动室', '计算机楼 一楼报告厅']
const FL_PLACES = ['外语楼 210 会议室', '外语楼 党员之家', '外语楼 国际报告厅']
const TEACHERS_HIRED_YEARS_AGO = [2, 28] as const

export const BRANCH_SPECS: readonly BranchSpec[] = [
  {
    key: 'cs-teacher',
    name: '计算机学院教工党支部',
    generalBranchId: CS_GENERAL_BRANCH_ID,
    category: 'teacher',
    isCombined: false,
    enrollment: { kind: 'staff', hiredYearsAgo: TEACHERS_HIRED_YEARS_AGO },
    fullMembers: 24,
    probationaryMembers: 2,
    leadership: { kind: 'committee', termAgeDays: 480 },
    groupNames: ['软件工程教研室党小组', '人工智能教研室党小组', '网络工程教研室党小组'],
    secretary: { name: '张建国', number: 'T2005012' },
    secretaryIsDualLeader: true,
    otherNamedMembers: [
      { name: '周文静', number: 'T2008016', adminOrgIds: [UNIVERSITY_ORG_ID] },
      { name: '陈立华', number: 'T2006023', isLeadingCadre: true, adminOrgIds: [CS_GENERAL_BRANCH_ID] },
      { name: '彭振宇', number: 'T2003007', isLeadingCadre: true },
      { name: '罗晓燕', number: 'T2010044', isLeadingCadre: true },
    ],
    places: CS_PLACES,
    story: { secretaryGivesLecture: true },
  },
  {
    key: 'cs-grad-1',
    name: '计算机学院研究生第一党支部',
    generalBranchId: CS_GENERAL_BRANCH_ID,
    category: 'student',
    isCombined: false,
    enrollment: { kind: 'student', collegeCode: '08', programs: ['master'] },
    fullMembers: 24,
    probationaryMembers: 6,
    leadership: { kind: 'committee', termAgeDays: 300 },
    groupNames: ['硕士生第一党小组', '硕士生第二党小组'],
    secretary: { name: '刘思远' },
    secretaryIsDualLeader: false,
    otherNamedMembers: [],
    places: [CS_PLACES[1], CS_PLACES[0], CS_PLACES[2]],
    story: { themeDayLectureInFirstMonth: true },
  },
  {
    key: 'cs-undergrad',
    name: '计算机学院本科生党支部',
    generalBranchId: CS_GENERAL_BRANCH_ID,
    category: 'student',
    isCombined: false,
    enrollment: { kind: 'student', collegeCode: '08', programs: ['bachelor'] },
    fullMembers: 6,
    probationaryMembers: 15,
    leadership: { kind: 'secretary', withDeputy: true },
    groupNames: [],
    secretary: { name: '王梓涵' },
    secretaryIsDualLeader: false,
    otherNamedMembers: [],
    places: [CS_PLACES[1], CS_PLACES[2]],
    story: { cancelsLastMonthThemeDay: true },
  },
  {
    key: 'fl-teacher',
    name: '外国语学院教工党支部',
    generalBranchId: FL_GENERAL_BRANCH_ID,
    category: 'teacher',
    isCombined: false,
    enrollment: { kind: 'staff', hiredYearsAgo: TEACHERS_HIRED_YEARS_AGO },
    fullMembers: 17,
    probationaryMembers: 1,
    leadership: { kind: 'committee', termAgeDays: 620 },
    groupNames: [],
    secretary: { name: '黄志刚', number: 'T2007045' },
    secretaryIsDualLeader: false,
    otherNamedMembers: [
      { name: '林雅琴', number: 'T2009031', isLeadingCadre: true, adminOrgIds: [FL_GENERAL_BRANCH_ID] },
      { name: '沈慧敏', number: 'T2002019', isLeadingCadre: true },
    ],
    places: FL_PLACES,
    story: { secretaryGivesLecture: true, lacksRecentEvidence: true },
  },
  {
    key: 'fl-student',
    name: '外国语学院学生党支部',
    generalBranchId: FL_GENERAL_BRANCH_ID,
    category: 'student',
    isCombined: false,
    enrollment: { kind: 'student', collegeCode: '11', programs: ['bachelor', 'bachelor', 'master'] },
    fullMembers: 12,
    probationaryMembers: 10,
    // Elected 45 days short of three years ago: the 换届 is due within two months.
    leadership: { kind: 'committee', termAgeDays: 3 * 365 - 45 },
    groupNames: ['英语系党小组', '日语系党小组'],
    secretary: { name: '吴佳怡' },
    secretaryIsDualLeader: false,
    otherNamedMembers: [],
    places: [FL_PLACES[1], FL_PLACES[0], FL_PLACES[2]],
    story: { secretaryGivesLecture: true },
  },
  {
    key: 'fl-retired',
    name: '外国语学院离退休联合党支部',
    generalBranchId: FL_GENERAL_BRANCH_ID,
    category: 'retired',
    isCombined: true,
    enrollment: { kind: 'staff', hiredYearsAgo: [36, 46] },
    fullMembers: 2,
    probationaryMembers: 1,
    leadership: { kind: 'secretary', withDeputy: false },
    groupNames: [],
    secretary: { name: '郑国华', number: 'T1986005' },
    secretaryIsDualLeader: false,
    otherNamedMembers: [],
    places: ['离退休工作处 二楼活动室', '老年活动中心 多功能厅'],
    story: {},
  },
]

export const branchOrgId = (spec: BranchSpec): string => `org-${spec.key}`
export const groupOrgIds = (spec: BranchSpec): string[] => spec.groupNames.map((_, index) => `grp-${spec.key}-${index + 1}`)

export function buildOrgTree(clock: DemoClock): Org[] {
  const university: Org = {
    _id: UNIVERSITY_ORG_ID,
    kind: 'party_committee',
    name: UNIVERSITY_NAME,
    parentId: null,
    ancestorIds: [],
    sortOrder: 0,
  }
  const generalBranches = GENERAL_BRANCHES.map(
    ({ id, name }, index): Org => ({
      _id: id,
      kind: 'general_branch',
      name,
      parentId: UNIVERSITY_ORG_ID,
      ancestorIds: [UNIVERSITY_ORG_ID],
      sortOrder: index,
    }),
  )
  const branchesAndGroups = GENERAL_BRANCHES.flatMap(({ id: generalBranchId }) =>
    BRANCH_SPECS.filter((spec) => spec.generalBranchId === generalBranchId).flatMap((spec, index) =>
      buildBranchOrgs(spec, index, clock),
    ),
  )
  return [university, ...generalBranches, ...branchesAndGroups]
}

function buildBranchOrgs(spec: BranchSpec, sortOrder: number, clock: DemoClock): Org[] {
  const branchId = branchOrgId(spec)
  const { leadership } = spec
  const branch: Org = {
    _id: branchId,
    kind: 'branch',
    name: spec.name,
    parentId: spec.generalBranchId,
    ancestorIds: [UNIVERSITY_ORG_ID, spec.generalBranchId],
    category: spec.category,
    isCombined: spec.isCombined,
    committeeTermStart:
      leadership.kind === 'committee' ? atBeijingTime(shiftDays(clock.today, -leadership.termAgeDays)) : null,
    sortOrder,
  }
  const groups = groupOrgIds(spec).map(
    (groupId, index): Org => ({
      _id: groupId,
      kind: 'group',
      name: spec.groupNames[index],
      parentId: branchId,
      ancestorIds: [UNIVERSITY_ORG_ID, spec.generalBranchId, branchId],
      sortOrder: index,
    }),
  )
  return [branch, ...groups]
}
