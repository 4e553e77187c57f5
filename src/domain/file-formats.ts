/**
 * Structural checks of uploaded files: each walks its format's own framing (JPEG segments, PNG
 * chunks, a ZIP's central directory, a compound file's header, a PDF's head and tail), so a
 * file that only begins like a picture or a document (FF D8 FF, then a web page) is refused.
 * Pure: bytes in, answer out.
 */

const u16be = (bytes: Uint8Array, at: number): number => (bytes[at] << 8) | bytes[at + 1]
const u32be = (bytes: Uint8Array, at: number): number =>
  bytes[at] * 0x1000000 + ((bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3])
const u16le = (bytes: Uint8Array, at: number): number => bytes[at] | (bytes[at + 1] << 8)
const u32le = (bytes: Uint8Array, at: number): number =>
  bytes[at + 3] * 0x1000000 + ((bytes[at + 2] << 16) | (bytes[at + 1] << 8) | bytes[at])

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((value, index) => bytes[at + index] === value)

/** Bytes as Latin-1 text: one character per byte, for matching ASCII keywords in binary files. */
function latin1(bytes: Uint8Array): string {
  let text = ''
  for (let at = 0; at < bytes.length; at += 0x2000) {
    text += String.fromCharCode(...bytes.subarray(at, Math.min(bytes.length, at + 0x2000)))
  }
  return text
}

// ---------------------------------------------------------------------------------------------
// JPEG (ITU T.81 annex B)

const JPEG = { SOI: 0xd8, EOI: 0xd9, SOS: 0xda, TEM: 0x01, RST0: 0xd0, RST7: 0xd7 } as const

/** SOF0–SOF15 are C0–CF, except C4 (DHT), C8 (JPG, reserved) and CC (DAC). */
const isFrameMarker = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc

const isRestartMarker = (marker: number): boolean => marker >= JPEG.RST0 && marker <= JPEG.RST7

/** A frame header: length 8 + 3 per component, at least one component, width and height above 0. */
function isFrameHeader(bytes: Uint8Array, at: number, length: number): boolean {
  if (length < 11) return false
  const height = u16be(bytes, at + 3)
  const width = u16be(bytes, at + 5)
  const components = bytes[at + 7]
  return components >= 1 && length === 8 + 3 * components && width > 0 && height > 0
}

/** Where the entropy-coded data of a scan ends: the FF of the next marker (FF 00 is a stuffed byte, FF D0–D7 a restart). */
function endOfScan(bytes: Uint8Array, from: number): number {
  let at = bytes.indexOf(0xff, from)
  while (at >= 0 && at + 1 < bytes.length) {
    const next = bytes[at + 1]
    if (next !== 0x00 && !isRestartMarker(next)) return at
    at = bytes.indexOf(0xff, at + 2)
  }
  return -1
}

/**
 * A whole JPEG: SOI, marker segments whose lengths stay inside the file, a frame header (SOFn)
 * with a size before the first scan, the scans, and EOI as the very last two bytes.
 * Nothing may follow EOI: every photo reaches the server re-encoded on the phone (canvas
 * toBlob in H5, Taro.compressImage in the mini program) and those encoders end at EOI. Camera
 * originals do carry data after EOI (Samsung trailers, Motion Photo videos, MPF second
 * pictures), which is exactly where a polyglot hides its payload, and they never reach us.
 */
export function isJpeg(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== JPEG.SOI) return false
  let at = 2
  let frame = false
  let scan = false
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return false
    while (at < bytes.length && bytes[at] === 0xff) at++ // fill bytes may precede any marker
    if (at >= bytes.length) return false
    const marker = bytes[at++]
    if (marker === JPEG.EOI) return frame && scan && at === bytes.length
    if (marker === 0x00 || marker === JPEG.SOI) return false
    if (marker === JPEG.TEM || isRestartMarker(marker)) continue
    if (at + 2 > bytes.length) return false
    const length = u16be(bytes, at)
    if (length < 2 || at + length > bytes.length) return false
    if (isFrameMarker(marker)) {
      if (!isFrameHeader(bytes, at, length)) return false
      frame = true
    }
    at += length
    if (marker === JPEG.SOS) {
      if (!frame) return false
      scan = true
      at = endOfScan(bytes, at)
      if (at < 0) return false
    }
  }
  return false
}

// ---------------------------------------------------------------------------------------------
// PNG (ISO/IEC 15948)

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
/** Bit depths allowed for each colour type. */
const PNG_BIT_DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] }
const PNG_MAX_DIMENSION = 0x7fffffff

