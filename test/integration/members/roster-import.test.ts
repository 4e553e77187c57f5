import { COLLECTIONS } from '../../../src/domain/collections'
import type { Member } from '../../../src/domain/model'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_B, csvOf, fixtures, ROSTER_HEADER, xlsxOf, type Fixtures } from './fixtures'

const NEW_BRANCH_ROWS = 200

/** 200 members of a new student branch; `bad` spoils 7 rows in 7 different ways. */
function rosterRows(options: { bad: boolean; takenNumber: string }): (string | Date | number)[][] {
  const rows: (string | Date | number)[][] = [ROSTER_HEADER]
  for (let index = 0; index < NEW_BRANCH_ROWS; index++) {
    const number = `2024${String(index + 1).padStart(4, '0')}`
    rows.push([
      `学生${index + 1}`,
      number,
      '学生',
      index % 3 === 0 ? '预备党员' : '正式党员',
      // Real dates in some rows (Excel date cells), text in others.
      index % 2 === 0 ? new Date(Date.UTC(2023, 5, 1 + (index % 28))) : `2023/6/${1 + (index % 28)}`,
      index % 5 === 0 ? '' : 13800000000 + index,
      index % 4 === 0 ? '第一党小组' : '',
      index === 0 ? '党小组长' : '',
    ])
  }
  if (options.bad) {
    rows[3][0] = '' // row 4: no name
    rows[11][4] = '2023-02-30' // row 12: no such date
    rows[21][1] = rows[20][1] // row 22: duplicate of row 21
    rows[31][6] = '不存在的党小组' // row 32: unknown group
    rows[41][1] = options.takenNumber // row 42: number of a member of another branch
    rows[51][2] = '研究生' // row 52: unknown category
    rows[61][5] = '1380000' // row 62: short phone
  }
  return rows
}
const BAD_ROWS = [4, 12, 22, 32, 42, 52, 62]

// Generous: the whole suite runs these in parallel with heavier files on a shared machine.
jest.setTimeout(30_000)

