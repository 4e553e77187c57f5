import Taro from '@tarojs/taro'
import { DEFAULT_EVIDENCE_LIMITS, fitLongEdge } from '../domain/evidence'
import { ServiceError } from './cloud'
import { devIdentityHeaders } from './dev-identity'

/**
 * Uploads a local file (temp path on the phone, blob URL in H5) to cloud storage at `cloudPath`
 * and answers its file id. weapp: Taro.cloud.uploadFile; H5: POST multipart to the local
 * runtime's /api/upload with fields `cloudPath` and `file` → `{ ok, data: { fileId } }`.
 * The function that registers the file checks it again (type, size, owner).
 */
export async function uploadToCloud(cloudPath: string, filePath: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath })
      return fileID
    } catch {
      throw new ServiceError('INTERNAL', '上传失败，请检查网络后重试')
    }
  }
  let answer: unknown
  try {
    const response = await Taro.uploadFile({
      url: '/api/upload',
      filePath,
      name: 'file',
      formData: { cloudPath },
      header: devIdentityHeaders(),
    })
    answer = JSON.parse(response.data)
  } catch {
    throw new ServiceError('INTERNAL', '上传失败，请检查网络后重试')
  }
  const result = answer as { ok?: boolean; data?: { fileId?: string }; error?: { message?: string } }
  if (result.ok && result.data?.fileId) return result.data.fileId
  throw new ServiceError('INVALID_INPUT', result.error?.message ?? '上传失败，请稍后重试')
}

/** A photo made ready for upload: long edge ≤ the limit, JPEG. */
export interface PreparedPhoto {
  path: string
  extension: 'jpg' | 'png'
}

/**
 * Compresses a photo on the phone before upload (long edge ≤ DEFAULT_EVIDENCE_LIMITS.maxPhotoLongEdge).
 * weapp: Taro.compressImage with compressedWidth/compressedHeight (base library ≥ 2.26);
 * H5: drawn onto a canvas at the reduced size and re-encoded as JPEG.
 */
export async function compressPhoto(path: string): Promise<PreparedPhoto> {
  const { maxPhotoLongEdge: longEdge, photoQuality: quality } = DEFAULT_EVIDENCE_LIMITS
  if (process.env.TARO_ENV === 'weapp') {
    const info = await Taro.getImageInfo({ src: path })
    const size = fitLongEdge(info.width, info.height, longEdge)
    const landscape = info.width >= info.height
    const { tempFilePath } = await Taro.compressImage({
      src: path,
      quality,
      ...(landscape ? { compressedWidth: size.width } : { compressedHeight: size.height }),
    })
    return { path: tempFilePath, extension: info.type === 'png' ? 'png' : 'jpg' }
  }
  return compressInBrowser(path, longEdge, quality)
}

function compressInBrowser(path: string, longEdge: number, quality: number): Promise<PreparedPhoto> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => {
      const size = fitLongEdge(image.naturalWidth, image.naturalHeight, longEdge)
      const canvas = document.createElement('canvas')
      canvas.width = size.width
      canvas.height = size.height
      const context = canvas.getContext('2d')
      if (!context) return reject(new ServiceError('INTERNAL', '浏览器不支持图片压缩'))
      context.fillStyle = '#ffffff'
      context.fillRect(0, 0, size.width, size.height)
      context.drawImage(image, 0, 0, size.width, size.height)
      canvas.toBlob(
        (blob) =>
          blob
            ? resolve({ path: URL.createObjectURL(blob), extension: 'jpg' })
            : reject(new ServiceError('INTERNAL', '图片压缩失败，请换一张照片')),
        'image/jpeg',
        quality / 100,
      )
    }
    image.onerror = () => reject(new ServiceError('INVALID_INPUT', '无法读取这张图片，请换一张照片'))
    image.src = path
  })
}

/** A random name for an uploaded file (the function registers it under the activity's folder). */
export function randomFileName(): string {
  const random = Math.random().toString(36).slice(2, 10)
  return `${Date.now().toString(36)}${random}`
}
