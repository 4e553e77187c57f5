import ExcelJS from 'exceljs'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { readRosterTable } from '../../../cloudfunctions/members/roster-file'
import { DEFAULT_ROSTER_IMPORT_LIMITS as LIMITS } from '../../../src/domain/roster-import'
import { memberRows, sheetXml, xlsxOf, xlsxWithSheet } from '../../support/roster-files'

const refused = (text: string) => expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(text) })

describe('readRosterTable: the cells of a roster file, within the limits', () => {
  it('reads the first sheet in tab order, wherever its part lies in the file', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('说明').addRow(['填表说明'])
    const roster = workbook.addWorksheet('花名册')
    roster.addRow(['姓名', '入党时间'])
    roster.addRow(['张三', new Date(Date.UTC(2020, 6, 1))])
    // Put 花名册 (xl/worksheets/sheet2.xml) first in the workbook's tab list.
    const parts = unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()))
    const xml = strFromU8(parts['xl/workbook.xml'])
    const tabs = /<sheet [^>]*\/><sheet [^>]*\/>/.exec(xml)![0]
    const [notes, rosterTab] = tabs.split('/>').slice(0, 2).map((tab) => `${tab}/>`)
    parts['xl/workbook.xml'] = strToU8(xml.replace(tabs, rosterTab + notes))
    expect(await readRosterTable(zipSync(parts))).toEqual([['姓名', '入党时间'], ['张三', '2020-07-01']])
  })

  it('skips blank rows, formatted ones below the table included, up to the limit of rows in all', async () => {
    const rows = memberRows(3)
    const blankRows = (count: number) => Array.from({ length: count }, (_, i) => `<row r="${10 + i}" s="1" customFormat="1"><c r="A${10 + i}" s="1"/></row>`).join('')
    const withBlanks = (count: number) => xlsxWithSheet(sheetXml(rows).replace('</sheetData>', `${blankRows(count)}</sheetData>`))
    expect(await readRosterTable(await withBlanks(LIMITS.maxSheetRows - rows.length))).toHaveLength(rows.length)
    await expect(readRosterTable(await withBlanks(LIMITS.maxSheetRows - rows.length + 1))).rejects.toEqual(refused(`表格共有超过 ${LIMITS.maxSheetRows} 行`))
    const csvBlanks = new TextEncoder().encode('姓名\r\n' + '\r\n'.repeat(LIMITS.maxSheetRows))
    await expect(readRosterTable(csvBlanks)).rejects.toEqual(refused(`表格共有超过 ${LIMITS.maxSheetRows} 行`))
  })

  it('refuses a member row far below the table, even alone', async () => {
    const far = await xlsxWithSheet(sheetXml(memberRows(1)).replace('</sheetData>', '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>张三</t></is></c></row></sheetData>'))
    await expect(readRosterTable(far)).rejects.toEqual(refused(`花名册最多 ${LIMITS.maxRows} 行`))
  })

  it('reads a CSV saved by Excel on Chinese Windows (GB18030)', async () => {
    const gbk = new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x54, 0x31]) // 张三,T1
    expect(await readRosterTable(gbk)).toEqual([['张三', 'T1']])
  })

  it('refuses an encrypted part and a ZIP that is not a workbook', async () => {
    const file = await xlsxOf([['姓名']])
    const encrypted = file.slice()
    const view = new DataView(encrypted.buffer)
    for (let at = 0; at + 4 <= encrypted.length; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true)
    await expect(readRosterTable(encrypted)).rejects.toEqual(refused('已加密'))
    await expect(readRosterTable(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).rejects.toEqual(refused('没有工作表'))
  })
})
