import Taro from '@tarojs/taro'
import type { LedgerJobView } from '../domain/contracts'
import type { LedgerKind } from '../domain/model'
import { callAction, registerContract, ServiceError } from './cloud'
import { namedDownloadUrl } from './files'
import { ledgerContract } from '../domain/contracts/ledger'

registerContract('ledger', ledgerContract)

export function startLedgerExport(branchId: string, kind: LedgerKind, periodKey: string, jobId: string): Promise<LedgerJobView> {
  return callAction('ledger', 'start', { branchId, kind, periodKey, jobId })
}

export function fetchLedgerJob(jobId: string): Promise<LedgerJobView> {
  return callAction('ledger', 'status', { jobId })
}

export function fetchRecentLedgers(branchId: string): Promise<{ jobs: LedgerJobView[] }> {
  return callAction('ledger', 'recent', { branchId })
}

/** A job id the page chooses, so it can poll the job while the export runs. */
export function newLedgerJobId(): string {
  return `lj${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/**
 * Opens an exported file: weapp downloads it and opens it in WeChat's document viewer
 * (Taro.downloadFile + Taro.openDocument, xlsx and pdf supported); H5 opens the link.
 */
export async function openExportedFile(file: { url: string | null; fileName: string | null; fileType: 'xlsx' | 'pdf' }): Promise<void> {
  if (!file.url) throw new ServiceError('NOT_FOUND', '文件链接已失效，请重新导出')
  if (process.env.TARO_ENV === 'weapp') {
    try {
      // Kept under its own name (支部台账-….xlsx), not a temp file's random one: the name shows in the viewer and when forwarded.
      const named = file.fileName ? `${Taro.env.USER_DATA_PATH}/${file.fileName}` : undefined
      const downloaded = await Taro.downloadFile({ url: file.url, ...(named ? { filePath: named } : {}) })
      if (downloaded.statusCode !== 200) throw new Error(String(downloaded.statusCode))
      await Taro.openDocument({ filePath: named ?? downloaded.tempFilePath, fileType: file.fileType, showMenu: true })
    } catch {
      throw new ServiceError('INTERNAL', '文件打开失败，请稍后重试')
    }
    return
  }
  window.open(namedDownloadUrl(file.url, file.fileName), '_blank')
}

export const openLedgerFile = (job: LedgerJobView) =>
  openExportedFile({ url: job.url, fileName: job.fileName, fileType: job.kind === 'activities_pdf' ? 'pdf' : 'xlsx' })

/** A 月度通报 as xlsx or PDF (made by the ledger function in the 台账's style), opened. */
export async function openReportFile(reportId: string, format: 'xlsx' | 'pdf'): Promise<void> {
  const { url, fileName } = await callAction('ledger', 'report', { reportId, format })
  await openExportedFile({ url, fileName, fileType: format })
}
