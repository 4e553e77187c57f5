import {
  BRANCH_ROLE_LABELS,
  COMMITTEE_ROLES,
  MEMBER_CATEGORY_LABELS,
  PARTY_STATUS_LABELS,
  type BranchRole,
  type Member,
  type MemberCategory,
  type PartyStatus,
} from './model'
import { formatBytes } from './evidence'
import { instantOfWallClock, wallClockOf } from './time'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * 花名册导入: pure parsing and checking of rows of strings (the function reads the
 * .xlsx/.csv with exceljs and hands the cells over as text). Row numbers are the
 * spreadsheet's: the header is row 1, the first member row 2.
 */

/**
 * What one roster file may hold, like DEFAULT_EVIDENCE_LIMITS: the function checks the size
 * before reading, unpacks an .xlsx within a byte budget and stops reading at the first row or
 * cell beyond the caps; the preview lists at most `maxListedProblems` errors and warnings.
 */
export interface RosterImportLimits {
  /** Bytes of the uploaded .xlsx or .csv. */
  maxFileBytes: number
  /** Member rows below the header: no row with content may lie below row maxRows + 1. */
  maxRows: number
  /** Rows the file may hold at all, blank ones included (formatted empty rows below a table are common, millions of them a bomb). */
  maxSheetRows: number
  /** No cell with content right of this column. */
  maxColumns: number
  /** Bytes the parts of an .xlsx that are read (workbook, sheets, shared strings, styles) may unpack to: zip bombs. */
  maxUnpackedBytes: number
  /** Row errors, and warnings, a preview lists; it also gives how many there are in all. */
  maxListedProblems: number
}

export const DEFAULT_ROSTER_IMPORT_LIMITS: RosterImportLimits = {
  // A 1,000-member .xlsx written by Excel or exceljs is about 40 KB, a .csv about 55 KB.
  maxFileBytes: 1024 * 1024,
  // 20 times the 50 members a branch should have (ruleset branchSetup.maxMembers): an
  // oversized branch still imports in one file; a whole college does not belong in one.
  maxRows: 1000,
  // Reading a blank row costs the .xlsx reader about 5 µs: 5,000 take 25 ms, the 2.8 million
  // a 1 MB file can unpack to take 9 s.
  maxSheetRows: 5000,
  // The template has 8 columns; exports of other systems add a few dozen (性别、民族、学历…).
  maxColumns: 50,
  // 1,000 rows × 50 columns of distinct text unpack to 3.4 MB; 1 MB of deflate can unpack to
  // 1 GB. 8 MB of empty cells, the worst that fits, take the reader under a second.
  maxUnpackedBytes: 8 * 1024 * 1024,
  maxListedProblems: 50,
}

/** The refusals of a file beyond the limits, one sentence each. */
export const rosterLimitMessages = (limits: RosterImportLimits = DEFAULT_ROSTER_IMPORT_LIMITS) => ({
  fileBytes: `花名册文件最大 ${formatBytes(limits.maxFileBytes)}，请删去多余的工作表、图片和格式，或另存为 .csv 后重新上传`,
  rows: `花名册最多 ${limits.maxRows} 行党员数据（第 2 至 ${limits.maxRows + 1} 行），请拆分为多个文件分批导入`,
  sheetRows: `表格共有超过 ${limits.maxSheetRows} 行（含空白行），请删除表格下方多余的空行后重新上传`,
  columns: `花名册每行最多 ${limits.maxColumns} 列，请删去多余的列后重新上传`,
  unpackedBytes: `花名册解压后超过 ${formatBytes(limits.maxUnpackedBytes)}，文件可能已损坏，请另存为新的 .xlsx 或 .csv 后重新上传`,
})

