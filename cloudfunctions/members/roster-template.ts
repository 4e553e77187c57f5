import ExcelJS from 'exceljs'
import { ROSTER_TEMPLATE_HEADER, rosterTemplateGuide } from '../../src/domain/roster-import'

export const ROSTER_SHEET = '花名册'
export const GUIDE_SHEET = '填写说明'

/**
 * The roster template: the header on the first sheet (the one the import reads) and no example
 * row, so that a forgotten example is never imported as a member; the rules on a second sheet.
 */
export async function rosterTemplateWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const roster = workbook.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
  roster.addRow([...ROSTER_TEMPLATE_HEADER])
  roster.getRow(1).font = { bold: true }
  roster.columns.forEach((column) => (column.width = 14))
  // Numbers and dates typed as text stay as written (a 学号 like 0012 keeps its zeros).
  for (let index = 1; index <= ROSTER_TEMPLATE_HEADER.length; index++) roster.getColumn(index).numFmt = '@'
  const guide = workbook.addWorksheet(GUIDE_SHEET)
  guide.addRow(['列', '是否必填', '填写要求'])
  guide.getRow(1).font = { bold: true }
  for (const { column, required, rule } of rosterTemplateGuide()) guide.addRow([column, required ? '必填' : '选填', rule])
  guide.addRow([])
  guide.addRow(['第一行为表头，请勿修改；从第二行起每行一名党员。也可另存为 .csv（UTF-8）后导入。'])
  guide.getColumn(1).width = 12
  guide.getColumn(2).width = 10
  guide.getColumn(3).width = 70
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
