import ExcelJS from 'exceljs'
import { strToU8, zipSync } from 'fflate'
import { renderDemoPhotos } from '../../../cloud-runtime/seed/photos'
import { detectDocumentType, detectImageType } from '../../../src/domain/evidence'
import { crc32, localFileName, readZipDirectory } from '../../../src/domain/file-formats'
import { concatBytes, sampleDoc, sampleDocx, sampleJpeg, samplePdf, samplePng, WEB_PAGE } from '../../support/sample-files'

const text = (value: string) => new TextEncoder().encode(value)

/** Offset of the first segment with this marker (FF xx) in a JPEG's headers. */
function markerAt(bytes: Uint8Array, marker: number): number {
  for (let at = 2; at + 1 < bytes.length; ) {
    if (bytes[at + 1] === marker) return at
    at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3])
  }
  throw new Error(`no marker ${marker.toString(16)}`)
}

/** A PNG chunk with its length and CRC computed, for building hostile PNGs. */
function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length)
  const view = new DataView(chunk.buffer)
  view.setUint32(0, data.length)
  chunk.set(text(type), 4)
  chunk.set(data, 8)
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)))
  return chunk
}

describe('photos are checked by their structure, not their first bytes', () => {
  it('takes real JPEGs and PNGs: small ones, large padded ones and the demo seed pictures', () => {
    expect(detectImageType(sampleJpeg())).toBe('jpeg')
    expect(detectImageType(sampleJpeg({ width: 1, height: 1 }))).toBe('jpeg')
    expect(detectImageType(sampleJpeg({ size: 300_000 }))).toBe('jpeg')
    expect(detectImageType(samplePng())).toBe('png')
    for (const photo of Object.values(renderDemoPhotos())) expect(detectImageType(photo)).toBe('png')
  })

  it('walks on past a scan: comment segments and restart markers between scans still pass', () => {
    const photo = sampleJpeg()
    const end = photo.length - 2
    const withComment = concatBytes(photo.subarray(0, end), new Uint8Array([0xff, 0xfe, 0, 4, 0x61, 0x62]), photo.subarray(end))
    expect(detectImageType(withComment)).toBe('jpeg')
    const restart = concatBytes(photo.subarray(0, end), new Uint8Array([0xff, 0xd0, 0x12, 0xff, 0x00]), photo.subarray(end))
    expect(detectImageType(restart)).toBe('jpeg')
  })

  it('refuses JPEG polyglots: FF D8 FF + a web page, a web page after EOI or before SOI', () => {
    expect(detectImageType(concatBytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), WEB_PAGE))).toBeNull()
    expect(detectImageType(concatBytes(new Uint8Array([0xff, 0xd8, 0xff]), WEB_PAGE))).toBeNull()
    expect(detectImageType(concatBytes(sampleJpeg(), WEB_PAGE))).toBeNull()
    expect(detectImageType(concatBytes(WEB_PAGE, sampleJpeg()))).toBeNull()
  })

  it('refuses trailing bytes after EOI, even zeros: our encoders never write them', () => {
    expect(detectImageType(concatBytes(sampleJpeg(), new Uint8Array(16)))).toBeNull()
  })

  it('refuses truncated JPEGs and JPEGs without a usable frame', () => {
    const photo = sampleJpeg()
    expect(detectImageType(photo.subarray(0, photo.length - 2))).toBeNull() // no EOI
    expect(detectImageType(photo.subarray(0, Math.floor(photo.length / 2)))).toBeNull()
    expect(detectImageType(photo.subarray(0, markerAt(photo, 0xda)))).toBeNull() // headers only
    const zeroWidth = photo.slice()
    const frame = markerAt(zeroWidth, 0xc0)
    zeroWidth.set([0, 0], frame + 7)
    expect(detectImageType(zeroWidth)).toBeNull()
    const noFrame = concatBytes(photo.subarray(0, markerAt(photo, 0xc0)), photo.subarray(markerAt(photo, 0xc4)))
    expect(detectImageType(noFrame)).toBeNull()
    const overlong = photo.slice()
    overlong.set([0xff, 0xff], markerAt(overlong, 0xdb) + 2) // a segment length past the end of the file
    expect(detectImageType(overlong)).toBeNull()
  })

  it('refuses PNG polyglots, truncated PNGs, corrupt chunks and a zero-sized header', () => {
    const picture = samplePng()
    expect(detectImageType(concatBytes(picture.subarray(0, 8), WEB_PAGE))).toBeNull()
    expect(detectImageType(concatBytes(picture, WEB_PAGE))).toBeNull()
    expect(detectImageType(picture.subarray(0, picture.length - 12))).toBeNull() // no IEND
    expect(detectImageType(picture.subarray(0, 40))).toBeNull()
    const flipped = picture.slice()
    flipped[60] ^= 0xff // inside IDAT: the CRC no longer matches
    expect(detectImageType(flipped)).toBeNull()
    const header = (width: number) => {
      const data = new Uint8Array(13)
      new DataView(data.buffer).setUint32(0, width)
      data.set([0, 0, 0, 1, 8, 2, 0, 0, 0], 4)
      return pngChunk('IHDR', data)
    }
    const body = (width: number, type = 'IDAT') =>
      concatBytes(picture.subarray(0, 8), header(width), pngChunk(type, new Uint8Array([0x78, 0x9c])), pngChunk('IEND', new Uint8Array()))
    expect(detectImageType(body(1))).toBe('png')
    expect(detectImageType(body(0))).toBeNull()
    expect(detectImageType(body(1, 'ID4T'))).toBeNull() // a chunk type that is not four letters
    expect(detectImageType(body(1, 'tEXt'))).toBeNull() // no image data at all
  })

  it('answers null for empty input, text and other formats', () => {
    expect(detectImageType(new Uint8Array())).toBeNull()
    expect(detectImageType(text('GIF89a'))).toBeNull()
    expect(detectImageType(new Uint8Array([0xff, 0xd8]))).toBeNull()
    expect(detectImageType(samplePdf())).toBeNull()
  })
})