export const ROSTER_COLUMNS = {
  name: ['姓名'],
  number: ['学号/工号', '学号／工号', '学号', '工号', '学工号'],
  category: ['类别'],
  partyStatus: ['党员类型'],
  joinedAt: ['入党时间'],
  phone: ['手机号', '手机', '手机号码'],
  group: ['党小组'],
  roles: ['职务'],
} as const
export type RosterColumn = keyof typeof ROSTER_COLUMNS
const REQUIRED_COLUMNS: RosterColumn[] = ['name', 'number', 'category', 'partyStatus', 'joinedAt']
/** Where roster files of a branch are uploaded (cloud path prefix); the import reads nothing else. */
export const importFolderOf = (branchId: string): string => `imports/${branchId}/`

/** The header of a template file, in order. */
export const ROSTER_TEMPLATE_HEADER: readonly string[] = Object.values(ROSTER_COLUMNS).map((names) => names[0])

/** The template's 填写说明: each column, whether it must be filled, and what parseRoster accepts in it. */
export function rosterTemplateGuide(): { column: string; required: boolean; rule: string }[] {
  const rules: Record<RosterColumn, string> = {
    name: `不超过 ${MAX_NAME_LENGTH} 个字`,
    number: '字母、数字和短横线，最多 32 位；再次导入时按它更新已有党员，不会重复创建',
    category: `${Object.values(MEMBER_CATEGORY_LABELS).join('、')} 之一`,
    partyStatus: `${Object.values(PARTY_STATUS_LABELS).join('、')} 之一`,
    joinedAt: '日期，例：2020-07-01（也可写 2020/7/1 或 2020年7月1日）',
    phone: '11 位手机号，可不填',
    group: '本支部已有的党小组名称，可不填',
    roles: `可不填；可填：${Object.values(BRANCH_ROLE_LABELS).join('、')}，多个用顿号分隔`,
  }
  return (Object.keys(ROSTER_COLUMNS) as RosterColumn[]).map((column) => ({
    column: ROSTER_COLUMNS[column][0],
    required: REQUIRED_COLUMNS.includes(column),
    rule: rules[column],
  }))
}

/** The earliest date anyone can have joined the Party (founded July 1921). */
const EARLIEST_JOIN = { year: 1921, month: 7, day: 1 }
const NUMBER_PATTERN = /^[A-Za-z0-9-]{1,32}$/
const PHONE_PATTERN = /^1\d{10}$/
const MAX_NAME_LENGTH = 30

export interface RosterRowError {
  row: number
  message: string
}

export interface ParsedRosterRow {
  row: number
  name: string
  number: string
  category: MemberCategory
  partyStatus: PartyStatus
  /** Local date YYYY-MM-DD. */
  joinedOn: string
  phone: string | null
  /** Group name as written; null when the cell is empty. */
  groupName: string | null
  /** null when the file has no 职务 column (roles stay as they are). */
  roles: BranchRole[] | null
}

export interface ParsedRoster {
  rows: ParsedRosterRow[]
  errors: RosterRowError[]
  /** Non-empty member rows in the file (valid or not). */
  rowCount: number
}

const MAX_QUOTED_CHARS = 20
/** Cell text quoted in a message, cut short: a preview stays small whatever a cell holds. */
const quoted = (text: string): string => `「${text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text}」`

const normalize = (text: string | undefined): string => (text ?? '').replace(/\u3000/g, ' ').trim()

function labelLookup<K extends string>(labels: Record<K, string>): Map<string, K> {
  return new Map(Object.entries(labels).map(([key, label]) => [label as string, key as K]))
}
const CATEGORY_BY_LABEL = labelLookup(MEMBER_CATEGORY_LABELS)
const STATUS_BY_LABEL = labelLookup(PARTY_STATUS_LABELS)
STATUS_BY_LABEL.set('正式', 'full')
STATUS_BY_LABEL.set('预备', 'probationary')
const ROLE_BY_LABEL = labelLookup(BRANCH_ROLE_LABELS)
ROLE_BY_LABEL.set('支部书记', 'secretary')
ROLE_BY_LABEL.set('党支部书记', 'secretary')
ROLE_BY_LABEL.set('支部副书记', 'deputy_secretary')

