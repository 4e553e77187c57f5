import PDFDocument from 'pdfkit'
import { detectImageType } from '../../src/domain/evidence'
import { withoutPictographs } from '../../src/domain/file-formats'
import { formatLocalDate, wallClockOf } from '../../src/domain/time'
import type { CloudStorage } from '../_shared/context'
import { readStoredFile } from '../_shared/files'
import type { LedgerData } from './data'
import type { LedgerFont } from './font'
import type { Progress } from './xlsx'

/** Photos printed per activity; the rest are counted. */
export const MAX_PRINTED_PHOTOS = 4
const MINUTES_PRINTED_CHARS = 600
const PHOTO_WIDTH = 250
const PHOTO_HEIGHT = 180
const GAP = 12
/** Ideographic space between fields of a line. */
const SEP = '\u3000'

const hhmm = (date: Date, timeZone: string) => wallClockOf(date, timeZone).format('HH:mm')

/** The printable 组织生活台账: every activity with its attendance, minutes and photos. */
export async function activitiesPdf(
  data: LedgerData,
  font: LedgerFont,
  storage: CloudStorage,
  generatedAt: Date,
  progress: Progress,
): Promise<Uint8Array> {
  const { doc, width, finish } = startLedgerPdf(font, {
    title: data.branch.name,
    subtitle: `组织生活台账（${data.period.label}）`,
    caption: `共 ${data.rows.length} 次活动 · 完成情况：${data.evaluation.lightLabel} · 生成于 ${formatLocalDate(generatedAt, data.timeZone)}`,
  })
  if (data.rows.length === 0) doc.fontSize(12).text('本期间没有组织生活记录。')

  for (const [index, row] of data.rows.entries()) {
    const { activity, names } = row
    if (index > 0) doc.addPage()
    doc.fontSize(14).fillColor('#c8161d').text(`${index + 1}. ${activity.topic}`, { width })
    doc.fillColor('#000000').fontSize(10).moveDown(0.3)
    const lines = [
      `类型：${row.typeLabels.join('、')}${SEP}${SEP}状态：${row.held ? '已召开' : '未召开'}${SEP}${SEP}学时：${activity.creditHours}`,
      `时间：${formatLocalDate(activity.startAt, data.timeZone)} ${hhmm(activity.startAt, data.timeZone)}-${hhmm(activity.endAt, data.timeZone)}${SEP}${SEP}地点：${activity.place || '—'}`,
      `主讲人：${row.speaker || '—'}`,
      `应到 ${row.expected} 人，出席 ${names.present.length} 人，迟到 ${names.late.length} 人，请假 ${names.leave.length} 人，缺席 ${names.absent.length} 人`,
      `出席：${names.present.join('、') || '—'}`,
      ...(names.late.length ? [`迟到：${names.late.join('、')}`] : []),
      ...(names.leave.length ? [`请假：${names.leave.join('、')}`] : []),
      ...(names.absent.length ? [`缺席：${names.absent.join('、')}`] : []),
    ]
    for (const line of lines) doc.text(line, { width })
    doc.moveDown(0.5).fontSize(11).text('会议记录', { underline: true })
    const minutes = row.minutesText.length > MINUTES_PRINTED_CHARS ? `${row.minutesText.slice(0, MINUTES_PRINTED_CHARS)}……` : row.minutesText
    doc.fontSize(10).text(minutes || '（未上传会议记录）', { width })
    doc.moveDown(0.5).fontSize(11).text(`活动照片（${row.photos.length} 张）`, { underline: true })
    doc.moveDown(0.3)
    await printPhotos(doc, row.photos.slice(0, MAX_PRINTED_PHOTOS).map((photo) => photo.fileId), storage)
    if (row.photos.length > MAX_PRINTED_PHOTOS) {
      doc.fontSize(9).text(`另有 ${row.photos.length - MAX_PRINTED_PHOTOS} 张照片见系统相册`, doc.page.margins.left)
    }
    if (row.photos.length === 0) doc.fontSize(10).text('（未上传照片）')
    await progress(index + 1, data.rows.length)
  }
  return finish()
}

/**
 * An A4 document in the 台账's style (the Chinese font, a centred title, subtitle and grey caption):
 * the 组织生活台账 and the 月度通报 both start here. `finish()` ends it and answers its bytes.
 */
export function startLedgerPdf(
  font: LedgerFont,
  heading: { title: string; subtitle: string; caption: string },
): { doc: PDFKit.PDFDocument; width: number; finish: () => Promise<Uint8Array> } {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${heading.title} ${heading.subtitle}`, Author: '支部通' } })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  // Text people typed (topics, 会议记录) may hold emoji the Chinese font has no glyph for: printed as boxes otherwise.
  const write = doc.text.bind(doc) as (text: unknown, ...rest: unknown[]) => PDFKit.PDFDocument
  doc.text = ((text: unknown, ...rest: unknown[]) => write(typeof text === 'string' ? withoutPictographs(text) : text, ...rest)) as typeof doc.text
  if (font.name) doc.font(font.path, font.name)
  else doc.font(font.path)
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  doc.fontSize(20).text(heading.title, { align: 'center' })
  doc.fontSize(16).text(heading.subtitle, { align: 'center' })
  doc.moveDown(0.5)
  doc.fontSize(10).fillColor('#555555').text(heading.caption, { align: 'center' })
  doc.fillColor('#000000').moveDown()
  return {
    doc,
    width,
    async finish() {
      doc.end()
      return new Uint8Array(await finished)
    },
  }
}

/** Two photos a row, each fitted into PHOTO_WIDTH × PHOTO_HEIGHT; a new page when the row does not fit. */
async function printPhotos(doc: PDFKit.PDFDocument, fileIds: (string | null)[], storage: CloudStorage): Promise<void> {
  const left = doc.page.margins.left
  let column = 0
  let top = doc.y
  for (const fileId of fileIds) {
    const bytes = fileId ? await readStoredFile(storage, fileId) : null
    if (!bytes || !detectImageType(bytes)) continue
    if (column === 0 && top + PHOTO_HEIGHT > doc.page.height - doc.page.margins.bottom) {
      doc.addPage()
      top = doc.y
    }
    doc.image(Buffer.from(bytes), left + column * (PHOTO_WIDTH + GAP), top, { fit: [PHOTO_WIDTH, PHOTO_HEIGHT], align: 'center', valign: 'center' })
    column += 1
    if (column === 2) {
      column = 0
      top += PHOTO_HEIGHT + GAP
    }
  }
  doc.x = left
  doc.y = column === 0 ? top : top + PHOTO_HEIGHT + GAP
}
