import { DEFAULT_ROSTER_IMPORT_LIMITS as LIMITS } from '../../../src/domain/roster-import'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { declareUncompressedSize, memberRows, sheetXml, xlsxWithSheet } from '../../support/roster-files'
import { csvOf, fixtures, xlsxOf, type Fixtures } from './fixtures'

interface Preview {
  rowCount: number
  errors: { row: number; message: string }[]
  errorCount: number
  warnings: string[]
  warningCount: number
}

// Files of a thousand rows, several at once, on a shared machine.
jest.setTimeout(60_000)

describe('roster import limits: size, rows, columns, zip bombs and the size of the answer', () => {
  let env: TestCloud
  let f: Fixtures
  let admin: string
  let branchId: string

  beforeAll(async () => {
    env = await startSeededCloud()
    f = fixtures(env)
    admin = f.member((m) => m.adminOrgIds.includes('org-university')).openid!
    branchId = (await f.freshOrg('org-cs', 'branch'))._id
  })
  afterAll(() => env.dispose())

  const preview = async (name: string, bytes: Uint8Array | string) =>
    env.cloud.invoke('members', { action: 'importPreview', payload: { branchId, fileId: await f.upload(name, bytes, branchId) } }, admin)
  const refusal = (text: string) => ({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(text) } })

  it(`takes ${LIMITS.maxRows} member rows and refuses one more, in .xlsx and in .csv`, async () => {
    const atCap = memberRows(LIMITS.maxRows)
    const overCap = memberRows(LIMITS.maxRows + 1)
    expect(await preview('cap.xlsx', await xlsxOf(atCap))).toMatchObject({ ok: true, data: { rowCount: LIMITS.maxRows, errorCount: 0 } })
    expect(await preview('cap.csv', csvOf(atCap))).toMatchObject({ ok: true, data: { rowCount: LIMITS.maxRows, errorCount: 0 } })
    expect(await preview('over.xlsx', await xlsxOf(overCap))).toEqual(refusal(`花名册最多 ${LIMITS.maxRows} 行`))
    expect(await preview('over.csv', csvOf(overCap))).toEqual(refusal(`花名册最多 ${LIMITS.maxRows} 行`))
  })

  it(`takes ${LIMITS.maxColumns} columns and refuses a cell in the next one`, async () => {
    const widen = (rows: string[][], width: number) => rows.map((row) => [...row, ...Array.from({ length: width - row.length }, (_, i) => `备注${i}`)])
    const rows = memberRows(3)
    expect(await preview('wide.csv', csvOf(widen(rows, LIMITS.maxColumns)))).toMatchObject({ ok: true, data: { rowCount: 3 } })
    expect(await preview('wider.csv', csvOf(widen(rows, LIMITS.maxColumns + 1)))).toEqual(refusal(`每行最多 ${LIMITS.maxColumns} 列`))
    expect(await preview('wider.xlsx', await xlsxOf(widen(rows, LIMITS.maxColumns + 1)))).toEqual(refusal(`每行最多 ${LIMITS.maxColumns} 列`))
  })

  it(`takes a file of exactly ${LIMITS.maxFileBytes} bytes and refuses one byte more, before reading it`, async () => {
    const rows = memberRows(10)
    const plain = new TextEncoder().encode(csvOf(rows))
    const padded = (size: number) => {
      const bytes = new Uint8Array(size).fill(0x20) // trailing spaces: an empty last cell
      bytes.set(plain)
      bytes.set([0x0d, 0x0a, 0x2c], plain.length) // CRLF, then a row of two blank cells
      return bytes
    }
    expect(await preview('full.csv', padded(LIMITS.maxFileBytes))).toMatchObject({ ok: true, data: { rowCount: 10 } })
    expect(await preview('full.csv', padded(LIMITS.maxFileBytes + 1))).toEqual(refusal('花名册文件最大 1.0 MB'))
  })

  it('refuses a zip bomb, whether its directory tells the truth about the size or not', async () => {
    const bomb = await xlsxWithSheet(sheetXml(memberRows(2), LIMITS.maxUnpackedBytes + 1))
    expect(bomb.length).toBeLessThan(64 * 1024)
    expect(await preview('bomb.xlsx', bomb)).toEqual(refusal('解压后超过 8.0 MB'))
    const liar = declareUncompressedSize(bomb, 'xl/worksheets/sheet1.xml', 2048)
    expect(await preview('liar.xlsx', liar)).toEqual(refusal('解压后超过 8.0 MB'))
  })

  it('reads a sheet of inline strings under the budget like any other', async () => {
    const file = await xlsxWithSheet(sheetXml(memberRows(5), 1024 * 1024))
    expect(await preview('inline.xlsx', file)).toMatchObject({ ok: true, data: { rowCount: 5, errorCount: 0 } })
  })

  it(`lists the first ${LIMITS.maxListedProblems} of a thousand bad rows with the total, and the answer stays small`, async () => {
    const rows = memberRows(LIMITS.maxRows, { bad: true, firstNumber: 30240001 })
    for (const row of rows.slice(1)) row[2] = '研究生'.repeat(500) // long cells are quoted short
    const result = await preview('bad.xlsx', await xlsxOf(rows))
    expect(result.ok).toBe(true)
    const data = (result as { data: Preview }).data
    expect(data.errorCount).toBe(LIMITS.maxRows)
    expect(data.errors).toHaveLength(LIMITS.maxListedProblems)
    expect(data.errors[0]).toEqual({ row: 2, message: expect.stringContaining('类别「研究生研究生') })
    expect(data.errors[0].message.length).toBeLessThan(60)
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(8 * 1024)

    const confirm = await env.cloud.invoke('members', { action: 'importConfirm', payload: { branchId, fileId: await f.upload('bad.xlsx', await xlsxOf(rows), branchId) } }, admin)
    expect(confirm).toMatchObject(refusal(`花名册有 ${LIMITS.maxRows} 行错误`))
    expect(Object.keys((confirm as { error: { fields: object } }).error.fields)).toHaveLength(LIMITS.maxListedProblems)
    expect(Buffer.byteLength(JSON.stringify(confirm))).toBeLessThan(8 * 1024)
  })
})