/** 2020-07-01, 2020/7/1, 2020.7.1, 2020年7月1日 → '2020-07-01'; null when not a real date. */
export function parseLocalDate(text: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim())
  if (!match) return null
  const [year, month, day] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Local midnight of a YYYY-MM-DD date in `timeZone`. */
export function localDateToInstant(date: string, timeZone: string): Date {
  return instantOfWallClock(dayjs.utc(`${date}T00:00:00.000Z`), timeZone)
}

export function instantToLocalDate(instant: Date, timeZone: string): string {
  return wallClockOf(instant, timeZone).format('YYYY-MM-DD')
}

function parseRoles(text: string): { roles: BranchRole[] } | { error: string } {
  const labels = text
    .split(/[,，、;；/\s]+/)
    .map((label) => label.trim())
    .filter((label) => label !== '' && label !== '无' && label !== '党员')
  const roles: BranchRole[] = []
  for (const label of labels) {
    const role = ROLE_BY_LABEL.get(label)
    if (!role) return { error: `职务${quoted(label)}无法识别（可填：${Object.values(BRANCH_ROLE_LABELS).join('、')}）` }
    if (!roles.includes(role)) roles.push(role)
  }
  return { roles }
}

/**
 * Reads the header and every member row. Every problem of the file is listed
 * (one message per row, problems joined), nothing is thrown.
 */
export function parseRoster(table: readonly (readonly string[])[], options: { today: string }): ParsedRoster {
  const [headerRow, ...body] = table
  const header = (headerRow ?? []).map(normalize)
  const columnIndex = new Map<RosterColumn, number>()
  for (const [column, names] of Object.entries(ROSTER_COLUMNS) as [RosterColumn, readonly string[]][]) {
    const index = header.findIndex((cell) => names.includes(cell))
    if (index >= 0) columnIndex.set(column, index)
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !columnIndex.has(column))
  if (missing.length > 0) {
    return {
      rows: [],
      rowCount: 0,
      errors: [
        {
          row: 1,
          message: `表头缺少列：${missing.map((column) => ROSTER_COLUMNS[column][0]).join('、')}（第 1 行应为：${ROSTER_TEMPLATE_HEADER.join('、')}）`,
        },
      ],
    }
  }
  const rows: ParsedRosterRow[] = []
  const errors: RosterRowError[] = []
  const firstRowOfNumber = new Map<string, number>()
  let rowCount = 0
  body.forEach((cells, bodyIndex) => {
    const row = bodyIndex + 2
    const cell = (column: RosterColumn): string => {
      const index = columnIndex.get(column)
      return index === undefined ? '' : normalize(cells[index])
    }
    if (cells.every((value) => normalize(value) === '')) return
    rowCount++
    const problems: string[] = []
    const name = cell('name')
    if (!name) problems.push('缺少姓名')
    else if (name.length > MAX_NAME_LENGTH) problems.push(`姓名超过 ${MAX_NAME_LENGTH} 个字`)
    const number = cell('number').toUpperCase()
    if (!number) problems.push('缺少学号/工号')
    else if (!NUMBER_PATTERN.test(number)) problems.push(`学号/工号${quoted(number)}格式不正确（只能包含字母、数字和短横线）`)
    else {
      const first = firstRowOfNumber.get(number)
      if (first !== undefined) problems.push(`学号/工号 ${number} 与第 ${first} 行重复`)
      else firstRowOfNumber.set(number, row)
    }
    const categoryText = cell('category')
    const category = CATEGORY_BY_LABEL.get(categoryText)
    if (!category) problems.push(categoryText ? `类别${quoted(categoryText)}应为 教工、学生 或 离退休` : '缺少类别')
    const statusText = cell('partyStatus')
    const partyStatus = STATUS_BY_LABEL.get(statusText)
    if (!partyStatus) problems.push(statusText ? `党员类型${quoted(statusText)}应为 正式党员 或 预备党员` : '缺少党员类型')
    const joinedText = cell('joinedAt')
    const joinedOn = joinedText ? parseLocalDate(joinedText) : null
    const earliest = `${EARLIEST_JOIN.year}-0${EARLIEST_JOIN.month}-0${EARLIEST_JOIN.day}`
    if (!joinedText) problems.push('缺少入党时间')
    else if (!joinedOn) problems.push(`入党时间${quoted(joinedText)}不是有效日期（例：2020-07-01）`)
    else if (joinedOn > options.today) problems.push(`入党时间 ${joinedOn} 晚于今天`)
    else if (joinedOn < earliest) problems.push(`入党时间 ${joinedOn} 早于建党时间`)
    const phoneText = cell('phone').replace(/[\s-]/g, '')
    if (phoneText && !PHONE_PATTERN.test(phoneText)) problems.push(`手机号${quoted(phoneText)}应为 11 位数字`)
    let roles: BranchRole[] | null = null
    if (columnIndex.has('roles')) {
      const parsed = parseRoles(cell('roles'))
      if ('error' in parsed) problems.push(parsed.error)
      else roles = parsed.roles
    }
    if (problems.length > 0) {
      errors.push({ row, message: problems.join('；') })
      return
    }
    rows.push({
      row,
      name,
      number,
      category: category!,
      partyStatus: partyStatus!,
      joinedOn: joinedOn!,
      phone: phoneText || null,
      groupName: cell('group') || null,
      roles,
    })
  })
  if (rowCount === 0) errors.push({ row: 2, message: '文件中没有党员数据' })
  return { rows, errors, rowCount }
}

