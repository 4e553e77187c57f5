import { randomBytes } from 'node:crypto'
import { RULES } from '../../src/domain/authorization'
import { ledgerContract, type LedgerJobView } from '../../src/domain/contracts/ledger'
import { AppError } from '../../src/domain/errors'
import { LEDGER_KIND_LABELS, type LedgerJob, type LedgerKind, type Member, type Org } from '../../src/domain/model'
import type { RulesetTimeline } from '../../src/domain/ruleset'
import { formatLocalDate, type Period } from '../../src/domain/time'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll, findOne } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { action, noSummaryEffect, scoped } from '../_shared/policy'
import { branchOrFail, onBranch } from '../_shared/scopes'
import { tempUrlsOf } from '../_shared/files'
import { loadLedgerData } from './data'
import { ledgerFont } from './font'
import { activitiesPdf } from './pdf'
import { activitiesWorkbook, membersWorkbook } from './xlsx'
import { onMonthlyReport } from '../reports/scope'
import type { ReportFormat } from '../../src/domain/reports'
import { reportPdf, reportWorkbook } from './report'

const EXTENSIONS: Record<LedgerKind, string> = { activities_xlsx: 'xlsx', activities_pdf: 'pdf', members_xlsx: 'xlsx' }
const TITLES: Record<LedgerKind, string> = {
  activities_xlsx: '组织生活台账',
  activities_pdf: '组织生活台账',
  members_xlsx: '党员信息台账',
}
/** The job document is written at most this often (in percentage points) while a file is built. */
const PROGRESS_STEP = 5

/** Where an export is stored: `ledgers/<branchId>/<jobId>.<ext>` (an ASCII path; people see fileName). */
export const ledgerCloudPath = (branchId: string, jobId: string, kind: LedgerKind) =>
  `ledgers/${branchId}/${jobId}.${EXTENSIONS[kind]}`

function periodOf(key: string, rules: RulesetTimeline): Period {
  try {
    return rules.calendar.periodFromKey(key)
  } catch {
    throw new AppError('INVALID_INPUT', `导出期间「${key}」不正确`)
  }
}

async function toView(context: CloudContext, job: LedgerJob): Promise<LedgerJobView> {
  const url = job.status === 'done' && job.fileId ? ((await tempUrlsOf(context.storage, [job.fileId])).get(job.fileId) ?? null) : null
  return {
    id: job._id,
    branchId: job.branchId,
    kind: job.kind,
    kindLabel: LEDGER_KIND_LABELS[job.kind],
    periodKey: job.periodKey,
    periodLabel: job.periodLabel,
    status: job.status,
    progress: job.progress,
    step: job.step,
    fileName: job.fileName,
    url,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
  }
}

/** An export job, with the branch it was made for: its managers may follow it. */
const onLedgerJob = <Input extends { jobId: string }>() =>
  scoped({
    target: '请求中的导出任务所属的党支部',
    async resolve(input: Input, _caller, context) {
      const job = await findOne<LedgerJob>(collectionOf(context.db, 'ledgerJobs').where({ _id: input.jobId }))
      if (!job) throw new AppError('NOT_FOUND', '导出任务不存在')
      return { job, branch: await branchOrFail(context, job.branchId) }
    },
    rules: [RULES.managesBranch],
  })

const onManagedBranch = <Input extends { branchId: string }>() => onBranch((input: Input) => input.branchId, RULES.managesBranch)

/** Builds the file, reporting progress between `from` and 95 %. */
async function buildFile(
  context: CloudContext,
  branch: Org,
  kind: LedgerKind,
  period: Period,
  rules: RulesetTimeline,
  report: (progress: number, step: string) => Promise<void>,
): Promise<Uint8Array> {
  const scaled = (step: string) => async (done: number, total: number) =>
    report(20 + Math.floor((75 * done) / Math.max(1, total)), step)
  if (kind === 'members_xlsx') {
    const members = await findAll<Member>(
      collectionOf(context.db, 'members').where({ branchId: branch._id, active: true }).orderBy('_id', 'asc'),
    )
    const groups = await findAll<Org>(collectionOf(context.db, 'orgs').where({ parentId: branch._id, kind: 'group' }))
    await report(20, '正在生成党员信息台账')
    const asOf = `截至${formatLocalDate(context.now(), rules.timeZone)}`
    return membersWorkbook(branch, members, groups, asOf, rules.timeZone, scaled('正在写入党员信息'))
  }
  const font = kind === 'activities_pdf' ? ledgerFont() : null
  const data = await loadLedgerData(context, branch, period, rules)
  await report(20, `已读取 ${data.rows.length} 次活动`)
  if (font) return activitiesPdf(data, font, context.storage, context.now(), scaled('正在排版活动与照片'))
  return activitiesWorkbook(data, scaled('正在写入活动'))
}