describe('minutes documents are checked by their structure', () => {
  it('takes a PDF from pdfkit, a Word .docx and a compound-file .doc', () => {
    expect(detectDocumentType(samplePdf())).toBe('pdf')
    expect(detectDocumentType(sampleDocx())).toBe('docx')
    expect(detectDocumentType(sampleDoc())).toBe('doc')
  })

  it('takes a PDF with trailing newlines and PDF 2.0', () => {
    expect(detectDocumentType(concatBytes(samplePdf(), text('\r\n\n')))).toBe('pdf')
    const pdf = samplePdf()
    const v2 = pdf.slice()
    v2.set(text('%PDF-2.0'))
    expect(detectDocumentType(v2)).toBe('pdf')
  })

  it('refuses PDF polyglots and broken PDFs', () => {
    const pdf = samplePdf()
    expect(detectDocumentType(concatBytes(text('%PDF-1.4\n'), WEB_PAGE))).toBeNull()
    // A web page right after the header, even with a well-formed tail.
    expect(detectDocumentType(concatBytes(text('%PDF-1.7\n'), WEB_PAGE, pdf.subarray(9)))).toBeNull()
    // A tail whose startxref points at nothing like a cross-reference.
    expect(detectDocumentType(text(`%PDF-1.4\n${'x'.repeat(2000)}\nstartxref\n9\n%%EOF\n`))).toBeNull()
    expect(detectDocumentType(concatBytes(pdf, WEB_PAGE))).toBeNull() // after %%EOF
    expect(detectDocumentType(pdf.subarray(0, Math.floor(pdf.length / 2)))).toBeNull()
    expect(detectDocumentType(concatBytes(text('%PDF-1.9\n'), pdf.subarray(9)))).toBeNull()
  })

  it('refuses a ZIP that is not a Word document, a broken ZIP and a ZIP polyglot', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('花名册').addRow(['姓名'])
    expect(detectDocumentType(new Uint8Array(await workbook.xlsx.writeBuffer()))).toBeNull()
    expect(detectDocumentType(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).toBeNull()
    const docx = sampleDocx()
    expect(detectDocumentType(docx.subarray(0, docx.length - 30))).toBeNull() // end of directory cut off
    expect(detectDocumentType(concatBytes(docx, WEB_PAGE))).toBeNull()
    expect(detectDocumentType(concatBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), WEB_PAGE))).toBeNull()
  })

  it('reads a ZIP directory and refuses one that names a part twice', () => {
    expect(readZipDirectory(sampleDocx())?.entries.map((entry) => entry.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml'])
    const twice = zipSync({ 'alpha.xml': strToU8('1'), 'bravo.xml': strToU8('2') })
    twice.set(text('alpha.xml'), new TextDecoder('latin1').decode(twice).lastIndexOf('bravo.xml')) // the directory's second name
    expect(readZipDirectory(twice)).toBeNull()
  })

  it('refuses compound files with a wrong byte order mark or sector shift, and a bare signature', () => {
    const doc = sampleDoc()
    const byteOrder = doc.slice()
    byteOrder.set([0xff, 0xfe], 28)
    expect(detectDocumentType(byteOrder)).toBeNull()
    const shift = doc.slice()
    shift[30] = 12 // version 3 uses 512-byte sectors
    expect(detectDocumentType(shift)).toBeNull()
    expect(detectDocumentType(concatBytes(doc.subarray(0, 8), WEB_PAGE))).toBeNull()
    expect(detectDocumentType(doc.subarray(0, 600))).toBeNull() // the directory sector is missing
  })

  it('answers null for empty input, text and pictures', () => {
    expect(detectDocumentType(new Uint8Array())).toBeNull()
    expect(detectDocumentType(text('plain text'))).toBeNull()
    expect(detectDocumentType(sampleJpeg())).toBeNull()
  })
})

describe('localFileName: a name to save a download under on the phone', () => {
  it('keeps a readable name as it is', () => {
    expect(localFileName('支部台账-计算机学院教工党支部-2026年11月.xlsx')).toBe('支部台账-计算机学院教工党支部-2026年11月.xlsx')
  })

  it('never leaves the folder: separators, a leading dot and characters file systems refuse are replaced', () => {
    expect(localFileName('../../secret.pdf')).toBe('__.._secret.pdf')
    expect(localFileName('a/b\\c:d*e?f"g<h>i|j.docx')).toBe('a_b_c_d_e_f_g_h_i_j.docx')
    expect(localFileName('.hidden')).toBe('_hidden')
    expect(localFileName('line\nbreak.pdf')).toBe('line_break.pdf')
  })

  it('keeps the extension of a very long name, and names an empty one', () => {
    expect(localFileName(`${'长'.repeat(200)}.pdf`)).toHaveLength(100)
    expect(localFileName(`${'长'.repeat(200)}.pdf`).endsWith('.pdf')).toBe(true)
    expect(localFileName('  ')).toBe('文件')
  })
})