/** What the database already holds that a roster file is checked against. */
export interface RosterImportContext {
  branchId: string
  /** Members (any branch) whose number appears in the file. */
  existingByNumber: ReadonlyMap<string, Pick<Member, '_id' | 'branchId' | 'name' | 'category' | 'partyStatus' | 'joinedAt' | 'phone' | 'groupId' | 'roles' | 'active'>>
  /** Numbers of members whose admin scope the importer does not cover: the file may not change them. */
  protectedNumbers: ReadonlySet<string>
  branchNames: ReadonlyMap<string, string>
  /** Groups of the target branch by name. */
  groupIdByName: ReadonlyMap<string, string>
  /** Members of the branch that the file does not mention (for the one-secretary rule). */
  otherMembersRoles: readonly BranchRole[][]
  /** Committee offices (书记 … 纪检委员) are assigned by the general branch, not by the secretary. */
  mayAssignCommittee: boolean
  timeZone: string
  maxMembers: number
  currentMemberCount: number
}

export type RosterMemberFields = Pick<Member, 'name' | 'category' | 'partyStatus' | 'joinedAt' | 'phone' | 'groupId' | 'roles' | 'active'>

export interface RosterPlan {
  creates: { row: number; number: string; fields: RosterMemberFields }[]
  updates: { row: number; number: string; memberId: string; patch: Partial<RosterMemberFields>; before: Partial<RosterMemberFields> }[]
  unchanged: number
  errors: RosterRowError[]
  warnings: string[]
}

const sameRoles = (a: readonly BranchRole[], b: readonly BranchRole[]) =>
  a.length === b.length && a.every((role) => b.includes(role))

