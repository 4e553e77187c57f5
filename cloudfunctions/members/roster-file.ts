import { Readable } from 'node:stream'
import { inflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { zipSync } from 'fflate'
import { forEachCsvRow } from '../../src/domain/csv'
import { AppError } from '../../src/domain/errors'
import { readZipDirectory, ZIP_DEFLATED, ZIP_STORED, zipEntryData, type ZipEntry } from '../../src/domain/file-formats'
import { DEFAULT_ROSTER_IMPORT_LIMITS, rosterLimitMessages, type RosterImportLimits } from '../../src/domain/roster-import'

const UNREADABLE = '无法读取文件，请上传 .xlsx 或 .csv 格式的花名册'
const unreadable = () => new AppError('INVALID_INPUT', UNREADABLE)

/**
 * Rows of cell texts from an uploaded .xlsx or .csv (UTF-8, with or without BOM, or GB18030),
 * held to the limits before the expensive work: the size first; an .xlsx is unpacked within a
 * byte budget and read as a stream; reading stops at the first row or cell beyond the caps.
 */
export async function readRosterTable(bytes: Uint8Array, limits: RosterImportLimits = DEFAULT_ROSTER_IMPORT_LIMITS): Promise<string[][]> {
  const messages = rosterLimitMessages(limits)
  if (bytes.length > limits.maxFileBytes) throw new AppError('INVALID_INPUT', messages.fileBytes)
  const table = new BoundedTable(limits)
  const isZip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b
  try {
    if (isZip) await readWorkbook(unpackWorkbook(bytes, limits), table)
    else readCsv(bytes, table)
  } catch (error) {
    if (error instanceof AppError) throw error
    throw unreadable()
  }
  return table.rows()
}

/** Rows by their spreadsheet number; refuses, as soon as it sees one, a row or a cell with content beyond the caps. */
class BoundedTable {
  private readonly table: string[][] = []
  private seen = 0
  private readonly messages: ReturnType<typeof rosterLimitMessages>

  constructor(private readonly limits: RosterImportLimits) {
    this.messages = rosterLimitMessages(limits)
  }

  /** `cells[i]` is column i + 1; holes are empty cells. Rows without content are skipped wherever they are, up to maxSheetRows rows in all. */
  add(rowNumber: number, cells: readonly (string | undefined)[]): void {
    if (++this.seen > this.limits.maxSheetRows) throw new AppError('INVALID_INPUT', this.messages.sheetRows)
    let width = cells.length
    while (width > 0 && !cells[width - 1]?.trim()) width--
    if (width === 0) return
    if (rowNumber > this.limits.maxRows + 1) throw new AppError('INVALID_INPUT', this.messages.rows)
    if (width > this.limits.maxColumns) throw new AppError('INVALID_INPUT', this.messages.columns)
    this.table[rowNumber - 1] = Array.from(cells.slice(0, width), (cell) => cell ?? '')
  }

  rows(): string[][] {
    return Array.from(this.table, (row) => row ?? [])
  }
}

// ---------------------------------------------------------------------------------------------
// .xlsx

const WORKBOOK_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']
const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/
const ENCRYPTED = 0x1

/**
 * The parts of an .xlsx that exceljs reads, unpacked within `maxUnpackedBytes` (counted on the
 * real output, not on the sizes the ZIP declares), then packed again uncompressed in the order
 * the streaming reader needs: relationships, workbook, shared strings and styles before the
 * sheets, so that it parses a sheet as it arrives instead of spooling it to a temp file. The
 * reader only ever sees bytes that were measured here: entries hidden outside the central
 * directory, or a local header that disagrees with it, are left behind.
 */
function unpackWorkbook(bytes: Uint8Array, limits: RosterImportLimits): Uint8Array {
  const directory = readZipDirectory(bytes)
  if (!directory) throw unreadable()
  const wanted = (entry: ZipEntry) => WORKBOOK_PARTS.includes(entry.name) || SHEET_PART.test(entry.name)
  const order = (entry: ZipEntry) => {
    const index = WORKBOOK_PARTS.indexOf(entry.name)
    return index >= 0 ? index : WORKBOOK_PARTS.length + Number(/\d+/.exec(entry.name.slice('xl/worksheets/'.length))?.[0])
  }
  const entries = directory.entries.filter(wanted).sort((a, b) => order(a) - order(b))
  if (!entries.some((entry) => SHEET_PART.test(entry.name))) throw new AppError('INVALID_INPUT', '文件中没有工作表')
  const tooLarge = () => new AppError('INVALID_INPUT', rosterLimitMessages(limits).unpackedBytes)
  let budget = limits.maxUnpackedBytes
  const parts: Record<string, Uint8Array> = {}
  for (const entry of entries) {
    if (entry.flags & ENCRYPTED) throw new AppError('INVALID_INPUT', '花名册文件已加密，请取消密码后重新上传')
    if (entry.uncompressedSize > budget) throw tooLarge()
    const data = zipEntryData(bytes, directory, entry)
    if (!data) throw unreadable()
    let unpacked: Uint8Array
    if (entry.method === ZIP_STORED) unpacked = data
    else if (entry.method === ZIP_DEFLATED) {
      try {
        unpacked = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) })
      } catch (error) {
        throw (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? tooLarge() : unreadable()
      }
    } else throw unreadable()
    if (unpacked.length > budget) throw tooLarge()
    budget -= unpacked.length
    parts[entry.name] = unpacked
  }
  return zipSync(parts, { level: 0 })
}

/**
 * The reader parses whatever chunk it is handed before it yields a row: small chunks let it stop
 * soon after the row cap instead of building every row of a large sheet first.
 */
const READ_CHUNK_BYTES = 64 * 1024

function* slices(bytes: Uint8Array): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += READ_CHUNK_BYTES) yield Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(READ_CHUNK_BYTES, bytes.length - at))
}

/** The workbook's first sheet in tab order (the workbook part lists them), row by row. */
async function readWorkbook(packed: Uint8Array, table: BoundedTable): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(slices(packed)), {
    sharedStrings: 'cache',
    // Styles say which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  })
  for await (const worksheet of reader) {
    const firstTab = (reader as unknown as { model?: { sheets?: { id: number }[] } }).model?.sheets?.[0]
    if (firstTab && (worksheet as unknown as { id: number }).id !== firstTab.id) continue
    for await (const row of worksheet) {
      const cells: string[] = []
      row.eachCell((cell, column) => {
        cells[column - 1] = cellText(cell)
      })
      table.add(row.number, cells)
    }
    return
  }
  throw new AppError('INVALID_INPUT', '文件中没有工作表')
}

const ymd = (date: Date) =>
  `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value
  if (value === null || value === undefined) return ''
  // Excel dates carry the wall-clock date on the UTC calendar.
  if (value instanceof Date) return ymd(value)
  if (typeof value === 'number') return String(value)
  if (typeof value === 'object' && 'result' in value) {
    const result = (value as { result?: unknown }).result
    if (result instanceof Date) return ymd(result)
    return result === undefined || result === null ? '' : String(result)
  }
  return cell.text ?? ''
}

// ---------------------------------------------------------------------------------------------
// .csv

function readCsv(bytes: Uint8Array, table: BoundedTable): void {
  let rowNumber = 0
  forEachCsvRow(decodeText(bytes).replace(/^\uFEFF/, ''), (cells) => table.add(++rowNumber, cells))
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Excel on Chinese Windows saves CSV as GBK.
    return new TextDecoder('gb18030').decode(bytes)
  }
}
