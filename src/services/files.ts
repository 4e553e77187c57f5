import Taro from '@tarojs/taro'
import { localFileName } from '../domain/file-formats'
import { DEFAULT_ROSTER_IMPORT_LIMITS, importFolderOf, rosterLimitMessages } from '../domain/roster-import'
import { ServiceError } from './cloud'
import { uploadToCloud } from './upload'

/** A file the person picked: a temp path in the weapp, a browser File in H5. */
export interface PickedFile {
  name: string
  size: number
  path?: string
  file?: File
}

const SPREADSHEET_EXTENSIONS = ['xlsx', 'csv']

/**
 * Lets the person pick a .xlsx / .csv: from a WeChat chat in the weapp (chooseMessageFile),
 * from a file picker in H5. Answers null when they cancel.
 */
export async function pickSpreadsheet(): Promise<PickedFile | null> {
  let picked: PickedFile | null
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: SPREADSHEET_EXTENSIONS })
      const [first] = tempFiles
      picked = first ? { name: first.name, size: first.size, path: first.path } : null
    } catch {
      return null
    }
  } else {
    picked = await pickInBrowser('.xlsx,.csv')
  }
  if (!picked) return null
  const extension = picked.name.split('.').pop()?.toLowerCase() ?? ''
  if (!SPREADSHEET_EXTENSIONS.includes(extension)) throw new ServiceError('INVALID_INPUT', '请选择 .xlsx 或 .csv 格式的花名册')
  if (picked.size > DEFAULT_ROSTER_IMPORT_LIMITS.maxFileBytes) throw new ServiceError('INVALID_INPUT', rosterLimitMessages().fileBytes)
  return picked
}

function pickInBrowser(accept: string): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      input.remove()
      resolve(file ? { name: file.name, size: file.size, file } : null)
    })
    input.addEventListener('cancel', () => {
      input.remove()
      resolve(null)
    })
    document.body.appendChild(input)
    input.click()
  })
}

/** Uploads to cloud storage and answers the file id the cloud functions read it by. */
export async function uploadFile(cloudPath: string, picked: PickedFile): Promise<string> {
  const localPath = picked.path ?? (picked.file ? URL.createObjectURL(picked.file) : null)
  if (!localPath) throw new ServiceError('INVALID_INPUT', '没有读取到所选文件，请重新选择')
  return uploadToCloud(cloudPath, localPath)
}

/** imports/<branch>/<time>-<random>.<ext>: one object per upload, never overwriting another. */
export function importCloudPath(branchId: string, fileName: string, now = Date.now()): string {
  const extension = fileName.split('.').pop()?.toLowerCase() === 'csv' ? 'csv' : 'xlsx'
  return `${importFolderOf(branchId)}${now}-${Math.random().toString(36).slice(2, 8)}.${extension}`
}

/**
 * H5 against the local runtime: a temporary URL that downloads under `fileName` (the runtime serves
 * everything but photos and PDFs as an attachment, by default under its stored name).
 */
export function namedDownloadUrl(url: string, fileName: string | null): string {
  if (!fileName) return url
  return `${url}${url.includes('?') ? '&' : '?'}filename=${encodeURIComponent(fileName)}`
}

/**
 * Opens a file the functions hand out (台账, 通报, 花名册模板, 会议记录): weapp downloads it under its
 * name and opens it in WeChat's document viewer (the type from `fileType` or the name's extension:
 * xlsx, pdf, docx, doc); H5 opens the link.
 */
export async function openExportedFile(file: { url: string | null; fileName: string | null; fileType?: 'xlsx' | 'pdf' }, expired = '文件链接已失效，请重新导出'): Promise<void> {
  if (!file.url) throw new ServiceError('NOT_FOUND', expired)
  if (process.env.TARO_ENV === 'weapp') {
    try {
      // Kept under its own name (支部台账-….xlsx), not a temp file's random one: the name shows in the viewer and when forwarded.
      const named = file.fileName ? `${Taro.env.USER_DATA_PATH}/${localFileName(file.fileName)}` : undefined
      const downloaded = await Taro.downloadFile({ url: file.url, ...(named ? { filePath: named } : {}) })
      if (downloaded.statusCode !== 200) throw new Error(String(downloaded.statusCode))
      await Taro.openDocument({ filePath: named ?? downloaded.tempFilePath, ...(file.fileType ? { fileType: file.fileType } : {}), showMenu: true })
    } catch {
      throw new ServiceError('INTERNAL', '文件打开失败，请稍后重试')
    }
    return
  }
  window.open(namedDownloadUrl(file.url, file.fileName), '_blank')
}
