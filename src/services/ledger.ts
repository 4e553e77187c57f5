import type { LedgerJobView } from '../domain/contracts'
import type { LedgerKind } from '../domain/model'
import { callAction, registerContract } from './cloud'
import { openExportedFile } from './files'
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

export const openLedgerFile = (job: LedgerJobView) =>
  openExportedFile({ url: job.url, fileName: job.fileName, fileType: job.kind === 'activities_pdf' ? 'pdf' : 'xlsx' })

/** A 月度通报 as xlsx or PDF (made by the ledger function in the 台账's style), opened. */
export async function openReportFile(reportId: string, format: 'xlsx' | 'pdf'): Promise<void> {
  const { url, fileName } = await callAction('ledger', 'report', { reportId, format })
  await openExportedFile({ url, fileName, fileType: format })
}
