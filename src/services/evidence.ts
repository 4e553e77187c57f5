import Taro from '@tarojs/taro'
import type { ActivityEvidence, EvidenceItem, GalleryMonth } from '../domain/contracts'
import { evidenceCloudPath } from '../domain/evidence'
import { callAction, registerContract, ServiceError } from './cloud'
import { namedDownloadUrl } from './files'
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

/** A minutes document: WeChat's document viewer in the weapp, a new tab in H5. */
export async function openEvidenceFile(item: EvidenceItem): Promise<void> {
  if (!item.url) throw new ServiceError('NOT_FOUND', '文件链接已失效，请刷新后重试')
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const { tempFilePath } = await Taro.downloadFile({ url: item.url })
      await Taro.openDocument({ filePath: tempFilePath, showMenu: true })
    } catch {
      throw new ServiceError('INTERNAL', '文件打开失败，请稍后重试')
    }
    return
  }
  window.open(namedDownloadUrl(item.url, item.fileName), '_blank')
}