let crcTable: Uint32Array | null = null
/** CRC-32 (ISO 3309), as PNG and ZIP use it. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (let at = 0; at < bytes.length; at++) crc = crcTable[(crc ^ bytes[at]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

const isAsciiLetter = (byte: number): boolean => (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)

function isPngHeader(data: Uint8Array): boolean {
  if (data.length !== 13) return false
  const width = u32be(data, 0)
  const height = u32be(data, 4)
  const [bitDepth, colorType, compression, filter, interlace] = data.subarray(8)
  return (
    width > 0 &&
    height > 0 &&
    width <= PNG_MAX_DIMENSION &&
    height <= PNG_MAX_DIMENSION &&
    (PNG_BIT_DEPTHS[colorType]?.includes(bitDepth) ?? false) &&
    compression === 0 &&
    filter === 0 &&
    (interlace === 0 || interlace === 1)
  )
}

/**
 * A whole PNG: the signature, IHDR first (13 bytes, a size above 0, a valid depth and colour
 * type), chunks whose lengths stay in the file, types of four ASCII letters and matching
 * CRCs, at least one IDAT, and IEND last with nothing after it.
 */
export function isPng(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, PNG_SIGNATURE)) return false
  let at = PNG_SIGNATURE.length
  let first = true
  let data = false
  while (at + 12 <= bytes.length) {
    const length = u32be(bytes, at)
    if (length > PNG_MAX_DIMENSION || at + 12 + length > bytes.length) return false
    const typeBytes = bytes.subarray(at + 4, at + 8)
    if (!typeBytes.every(isAsciiLetter)) return false
    const type = latin1(typeBytes)
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== u32be(bytes, at + 8 + length)) return false
    if (first !== (type === 'IHDR')) return false
    if (first && !isPngHeader(bytes.subarray(at + 8, at + 8 + length))) return false
    first = false
    if (type === 'IDAT') data = true
    at += 12 + length
    if (type === 'IEND') return length === 0 && data && at === bytes.length
  }
  return false
}

// ---------------------------------------------------------------------------------------------
// PDF (ISO 32000)

const PDF_HEADER = /^%PDF-(1\.[0-7]|2\.0)[\r\n\s%]/
/** Readers look for %%EOF in the last 1024 bytes (Acrobat's rule); startxref is the line before it. */
export const PDF_TAIL_BYTES = 1024
const PDF_HEAD_BYTES = 1024
const PDF_TAIL = /startxref\s+(\d+)\s+%%EOF[\s\0]*$/
const HTML_START = /<!doctype\s+html|<html|<head|<body|<script|<iframe/i
const XREF_AT_OFFSET = /^\s*(xref|\d+\s+\d+\s+obj)/

/**
 * A PDF: the header %PDF-1.0…1.7 or %PDF-2.0 at the start, no web page start in the first KB,
 * and within the last KB `startxref <offset>` then %%EOF (only whitespace after it), where the
 * offset points inside the file at a cross-reference table or stream.
 */
export function isPdf(bytes: Uint8Array): boolean {
  const head = latin1(bytes.subarray(0, PDF_HEAD_BYTES))
  if (!PDF_HEADER.test(head) || HTML_START.test(head)) return false
  const tail = PDF_TAIL.exec(latin1(bytes.subarray(Math.max(0, bytes.length - PDF_TAIL_BYTES))))
  if (!tail) return false
  const offset = Number(tail[1])
  return offset < bytes.length && XREF_AT_OFFSET.test(latin1(bytes.subarray(offset, offset + 64)))
}

// ---------------------------------------------------------------------------------------------
// ZIP (PKWARE APPNOTE 6.3)

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]
const ZIP_CENTRAL_HEADER = [0x50, 0x4b, 0x01, 0x02]
const ZIP_END_OF_DIRECTORY = [0x50, 0x4b, 0x05, 0x06]
const ZIP_END_SIZE = 22
const ZIP_MAX_COMMENT = 0xffff
const ZIP_LOCAL_SIZE = 30
const ZIP_CENTRAL_SIZE = 46
/** Store and deflate: what Office, WPS, LibreOffice and every zip library write. */
export const ZIP_STORED = 0
export const ZIP_DEFLATED = 8

export interface ZipEntry {
  /** As stored, read as Latin-1 (the names looked up are ASCII). */
  name: string
  method: number
  /** General purpose flags; bit 0 means encrypted. */
  flags: number
  compressedSize: number
  /** As the directory declares it: a zip bomb can lie, so unpack with a limit of your own. */
  uncompressedSize: number
  localHeaderOffset: number
}

export interface ZipDirectory {
  entries: ZipEntry[]
  /** Where the central directory starts: every entry's data lies before it. */
  directoryOffset: number
}

/** Where the end-of-central-directory record is: searched from the end, its comment must end the file. */
function endOfDirectoryOffset(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - ZIP_END_SIZE - ZIP_MAX_COMMENT)
  for (let at = bytes.length - ZIP_END_SIZE; at >= lowest; at--) {
    if (startsWith(bytes, ZIP_END_OF_DIRECTORY, at) && at + ZIP_END_SIZE + u16le(bytes, at + 20) === bytes.length) return at
  }
  return -1
}

