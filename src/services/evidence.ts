import type { ActivityEvidence, EvidenceItem, GalleryMonth } from '../domain/contracts'
import { evidenceCloudPath } from '../domain/evidence'
import { callAction, registerContract } from './cloud'
import { openExportedFile } from './files'
import { compressPhoto, randomFileName, uploadToCloud } from './upload'
import { evidenceContract } from '../domain/contracts/evidence'

registerContract('evidence', evidenceContract)

export function fetchActivityEvidence(activityId: string): Promise<ActivityEvidence> {
  return callAction('evidence', 'listForActivity', { activityId })
}

/** Compresses, uploads to evidence/<branchId>/<activityId>/<id>.jpg, then registers the photo. */
export async function uploadPhoto(branchId: string, activityId: string, localPath: string): Promise<EvidenceItem> {
  const photo = await compressPhoto(localPath)
  const fileId = await uploadToCloud(evidenceCloudPath(branchId, activityId, randomFileName(), photo.extension), photo.path)
  return callAction('evidence', 'addPhoto', { activityId, fileId })
}

export function addMinutesText(activityId: string, text: string): Promise<EvidenceItem> {
  return callAction('evidence', 'addMinutesText', { activityId, text })
}

/** A minutes document (PDF/Word) picked from a chat (weapp) or the file system (H5). */
export async function uploadMinutesFile(
  branchId: string,
  activityId: string,
  file: { path: string; name: string },
): Promise<EvidenceItem> {
  const extension = (/\.(pdf|docx|doc)$/i.exec(file.name)?.[1] ?? 'pdf').toLowerCase()
  const fileId = await uploadToCloud(evidenceCloudPath(branchId, activityId, randomFileName(), extension), file.path)
  return callAction('evidence', 'addMinutesFile', { activityId, fileId, fileName: file.name })
}

export function removeEvidence(evidenceId: string): Promise<{ removed: true }> {
  return callAction('evidence', 'remove', { evidenceId })
}

export function fetchGallery(branchId: string, month: string): Promise<GalleryMonth> {
  return callAction('evidence', 'gallery', { branchId, month })
}

/** A minutes document, under its uploaded name: WeChat's document viewer in the weapp, a new tab in H5. */
export const openEvidenceFile = (item: EvidenceItem) => openExportedFile(item, '文件链接已失效，请刷新后重试')