/** Checks parsed rows against the database and decides, row by row, create / update / unchanged. */
export function planRosterImport(parsed: ParsedRoster, context: RosterImportContext): RosterPlan {
  const plan: RosterPlan = { creates: [], updates: [], unchanged: 0, errors: [...parsed.errors], warnings: [] }
  let secretaries = context.otherMembersRoles.filter((roles) => roles.includes('secretary')).length
  for (const row of parsed.rows) {
    const problems: string[] = []
    const existing = context.existingByNumber.get(row.number)
    if (existing && existing.branchId !== context.branchId) {
      const where = context.branchNames.get(existing.branchId) ?? '其他党支部'
      problems.push(`学号/工号 ${row.number} 已属于「${where}」，请先办理组织关系转接`)
    }
    if (existing && context.protectedNumbers.has(row.number)) {
      problems.push(`${existing.name} 是党总支或党委管理员，其信息须由管理范围覆盖其管理范围的上级管理员修改，请从文件中删去此行`)
    }
    let groupId: string | null = null
    if (row.groupName) {
      groupId = context.groupIdByName.get(row.groupName) ?? null
      if (!groupId) problems.push(`党小组${quoted(row.groupName)}不存在于本支部`)
    }
    const currentRoles = existing?.roles ?? []
    const roles = row.roles ?? currentRoles
    if (!context.mayAssignCommittee) {
      const committeeChanged = COMMITTEE_ROLES.some((role) => roles.includes(role) !== currentRoles.includes(role))
      if (committeeChanged) problems.push('支委职务（书记、副书记、组织委员、宣传委员、纪检委员）由上级党组织调整，请与现有职务保持一致')
    }
    if (roles.includes('group_leader') && !groupId) problems.push('党小组长须填写所在党小组')
    if (roles.includes('secretary')) {
      secretaries++
      if (secretaries > 1) problems.push('一个党支部只能有一名书记')
    }
    if (problems.length > 0) {
      plan.errors.push({ row: row.row, message: problems.join('；') })
      continue
    }
    const fields: RosterMemberFields = {
      name: row.name,
      category: row.category,
      partyStatus: row.partyStatus,
      joinedAt: localDateToInstant(row.joinedOn, context.timeZone),
      phone: row.phone,
      groupId,
      roles,
      active: true,
    }
    if (!existing) {
      plan.creates.push({ row: row.row, number: row.number, fields })
      continue
    }
    const patch: Partial<RosterMemberFields> = {}
    const before: Partial<RosterMemberFields> = {}
    const change = <K extends keyof RosterMemberFields>(key: K, equal: boolean) => {
      if (equal) return
      patch[key] = fields[key]
      before[key] = existing[key]
    }
    change('name', existing.name === fields.name)
    change('category', existing.category === fields.category)
    change('partyStatus', existing.partyStatus === fields.partyStatus)
    change('joinedAt', existing.joinedAt.getTime() === fields.joinedAt.getTime())
    change('phone', existing.phone === fields.phone)
    change('groupId', existing.groupId === fields.groupId)
    change('roles', sameRoles(existing.roles, fields.roles))
    change('active', existing.active === fields.active)
    if (Object.keys(patch).length === 0) plan.unchanged++
    else plan.updates.push({ row: row.row, number: row.number, memberId: existing._id, patch, before })
  }
  plan.errors.sort((a, b) => a.row - b.row)
  const total = context.currentMemberCount + plan.creates.length
  if (total > context.maxMembers) {
    plan.warnings.push(`导入后本支部将有 ${total} 名党员，超过一般不超过 ${context.maxMembers} 人的设置要求，建议考虑拆分支部`)
  }
  return plan
}

/** The problems a preview lists: the first `maxListedProblems` row errors and warnings, and how many there are. */
export function listedProblems(
  plan: Pick<RosterPlan, 'errors' | 'warnings'>,
  limits: RosterImportLimits = DEFAULT_ROSTER_IMPORT_LIMITS,
): { errors: RosterRowError[]; errorCount: number; warnings: string[]; warningCount: number } {
  return {
    errors: plan.errors.slice(0, limits.maxListedProblems),
    errorCount: plan.errors.length,
    warnings: plan.warnings.slice(0, limits.maxListedProblems),
    warningCount: plan.warnings.length,
  }
}
