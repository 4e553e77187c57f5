import { isCompoundFile, isDocx, isJpeg, isPdf, isPng } from './file-formats'

/**
 * 痕迹 (evidence) rules: limits live here, like a ruleset, so functions and pages read
 * the same numbers and a school can change them in one place.
 */
export interface EvidenceLimits {
  /** Photos per activity (all review states count, rejected ones excepted). */
  maxPhotosPerActivity: number
  /** Bytes of one photo after compression on the phone. */
  maxPhotoBytes: number
  /** Long edge of a photo after compression, in pixels. */
  maxPhotoLongEdge: number
  /** Quality the phone compresses with (0–100, Taro.compressImage). */
  photoQuality: number
  /** Characters of typed minutes. */
  maxMinutesChars: number
  /** Bytes of a minutes document (PDF, Word). */
  maxMinutesFileBytes: number
}

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = {
  maxPhotosPerActivity: 9,
  maxPhotoBytes: 2 * 1024 * 1024,
  maxPhotoLongEdge: 1280,
  photoQuality: 80,
  maxMinutesChars: 20000,
  maxMinutesFileBytes: 10 * 1024 * 1024,
}

export type ImageType = 'jpeg' | 'png'
export type DocumentType = 'pdf' | 'docx' | 'doc'

/** The real type of a picture from its structure (see file-formats.ts), whatever its name says. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (isJpeg(bytes)) return 'jpeg'
  if (isPng(bytes)) return 'png'
  return null
}

/** A minutes document from its structure: PDF, .docx (a Word ZIP), .doc (a compound file). */
export function detectDocumentType(bytes: Uint8Array): DocumentType | null {
  if (isPdf(bytes)) return 'pdf'
  if (isDocx(bytes)) return 'docx'
  if (isCompoundFile(bytes)) return 'doc'
  return null
}

export const DOCUMENT_EXTENSIONS: Record<DocumentType, string> = { pdf: 'pdf', docx: 'docx', doc: 'doc' }

/** Where the app uploads a photo or document of an activity: `evidence/<branchId>/<activityId>/<name>.<ext>`. */
export function evidenceCloudPath(branchId: string, activityId: string, name: string, extension: string): string {
  return `evidence/${branchId}/${activityId}/${name}.${extension}`
}

const EVIDENCE_PATH = /^evidence\/([\w-]+)\/([\w-]+)\/([\w-]+)\.(jpg|jpeg|png|pdf|docx|doc)$/

/** The parts of an evidence cloud path, or null when it is not one. */
export function parseEvidenceCloudPath(
  cloudPath: string,
): { branchId: string; activityId: string; name: string; extension: string } | null {
  const match = EVIDENCE_PATH.exec(cloudPath)
  if (!match) return null
  return { branchId: match[1], activityId: match[2], name: match[3], extension: match[4] }
}

/**
 * `cloud://<env>/<path>` (production: `cloud://<env>.<bucket>/<path>`, locally `cloud://local/<path>`) → `<path>`,
 * or null when it is not a file id or its path is not plain: every segment non-empty, no `.` or `..`,
 * no backslash or percent sign (storage would resolve those to another folder than the one checked).
 */
export function cloudPathOfFileId(fileId: string): string | null {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)
  if (!match) return null
  const segments = match[1].split('/')
  const plain = segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !/[\\%]/.test(segment))
  return plain ? match[1] : null
}

/** The file lies inside `folder` (e.g. `imports/<branchId>/`), compared segment by segment on a plain path. */
export function isFileInFolder(fileId: string, folder: string): boolean {
  const path = cloudPathOfFileId(fileId)
  if (!path) return false
  const folderSegments = folder.split('/').filter((segment) => segment !== '')
  const segments = path.split('/')
  return segments.length > folderSegments.length && folderSegments.every((segment, index) => segments[index] === segment)
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** Fits a picture into a square of `longEdge` pixels, keeping its proportions (never enlarges). */
export function fitLongEdge(width: number, height: number, longEdge: number): { width: number; height: number } {
  const scale = Math.min(1, longEdge / Math.max(width, height, 1))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** The first characters of minutes for lists and the ledger. */
export function excerpt(text: string | null, length: number): string {
  if (!text) return ''
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > length ? `${flat.slice(0, length)}…` : flat
}
