import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { AppError } from '../../src/domain/errors'

/** Rows of trimmed cell texts from an uploaded .xlsx or .csv (UTF-8, with or without BOM, or GB18030). */
export async function readRosterTable(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  const isZip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b
  try {
    if (isZip) {
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    } else {
      const text = decodeText(bytes).replace(/^\uFEFF/, '')
      // Identity map: keep every cell as written (exceljs would turn numbers and dates into values).
      await workbook.csv.read(Readable.from([text]), { map: (value: unknown) => value } as never)
    }
  } catch {
    throw new AppError('INVALID_INPUT', '无法读取文件，请上传 .xlsx 或 .csv 格式的花名册')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new AppError('INVALID_INPUT', '文件中没有工作表')
  const table: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell)
    })
    table[rowNumber - 1] = Array.from(cells, (cell) => cell ?? '')
  })
  return Array.from(table, (row) => row ?? [])
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Excel on Chinese Windows saves CSV as GBK.
    return new TextDecoder('gb18030').decode(bytes)
  }
}

const ymd = (date: Date) =>
  `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value
  if (value === null || value === undefined) return ''
  // Excel dates carry the wall-clock date on the UTC calendar.
  if (value instanceof Date) return ymd(value)
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value)
  if (typeof value === 'object' && 'result' in value) {
    const result = (value as { result?: unknown }).result
    if (result instanceof Date) return ymd(result)
    return result === undefined || result === null ? '' : String(result)
  }
  return cell.text ?? ''
}