describe('roster import (members.importPreview / importConfirm)', () => {
  let env: TestCloud
  let f: Fixtures
  let admin: string
  let branchId: string
  let takenNumber: string
  const membersOf = async (id: string) => (await f.db.collection(COLLECTIONS.members.name).where({ branchId: id }).count()).total
  beforeAll(async () => {
    env = await startSeededCloud()
    f = fixtures(env)
    admin = f.member((m) => m.adminOrgIds.includes('org-university')).openid!
    takenNumber = f.plainMemberOf(BRANCH_B).number
    const branch = await f.freshOrg('org-cs', 'branch')
    branchId = branch._id
    await f.db.collection(COLLECTIONS.orgs.name).add({
      _id: 'import-group-1',
      kind: 'group',
      name: '第一党小组',
      parentId: branchId,
      ancestorIds: [...branch.ancestorIds, branchId],
      sortOrder: 0,
    })
  })
  afterAll(() => env.dispose())

  const invoke = (action: string, payload: unknown, openid = admin) => env.cloud.invoke('members', { action, payload }, openid)

  it('previews a 200-row file with 7 bad rows: names exactly those rows and writes nothing', async () => {
    const fileId = await f.upload('bad.xlsx', await xlsxOf(rosterRows({ bad: true, takenNumber })), branchId)
    const auditBefore = await f.count(COLLECTIONS.auditLog.name)
    const preview = await invoke('importPreview', { branchId, fileId })
    expect(preview.ok).toBe(true)
    const data = (preview as { data: { rowCount: number; errors: { row: number; message: string }[]; created: number } }).data
    expect(data.rowCount).toBe(NEW_BRANCH_ROWS)
    expect(data.errors.map((error) => error.row)).toEqual(BAD_ROWS)
    const messageOf = (row: number) => data.errors.find((error) => error.row === row)!.message
    expect(messageOf(4)).toContain('缺少姓名')
    expect(messageOf(12)).toContain('不是有效日期')
    expect(messageOf(22)).toContain('与第 21 行重复')
    expect(messageOf(32)).toContain('党小组「不存在的党小组」不存在')
    expect(messageOf(42)).toContain('已属于「外国语学院教工党支部」')
    expect(messageOf(52)).toContain('类别')
    expect(messageOf(62)).toContain('手机号')
    expect(data.created).toBe(NEW_BRANCH_ROWS - BAD_ROWS.length)
    expect(await membersOf(branchId)).toBe(0)
    expect(await f.count(COLLECTIONS.auditLog.name)).toBe(auditBefore)
  })

  it('refuses to confirm while errors remain: INVALID_INPUT listing every bad row, nothing written', async () => {
    const fileId = await f.upload('bad.xlsx', await xlsxOf(rosterRows({ bad: true, takenNumber })), branchId)
    const result = await invoke('importConfirm', { branchId, fileId })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('7 行错误') } })
    const fields = (result as { error: { fields: Record<string, string> } }).error.fields
    expect(Object.keys(fields)).toEqual(BAD_ROWS.map((row) => `第 ${row} 行`))
    expect(await membersOf(branchId)).toBe(0)
  })

  it('writes 200 members from the corrected file, then an identical re-import changes nothing', async () => {
    const bytes = await xlsxOf(rosterRows({ bad: false, takenNumber }))
    const first = await invoke('importConfirm', { branchId, fileId: await f.upload('good.xlsx', bytes, branchId) })
    expect(first).toEqual({
      ok: true,
      data: { created: NEW_BRANCH_ROWS, updated: 0, unchanged: 0, warnings: [expect.stringContaining('超过一般不超过 50 人')] },
    })
    expect(await membersOf(branchId)).toBe(NEW_BRANCH_ROWS)
    const leader = (await f.db.collection(COLLECTIONS.members.name).where({ number: '20240001' }).get()).data[0] as Member
    expect(leader).toMatchObject({ name: '学生1', category: 'student', partyStatus: 'probationary', groupId: 'import-group-1', roles: ['group_leader'], phone: null })
    expect(leader.joinedAt.toISOString()).toBe('2023-05-31T16:00:00.000Z')
    expect(leader).not.toHaveProperty('openid')

    const audits = await f.count(COLLECTIONS.auditLog.name, { action: 'roster.import', branchId })
    const again = await invoke('importConfirm', { branchId, fileId: await f.upload('good-again.xlsx', bytes, branchId) })
    expect(again).toMatchObject({ ok: true, data: { created: 0, updated: 0, unchanged: NEW_BRANCH_ROWS } })
    expect(await membersOf(branchId)).toBe(NEW_BRANCH_ROWS)
    expect(await f.count(COLLECTIONS.auditLog.name, { action: 'roster.import', branchId })).toBe(audits)
  })

  it('updates by number on a CSV re-import (no duplicates) and counts created / updated / unchanged', async () => {
    const csv = csvOf([
      ROSTER_HEADER,
      ['学生1', '20240001', '学生', '正式党员', '2023-06-01', '13900000001', '第一党小组', '党小组长'],
      ['学生2', '20240002', '学生', '正式党员', '2023/6/2', '13800000001', '', ''],
      ['新同学', '20249999', '学生', '预备党员', '2025年10月1日', '', '', ''],
    ])
    const secretaryOfNothing = admin
    const preview = await invoke('importPreview', { branchId, fileId: await f.upload('update.csv', csv, branchId) }, secretaryOfNothing)
    expect(preview).toMatchObject({ ok: true, data: { created: 1, updated: 1, unchanged: 1, errors: [] } })
    const confirm = await invoke('importConfirm', { branchId, fileId: await f.upload('update.csv', csv, branchId) })
    expect(confirm).toMatchObject({ ok: true, data: { created: 1, updated: 1, unchanged: 1 } })
    expect(await membersOf(branchId)).toBe(NEW_BRANCH_ROWS + 1)
    const updated = (await f.db.collection(COLLECTIONS.members.name).where({ number: '20240001' }).get()).data[0] as Member
    expect(updated).toMatchObject({ partyStatus: 'full', phone: '13900000001' })
  })

  it("refuses a secretary's file that changes committee offices, and a file without the required columns", async () => {
    const secretary = f.member((m) => m.branchId === BRANCH_A && m.roles.includes('secretary'))
    const someone = f.plainMemberOf(BRANCH_A)
    const csv = csvOf([ROSTER_HEADER, [someone.name, someone.number, '教工', '正式党员', '2010-07-01', '', '', '组织委员']])
    const preview = await invoke('importPreview', { branchId: BRANCH_A, fileId: await f.upload('roles.csv', csv, BRANCH_A) }, secretary.openid!)
    expect(preview).toMatchObject({ ok: true, data: { errors: [{ row: 2, message: expect.stringContaining('由上级党组织调整') }] } })
    const headerless = csvOf([['名字', '编号'], ['张三', 'T1']])
    const bad = await invoke('importPreview', { branchId: BRANCH_A, fileId: await f.upload('x.csv', headerless, BRANCH_A) }, secretary.openid!)
    expect(bad).toMatchObject({ ok: true, data: { errors: [{ row: 1, message: expect.stringContaining('表头缺少列') }] } })
  })

  it('answers INVALID_INPUT for a file that is not a spreadsheet or does not exist', async () => {
    const garbage = await f.upload('x.xlsx', new Uint8Array([0x50, 0x4b, 1, 2, 3, 4, 5]), branchId)
    expect(await invoke('importPreview', { branchId, fileId: garbage })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const missing = await invoke('importPreview', { branchId, fileId: `cloud://local/imports/${branchId}/none.xlsx` })
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('重新选择文件') } })
  })
})
