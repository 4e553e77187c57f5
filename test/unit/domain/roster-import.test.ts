import type { Member } from '../../../src/domain/model'
import {
  DEFAULT_ROSTER_IMPORT_LIMITS,
  listedProblems,
  localDateToInstant,
  parseLocalDate,
  parseRoster,
  planRosterImport,
  type RosterImportContext,
} from '../../../src/domain/roster-import'
import { canManageOrgStructure, canManageRoster, canSeeFullPhone, canTransferMember, type Caller } from '../../../src/domain/authorization'

const HEADER = ['姓名', '学号/工号', '类别', '党员类型', '入党时间', '手机号', '党小组', '职务']
const TODAY = '2026-11-21'

describe('parseLocalDate', () => {
  it.each([
    ['2020-07-01', '2020-07-01'],
    ['2020/7/1', '2020-07-01'],
    ['2020.7.1', '2020-07-01'],
    ['2020年7月1日', '2020-07-01'],
    ['2023-02-29', null],
    ['2020-13-01', null],
    ['七月一日', null],
    ['', null],
  ])('%s → %s', (text, expected) => expect(parseLocalDate(text)).toBe(expected))

  it('turns a local date into Beijing midnight', () => {
    expect(localDateToInstant('2020-07-01', 'Asia/Shanghai').toISOString()).toBe('2020-06-30T16:00:00.000Z')
  })
})

describe('parseRoster', () => {
  it('reads rows in any column order, skips empty rows, and keeps spreadsheet row numbers', () => {
    const parsed = parseRoster(
      [
        ['职务', '姓名', '工号', '类别', '党员类型', '入党时间'],
        ['书记', '张三', 't001', '教工', '正式', '2001/7/1'],
        ['', '', '', '', '', ''],
        ['', '李四', 'T002', '离退休', '预备党员', '2026-01-01'],
      ],
      { today: TODAY },
    )
    expect(parsed.errors).toEqual([])
    expect(parsed.rowCount).toBe(2)
    expect(parsed.rows.map((row) => [row.row, row.number, row.roles, row.category, row.partyStatus])).toEqual([
      [2, 'T001', ['secretary'], 'teacher', 'full'],
      [4, 'T002', [], 'retired', 'probationary'],
    ])
    expect(parsed.rows[0].groupName).toBeNull()
  })

  it('lists every problem of a row, and every bad row', () => {
    const parsed = parseRoster(
      [
        HEADER,
        ['', '', '职工', '党员', '2030-01-01', '123', '', '队长'],
        ['王五', 'S1', '学生', '正式党员', '1900-01-01', '', '', ''],
        ['赵六', 'S1', '学生', '正式党员', '2020-01-01', '', '', ''],
      ],
      { today: TODAY },
    )
    expect(parsed.errors).toHaveLength(3)
    expect(parsed.errors[0]).toMatchObject({ row: 2 })
    for (const text of ['缺少姓名', '缺少学号/工号', '类别「职工」', '党员类型「党员」', '晚于今天', '手机号「123」', '职务「队长」']) {
      expect(parsed.errors[0].message).toContain(text)
    }
    expect(parsed.errors[1]).toEqual({ row: 3, message: expect.stringContaining('早于建党时间') })
    expect(parsed.errors[2]).toEqual({ row: 4, message: '学号/工号 S1 与第 3 行重复' })
  })

  it('quotes a long cell cut short, so a message stays short whatever the cell holds', () => {
    const parsed = parseRoster([HEADER, ['王五', 'S1', '研究生'.repeat(1000), '正式党员', '2020-01-01', '', '', '']], { today: TODAY })
    expect(parsed.errors[0].message).toBe('类别「研究生研究生研究生研究生研究生研究生研究…」应为 教工、学生 或 离退休')
  })

  it('names the missing header columns on row 1', () => {
    expect(parseRoster([['姓名', '手机号']], { today: TODAY }).errors).toEqual([
      { row: 1, message: expect.stringContaining('学号/工号、类别、党员类型、入党时间') },
    ])
  })
})

