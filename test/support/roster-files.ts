import ExcelJS from 'exceljs'
import { strToU8, unzipSync, zipSync } from 'fflate'

/** Roster spreadsheets for tests and benchmarks: ordinary ones written by exceljs, hostile ones put together by hand. */

export const ROSTER_HEADER = ['姓名', '学号/工号', '类别', '党员类型', '入党时间', '手机号', '党小组', '职务']

export async function xlsxOf(rows: (string | number | Date | null)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('花名册')
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

export function csvOf(rows: string[][]): string {
  return '\uFEFF' + rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n')
}

/** Member rows 1…count (valid ones, or each with an unknown 类别 when `bad`), after the header. */
export function memberRows(count: number, options: { bad?: boolean; firstNumber?: number } = {}): string[][] {
  const rows = [ROSTER_HEADER]
  for (let index = 0; index < count; index++) {
    const number = (options.firstNumber ?? 20240001) + index
    rows.push([`党员${index + 1}`, String(number), options.bad ? '研究生' : '学生', '正式党员', '2023-06-01', '', '', ''])
  }
  return rows
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const columnName = (index: number): string => (index >= 26 ? columnName(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26))

/** Sheet XML with inline strings, as some writers produce; `padding` goes inside sheetData as whitespace. */
export function sheetXml(rows: string[][], padding = 0): string {
  const body = rows
    .map((cells, rowIndex) => {
      const r = rowIndex + 1
      const row = cells.map((cell, column) => `<c r="${columnName(column)}${r}" t="inlineStr"><is><t>${escapeXml(cell)}</t></is></c>`).join('')
      return `<row r="${r}">${row}</row>`
    })
    .join('')
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    body +
    ' '.repeat(padding) +
    '</sheetData></worksheet>'
  )
}

/** An .xlsx written by exceljs whose first sheet is replaced by `xml`, deflated at the highest level (as a bomb would be). */
export async function xlsxWithSheet(xml: string): Promise<Uint8Array> {
  const parts = unzipSync(await xlsxOf([['姓名']]))
  parts['xl/worksheets/sheet1.xml'] = strToU8(xml)
  return zipSync(parts, { level: 9 })
}

/** Sets the uncompressed size the central directory declares for `name`: a bomb that lies about itself. */
export function declareUncompressedSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice()
  const view = new DataView(out.buffer)
  const nameBytes = strToU8(name)
  for (let at = out.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x02014b50) continue
    const length = view.getUint16(at + 28, true)
    if (length === nameBytes.length && nameBytes.every((byte, index) => out[at + 46 + index] === byte)) {
      view.setUint32(at + 24, size, true)
      return out
    }
  }
  throw new Error(`no directory entry ${name}`)
}