/**
 * The central directory of a ZIP, found from the end-of-central-directory record, or null when
 * the file is not a well-formed single-disk ZIP (ZIP64, which no Office file of our sizes needs,
 * included), an entry lies outside the file or a name appears twice.
 */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory | null {
  const end = endOfDirectoryOffset(bytes)
  if (end < 0) return null
  const count = u16le(bytes, end + 10)
  const size = u32le(bytes, end + 12)
  const offset = u32le(bytes, end + 16)
  if (u16le(bytes, end + 4) !== 0 || u16le(bytes, end + 6) !== 0 || u16le(bytes, end + 8) !== count) return null
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff || offset + size !== end) return null
  const entries: ZipEntry[] = []
  const names = new Set<string>()
  let at = offset
  for (let index = 0; index < count; index++) {
    if (at + ZIP_CENTRAL_SIZE > end || !startsWith(bytes, ZIP_CENTRAL_HEADER, at)) return null
    const nameLength = u16le(bytes, at + 28)
    const next = at + ZIP_CENTRAL_SIZE + nameLength + u16le(bytes, at + 30) + u16le(bytes, at + 32)
    if (next > end) return null
    const entry: ZipEntry = {
      name: latin1(bytes.subarray(at + ZIP_CENTRAL_SIZE, at + ZIP_CENTRAL_SIZE + nameLength)),
      method: u16le(bytes, at + 10),
      flags: u16le(bytes, at + 8),
      compressedSize: u32le(bytes, at + 20),
      uncompressedSize: u32le(bytes, at + 24),
      localHeaderOffset: u32le(bytes, at + 42),
    }
    if (names.has(entry.name) || entry.localHeaderOffset + ZIP_LOCAL_SIZE + entry.compressedSize > offset) return null
    names.add(entry.name)
    entries.push(entry)
    at = next
  }
  return at === end ? { entries, directoryOffset: offset } : null
}

/** The stored (compressed) bytes of one entry, located through its local header; null when that header is not where the directory says. */
export function zipEntryData(bytes: Uint8Array, directory: ZipDirectory, entry: ZipEntry): Uint8Array | null {
  const at = entry.localHeaderOffset
  if (!startsWith(bytes, ZIP_LOCAL_HEADER, at)) return null
  const start = at + ZIP_LOCAL_SIZE + u16le(bytes, at + 26) + u16le(bytes, at + 28)
  const stop = start + entry.compressedSize
  return stop <= directory.directoryOffset ? bytes.subarray(start, stop) : null
}

/** Parts every Word document (.docx, Office Open XML) lists. */
const DOCX_PARTS = ['[Content_Types].xml', 'word/document.xml']

/** A .docx: a ZIP starting with a local header whose central directory lists [Content_Types].xml and word/document.xml, both locatable. */
export function isDocx(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, ZIP_LOCAL_HEADER)) return false
  const directory = readZipDirectory(bytes)
  if (!directory) return false
  return DOCX_PARTS.every((name) => {
    const entry = directory.entries.find((candidate) => candidate.name === name)
    return entry !== undefined && zipEntryData(bytes, directory, entry) !== null
  })
}

// ---------------------------------------------------------------------------------------------
// Compound File Binary (MS-CFB): the container of .doc

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
/** Sector shift by major version: 512-byte sectors in version 3, 4096 in version 4. */
const CFB_SECTOR_SHIFT: Record<number, number> = { 3: 9, 4: 12 }
const CFB_MINI_SECTOR_SHIFT = 6
const CFB_MINI_STREAM_CUTOFF = 4096

/**
 * A .doc container: the signature, a zero CLSID, version 3 or 4 with its sector shift (9 or 12),
 * the byte order mark FE FF, mini sectors of 64 bytes, the 4096-byte mini stream cutoff, at
 * least one FAT sector and a first directory sector inside the file.
 */
export function isCompoundFile(bytes: Uint8Array): boolean {
  if (bytes.length < 512 || !startsWith(bytes, CFB_SIGNATURE)) return false
  if (!bytes.subarray(8, 24).every((byte) => byte === 0)) return false
  const shift = CFB_SECTOR_SHIFT[u16le(bytes, 26)]
  if (shift === undefined || u16le(bytes, 30) !== shift) return false
  if (bytes[28] !== 0xfe || bytes[29] !== 0xff) return false
  if (u16le(bytes, 32) !== CFB_MINI_SECTOR_SHIFT || u32le(bytes, 56) !== CFB_MINI_STREAM_CUTOFF) return false
  const sectorSize = 2 ** shift
  const fatSectors = u32le(bytes, 44)
  const firstDirectorySector = u32le(bytes, 48)
  // Sector n starts at (n + 1) × sector size: the header fills sector −1.
  const sectorsInFile = Math.ceil((bytes.length - sectorSize) / sectorSize)
  return fatSectors >= 1 && fatSectors <= sectorsInFile && firstDirectorySector < sectorsInFile
}

/**
 * Text for a document whose font has no emoji (the PDF 台账 and 通报): pictographs, their skin-tone
 * modifiers, variation selectors, joiners and keycaps go, rather than print as empty boxes.
 */
export function withoutPictographs(text: string): string {
  return text.replace(/\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}/gu, '').replace(/ {2,}/g, ' ')
}

/**
 * A file name safe to save under on the phone (USER_DATA_PATH/<name>): no folder separators, no
 * "..", no characters file systems refuse; names come from people (an org's name, an upload's name).
 */
export function localFileName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '_')
    .trim()
  return cleaned.slice(-100) || '文件'
}