describe('planRosterImport', () => {
  const existing = (overrides: Partial<Member>): Member => ({
    _id: 'm1',
    name: '张三',
    number: 'T001',
    category: 'teacher',
    partyStatus: 'full',
    joinedAt: localDateToInstant('2001-07-01', 'Asia/Shanghai'),
    phone: null,
    branchId: 'b1',
    groupId: null,
    roles: ['secretary'],
    isLeadingCadre: false,
    isDualLeader: false,
    adminOrgIds: [],
    active: true,
    ...overrides,
  })
  const context = (overrides: Partial<RosterImportContext> = {}): RosterImportContext => ({
    branchId: 'b1',
    existingByNumber: new Map([['T001', existing({})]]),
    protectedNumbers: new Set(),
    branchNames: new Map([['b2', '外支部']]),
    groupIdByName: new Map([['一组', 'g1']]),
    otherMembersRoles: [],
    mayAssignCommittee: false,
    timeZone: 'Asia/Shanghai',
    maxMembers: 50,
    currentMemberCount: 1,
    ...overrides,
  })
  const parse = (...rows: string[][]) => parseRoster([HEADER, ...rows], { today: TODAY })

  it('creates, updates and leaves unchanged by number', () => {
    const same = planRosterImport(parse(['张三', 'T001', '教工', '正式党员', '2001-07-01', '', '', '书记']), context())
    expect(same).toMatchObject({ creates: [], updates: [], unchanged: 1, errors: [] })
    const changed = planRosterImport(
      parse(['张三', 'T001', '教工', '正式党员', '2001-07-01', '13800000000', '一组', '书记'], ['新人', 'T009', '教工', '预备党员', '2026-01-01', '', '', '']),
      context(),
    )
    expect(changed.updates).toEqual([
      expect.objectContaining({ memberId: 'm1', patch: { phone: '13800000000', groupId: 'g1' }, before: { phone: null, groupId: null } }),
    ])
    expect(changed.creates.map((item) => item.number)).toEqual(['T009'])
  })

  it('refuses numbers of other branches, unknown groups, committee changes by a secretary and a second secretary', () => {
    const plan = planRosterImport(
      parse(
        ['别人', 'T100', '教工', '正式党员', '2001-07-01', '', '', ''],
        ['钱七', 'T101', '教工', '正式党员', '2001-07-01', '', '二组', ''],
        ['张三', 'T001', '教工', '正式党员', '2001-07-01', '', '', '组织委员'],
      ),
      context({ existingByNumber: new Map([['T001', existing({})], ['T100', existing({ _id: 'm2', number: 'T100', branchId: 'b2' })]]) }),
    )
    expect(plan.errors.map((error) => error.row)).toEqual([2, 3, 4])
    expect(plan.errors[0].message).toContain('已属于「外支部」')
    expect(plan.errors[1].message).toContain('党小组「二组」不存在')
    expect(plan.errors[2].message).toContain('由上级党组织调整')
    const admin = planRosterImport(parse(['新书记', 'T102', '教工', '正式党员', '2001-07-01', '', '', '书记']), context({ mayAssignCommittee: true, otherMembersRoles: [['secretary']] }))
    expect(admin.errors).toEqual([{ row: 2, message: '一个党支部只能有一名书记' }])
  })

  it('warns (does not refuse) when the branch grows past the usual size', () => {
    const plan = planRosterImport(parse(['新人', 'T009', '教工', '预备党员', '2026-01-01', '', '', '']), context({ currentMemberCount: 50 }))
    expect(plan.errors).toEqual([])
    expect(plan.warnings).toEqual([expect.stringContaining('51 名党员')])
  })
})

describe('roster and org-structure scopes', () => {
  const caller = (overrides: Partial<Caller>): Caller => ({ _id: 'm', branchId: 'b1', groupId: null, roles: [], adminOrgIds: [], ...overrides })
  const branch = { _id: 'b1', ancestorIds: ['root', 'gb1'] }
  const other = { _id: 'b2', ancestorIds: ['root', 'gb2'] }
  it.each([
    ['member', caller({}), false],
    ['组织委员', caller({ roles: ['organization'] }), false],
    ['secretary', caller({ roles: ['secretary'] }), true],
    ['secretary elsewhere', caller({ branchId: 'b2', roles: ['secretary'] }), false],
    ['general-branch admin', caller({ branchId: 'b9', adminOrgIds: ['gb1'] }), true],
    ['committee admin', caller({ branchId: 'b9', adminOrgIds: ['root'] }), true],
  ])('%s manages the roster: %s', (_who, who, expected) => expect(canManageRoster(who, branch)).toBe(expected))

  it('shows full phones to the member themself and roster managers only', () => {
    expect(canSeeFullPhone(caller({ _id: 'x' }), { _id: 'x' }, branch)).toBe(true)
    expect(canSeeFullPhone(caller({ roles: ['organization'] }), { _id: 'x' }, branch)).toBe(false)
    expect(canSeeFullPhone(caller({ roles: ['secretary'] }), { _id: 'x' }, branch)).toBe(true)
  })

  it('lets general-branch admins manage groups only, the committee admin everything', () => {
    const gb = caller({ adminOrgIds: ['gb1'] })
    const pc = caller({ adminOrgIds: ['root'] })
    expect(canManageOrgStructure(gb, { _id: 'g1', kind: 'group', ancestorIds: ['root', 'gb1', 'b1'] })).toBe(true)
    expect(canManageOrgStructure(gb, { _id: 'b1', kind: 'branch', ancestorIds: ['root', 'gb1'] })).toBe(false)
    expect(canManageOrgStructure(gb, { _id: 'gb1', kind: 'general_branch', ancestorIds: ['root'] })).toBe(false)
    expect(canManageOrgStructure(pc, { _id: 'b1', kind: 'branch', ancestorIds: ['root', 'gb1'] })).toBe(true)
    expect(canManageOrgStructure(pc, { _id: 'root', kind: 'party_committee', ancestorIds: [] })).toBe(true)
    expect(canTransferMember(gb, branch, other)).toBe(false)
    expect(canTransferMember(pc, branch, other)).toBe(true)
  })
})

describe('listedProblems', () => {
  it('lists the first errors and warnings up to the limit, with how many there are', () => {
    const errors = Array.from({ length: 120 }, (_, index) => ({ row: index + 2, message: '缺少姓名' }))
    const listed = listedProblems({ errors, warnings: ['a', 'b', 'c'] }, { ...DEFAULT_ROSTER_IMPORT_LIMITS, maxListedProblems: 2 })
    expect(listed).toEqual({ errors: errors.slice(0, 2), errorCount: 120, warnings: ['a', 'b'], warningCount: 3 })
    expect(listedProblems({ errors, warnings: [] }).errors).toHaveLength(DEFAULT_ROSTER_IMPORT_LIMITS.maxListedProblems)
  })
})
