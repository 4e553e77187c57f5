import ExcelJS from 'exceljs'
import { readRosterTable } from '../../../cloudfunctions/members/roster-file'
import { GUIDE_SHEET, ROSTER_SHEET } from '../../../cloudfunctions/members/roster-template'
import { parseRoster, ROSTER_TEMPLATE_HEADER } from '../../../src/domain/roster-import'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_B, fixtures, type Fixtures } from './fixtures'

/** 下载花名册模板: what a secretary fills in on a computer must import as it is. */
describe('members.importTemplate', () => {
  let env: TestCloud
  let f: Fixtures
  beforeAll(async () => {
    env = await startSeededCloud()
    f = fixtures(env)
  })
  afterAll(() => env.dispose())

  const secretaryOf = (branchId: string) => f.member((m) => m.branchId === branchId && m.roles.includes('secretary')).openid!
  const template = async (branchId: string, openid: string) => env.cloud.invoke('members', { action: 'importTemplate', payload: { branchId } }, openid)

  it('answers an xlsx named 花名册模板.xlsx whose first sheet is the header alone and whose second explains every column', async () => {
    const answer = await template(BRANCH_A, secretaryOf(BRANCH_A))
    expect(answer).toMatchObject({ ok: true, data: { fileName: '花名册模板.xlsx' } })
    const bytes = await env.cloud.storage.downloadFile(env.cloud.storage.fileIdOf(`templates/${BRANCH_A}/roster.xlsx`))
    expect(await readRosterTable(bytes)).toEqual([[...ROSTER_TEMPLATE_HEADER]])
    // No example row: a forgotten one would be imported as a member.
    expect(parseRoster(await readRosterTable(bytes), { today: '2026-12-02' }).errors).toEqual([{ row: 2, message: '文件中没有党员数据' }])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([ROSTER_SHEET, GUIDE_SHEET])
    const guide = workbook.getWorksheet(GUIDE_SHEET)!
    const explained = guide.getColumn(1).values.slice(2, 2 + ROSTER_TEMPLATE_HEADER.length)
    expect(explained).toEqual([...ROSTER_TEMPLATE_HEADER])
    expect(guide.getRow(4).values).toEqual([undefined, '类别', '必填', '教工、学生、离退休 之一'])
  })

  it('imports once filled in: the preview finds the new member and no problems', async () => {
    await template(BRANCH_A, secretaryOf(BRANCH_A))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await env.cloud.storage.downloadFile(env.cloud.storage.fileIdOf(`templates/${BRANCH_A}/roster.xlsx`))) as unknown as ArrayBuffer)
    workbook.getWorksheet(ROSTER_SHEET)!.addRow(['新同志', 'T2026001', '学生', '预备党员', '2026-06-30', '', '', ''])
    const fileId = await f.upload('filled.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()), BRANCH_A)
    const preview = await env.cloud.invoke('members', { action: 'importPreview', payload: { branchId: BRANCH_A, fileId } }, secretaryOf(BRANCH_A))
    expect(preview).toMatchObject({ ok: true, data: { created: 1, errorCount: 0 } })
  })

  it('refuses a secretary of another branch and a plain member', async () => {
    expect(await template(BRANCH_A, secretaryOf(BRANCH_B))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await template(BRANCH_A, f.plainMemberOf(BRANCH_A).openid!)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