export const ledger = defineCloudFunction(ledgerContract, {
  start: action(onManagedBranch(), noSummaryEffect, async ({ branchId, kind, periodKey, jobId }, { caller, branch }, context) => {
    const rules = await context.rulesOverTime(branch)
    const period = periodOf(periodKey, rules)
    const id = jobId ?? `lj${randomBytes(8).toString('hex')}`
    const jobs = collectionOf(context.db, 'ledgerJobs')
    if (await findOne<LedgerJob>(jobs.where({ _id: id }))) throw new AppError('CONFLICT', '该导出任务已存在')
    const job: LedgerJob = {
      _id: id,
      branchId,
      kind,
      periodKey: period.key,
      periodLabel: kind === 'members_xlsx' ? `截至${formatLocalDate(context.now(), rules.timeZone)}` : period.label,
      status: 'running',
      progress: 0,
      step: '正在读取记录',
      fileId: null,
      fileName: null,
      error: null,
      requestedBy: caller._id,
      createdAt: context.now(),
      finishedAt: null,
    }
    await jobs.add(job)
    let written = 0
    const report = async (progress: number, step: string) => {
      if (progress - written < PROGRESS_STEP && step === job.step) return
      written = progress
      job.progress = progress
      job.step = step
      await jobs.doc(id).update({ progress, step })
    }
    try {
      const bytes = await buildFile(context, branch, kind, period, rules, report)
      const { fileId } = await context.storage.uploadFile(ledgerCloudPath(branchId, id, kind), bytes)
      Object.assign(job, {
        status: 'done',
        progress: 100,
        step: '已完成',
        fileId,
        fileName: `${TITLES[kind]}-${branch.name}-${job.periodLabel}.${EXTENSIONS[kind]}`,
        finishedAt: context.now(),
      } satisfies Partial<LedgerJob>)
    } catch (error) {
      const message = error instanceof AppError ? error.message : '生成台账时出错，请稍后重试'
      await jobs.doc(id).update({ status: 'failed', step: '导出失败', error: message, finishedAt: context.now() })
      throw error
    }
    await jobs.doc(id).update({
      status: job.status,
      progress: job.progress,
      step: job.step,
      fileId: job.fileId,
      fileName: job.fileName,
      finishedAt: job.finishedAt,
    })
    return toView(context, job)
  }),

  status: action(onLedgerJob(), noSummaryEffect, async (_input, { job }, context) => toView(context, job)),

  recent: action(onManagedBranch(), noSummaryEffect, async ({ branchId }, _access, context) => {
    const { data } = await collectionOf(context.db, 'ledgerJobs')
      .where({ branchId })
      .orderBy('createdAt', 'desc')
      .limit(10)
      .get()
    return { jobs: await Promise.all((data as LedgerJob[]).map((job) => toView(context, job))) }
  }),

  report: action(onMonthlyReport((input: { reportId: string; format: ReportFormat }) => input.reportId), noSummaryEffect, async ({ format }, { report, org }, context) => {
    let fileId = report.files[format]
    if (!fileId) {
      const { timeZone } = await context.rulesetFor(org, report.generatedAt)
      const bytes = format === 'xlsx' ? await reportWorkbook(report, timeZone) : await reportPdf(report, ledgerFont(), timeZone)
      fileId = (await context.storage.uploadFile(`reports/${report.orgId}/${report._id}.${format}`, bytes)).fileId
      await collectionOf(context.db, 'monthlyReports').doc(report._id).update({ files: { ...report.files, [format]: fileId } })
    }
    const url = (await tempUrlsOf(context.storage, [fileId])).get(fileId)
    if (!url) throw new AppError('INTERNAL', '通报文件暂时无法下载，请稍后重试')
    return { fileName: `${report.orgName}${report.monthLabel}组织生活通报.${format}`, url }
  }),
})
