import { strToU8, zipSync } from 'fflate'
import jpeg from 'jpeg-js'
import PDFDocument from 'pdfkit'
import { PNG } from 'pngjs'

/** Small real files of every type the app takes, made by the libraries that write them (nothing checked in). */

/** What a polyglot carries: a web page that runs script if a browser ever renders it. */
export const WEB_PAGE = new TextEncoder().encode('<!doctype html><html><body><script>fetch("/steal?c="+document.cookie)</script></body></html>')

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** RGBA pixels of a diagonal gradient, so the encoders have something to compress. */
function gradient(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4
      pixels[at] = (x * 255) / Math.max(1, width - 1)
      pixels[at + 1] = (y * 255) / Math.max(1, height - 1)
      pixels[at + 2] = 128
      pixels[at + 3] = 255
    }
  }
  return pixels
}

export function samplePng(width = 32, height = 24): Uint8Array {
  const png = new PNG({ width, height })
  gradient(width, height).copy(png.data)
  return new Uint8Array(PNG.sync.write(png))
}

const COM_MAX_TOTAL = 2 + 0xffff

/** Comment segments (FF FE) of exactly `total` bytes in all, each at most 65,537 bytes. */
function commentSegments(total: number): Uint8Array {
  const out = new Uint8Array(total)
  let at = 0
  while (at < total) {
    let size = Math.min(COM_MAX_TOTAL, total - at)
    if (total - at - size > 0 && total - at - size < 4) size -= 4
    if (size < 4) throw new Error('cannot pad a JPEG by fewer than 4 bytes')
    out.set([0xff, 0xfe, (size - 2) >> 8, (size - 2) & 0xff], at)
    out.fill(0x20, at + 4, at + size)
    at += size
  }
  return out
}

/** A baseline JPEG (jpeg-js); with `size`, padded with comment segments to exactly that many bytes. */
export function sampleJpeg(options: { width?: number; height?: number; size?: number } = {}): Uint8Array {
  const { width = 32, height = 24, size } = options
  const encoded = new Uint8Array(jpeg.encode({ data: gradient(width, height), width, height }, 80).data)
  if (size === undefined) return encoded
  const padding = commentSegments(size - encoded.length)
  const out = new Uint8Array(size)
  out.set(encoded.subarray(0, 2))
  out.set(padding, 2)
  out.set(encoded.subarray(2), 2 + padding.length)
  return out
}

/** A one-page PDF written by pdfkit (read synchronously: pdfkit pushes everything on end()). */
export function samplePdf(text = 'Minutes of the branch meeting'): Uint8Array {
  const doc = new PDFDocument({ compress: false })
  doc.text(text)
  doc.end()
  const chunks: Buffer[] = []
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk)
  return new Uint8Array(Buffer.concat(chunks))
}

const WORD_CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
const WORD_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
const WORD_DOCUMENT =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:body><w:p><w:r><w:t>会议记录：传达学习上级会议精神。</w:t></w:r></w:p></w:body></w:document>'

/** The smallest Word document Word opens: content types, package relationships and the main part. */
export function sampleDocx(): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(WORD_CONTENT_TYPES),
    '_rels/.rels': strToU8(WORD_RELS),
    'word/document.xml': strToU8(WORD_DOCUMENT),
  })
}

const CFB_FREE = 0xffffffff
const CFB_END_OF_CHAIN = 0xfffffffe
const CFB_FAT_SECTOR = 0xfffffffd

/** An empty compound file (MS-CFB version 3): header, one FAT sector, one directory sector holding the root entry. */
export function sampleDoc(): Uint8Array {
  const file = new Uint8Array(512 * 3)
  const view = new DataView(file.buffer)
  file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  view.setUint16(24, 0x003e, true) // minor version
  view.setUint16(26, 3, true) // major version 3: 512-byte sectors
  view.setUint16(28, 0xfffe, true) // byte order mark
  view.setUint16(30, 9, true) // sector shift
  view.setUint16(32, 6, true) // mini sector shift
  view.setUint32(44, 1, true) // FAT sectors
  view.setUint32(48, 1, true) // first directory sector
  view.setUint32(56, 4096, true) // mini stream cutoff
  view.setUint32(60, CFB_END_OF_CHAIN, true) // no mini FAT
  view.setUint32(68, CFB_END_OF_CHAIN, true) // no DIFAT sectors
  for (let at = 76; at < 512; at += 4) view.setUint32(at, CFB_FREE, true)
  view.setUint32(76, 0, true) // the FAT is sector 0
  const fat = 512
  for (let at = fat; at < fat + 512; at += 4) view.setUint32(at, CFB_FREE, true)
  view.setUint32(fat, CFB_FAT_SECTOR, true)
  view.setUint32(fat + 4, CFB_END_OF_CHAIN, true)
  const root = 1024
  const name = 'Root Entry'
  for (let index = 0; index < name.length; index++) view.setUint16(root + index * 2, name.charCodeAt(index), true)
  view.setUint16(root + 64, (name.length + 1) * 2, true)
  file[root + 66] = 5 // root storage
  file[root + 67] = 1 // black
  for (const offset of [68, 72, 76]) view.setUint32(root + offset, CFB_FREE, true) // no siblings, no child
  view.setUint32(root + 116, CFB_END_OF_CHAIN, true) // empty mini stream
  for (let entry = 1; entry < 4; entry++) {
    for (const offset of [68, 72, 76]) view.setUint32(root + entry * 128 + offset, CFB_FREE, true)
  }
  return file
}
