import { administers, canManageBranch } from '../../src/domain/authorization'
import { branchSummaryId, OVERVIEW_FIELDS, overviewStats, type BranchSummary, type OverviewFields } from '../../src/domain/compliance'
import { complianceContract, type ScoreSheetView } from '../../src/domain/contracts/compliance'
import { AppError } from '../../src/domain/errors'
import { cloudPathOfFileId } from '../../src/domain/evidence'
import type { Activity, Attendance, Member, StudyRecord } from '../../src/domain/model'
import { selfStudyFolder } from '../../src/domain/study-hours'
import { PACE_STATUS_LABELS, summarizeStudyHours } from '../../src/domain/study-hours'
import { periodCalendar } from '../../src/domain/time'
import { requireBranchManager, requireBranchViewer } from '../_shared/authorize'
import { requireMember } from '../_shared/caller'
import type { CloudContext } from '../_shared/context'
import { chunk, collectionOf, findAll, findById, findOne, IN_QUERY_LIMIT } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { refreshBranchSummary, rulesetFor, yearOf } from '../_shared/summaries'

const iso = (instant: Date) => instant.toISOString()

/** A branch's summary; computed on first read (e.g. a branch created after the last nightly rebuild). */
async function summaryOf(context: CloudContext, branchId: string, year: number): Promise<BranchSummary> {
  const stored = await findOne<BranchSummary>(collectionOf(context.db, 'branchSummaries').where({ _id: branchSummaryId(branchId, year) }))
  return stored ?? (await refreshBranchSummary(context, branchId, year)).summary
}

function sheetView(summary: BranchSummary, canScore: boolean): ScoreSheetView {
  const { sheet } = summary
  return {
    branchId: summary.branchId,
    branchName: summary.branchName,
    year: summary.year,
    canScore,
    indicators: sheet.indicators.map((indicator) => ({
      indicatorId: indicator.indicatorId,
      label: indicator.label,
      maxScore: indicator.maxScore,
      score: indicator.score,
      items: indicator.items.map((item) => ({
        itemId: item.itemId,
        label: item.label,
        maxScore: item.maxScore,
        automatic: item.automatic,
        score: item.score,
        deductions: item.deductions,
        notes: item.notes,
        comment: item.comment,
      })),
    })),
    total: sheet.total,
    maxTotal: sheet.maxTotal,
    grade: sheet.grade,
    gradeLabel: sheet.gradeLabel,
    complete: sheet.complete,
  }
}

export const compliance = defineCloudFunction(complianceContract, {
  async overview({ orgId, year }, context) {
    const caller = await requireMember(context)
    const scopeId = orgId ?? caller.adminOrgIds[0]
    if (!scopeId) throw new AppError('FORBIDDEN', '只有党总支或党委管理员可以查看各支部达标情况')
    const scope = await findById(context.db, 'orgs', scopeId)
    if (!scope) throw new AppError('NOT_FOUND', '该党组织不存在')
    if (!administers(caller, scope)) throw new AppError('FORBIDDEN', '您无权查看该党组织下的支部')
    const targetYear = year ?? yearOf(context.now())
    const rows = await findAll<OverviewFields>(
      collectionOf(context.db, 'branchSummaries')
        .where({ ancestorIds: scope._id, year: targetYear })
        .field(Object.fromEntries(OVERVIEW_FIELDS.map((field) => [field, true])))
        .orderBy('branchId', 'asc'),
    )
    return {
      year: targetYear,
      scopeName: scope.name,
      branches: rows.map(({ computedAt, ...row }) => ({ ...row, computedAt: iso(computedAt) })),
      stats: overviewStats(rows),
    }
  },

  async branchStatus({ branchId, year }, context) {
    const caller = await requireMember(context)
    const branch = await requireBranchViewer(context, caller, branchId ?? caller.branchId)
    const summary = await summaryOf(context, branch._id, year ?? yearOf(context.now()))
    return {
      canManage: canManageBranch(caller, branch),
      branchId: summary.branchId,
      branchName: summary.branchName,
      year: summary.year,
      asOf: iso(summary.computedAt),
      light: summary.light,
      lightLabel: summary.lightLabel,
      reasons: summary.reasons.map(({ code, message }) => ({ code, message })),
      lines: summary.lines.map((line) => ({ ...line, periodStart: iso(line.periodStart), periodEnd: iso(line.periodEnd) })),
      awaitingEvidence: summary.awaitingEvidence.map((gap) => ({ ...gap, startAt: iso(gap.startAt) })),
      membersBehind: summary.membersBehind,
      studyHours: summary.studyHours,
      setupChecks: summary.setupChecks,
    }
  },

  async scoreSheet({ branchId, year }, context) {
    const caller = await requireMember(context)
    const branch = await requireBranchViewer(context, caller, branchId ?? caller.branchId)
    const summary = await summaryOf(context, branch._id, year ?? yearOf(context.now()))
    return sheetView(summary, administers(caller, branch))
  },

  async scoreManualItem({ branchId, year, itemId, score, comment }, context) {
    const caller = await requireMember(context)
    const branch = await requireBranchViewer(context, caller, branchId)
    if (!administers(caller, branch)) throw new AppError('FORBIDDEN', '只有上级党组织（党总支、党委）可以评分')
    const item = rulesetFor(branch).scoring.items[itemId]
    if (!item || item.method.kind !== 'manual') throw new AppError('INVALID_INPUT', `「${itemId}」不是需要人工评分的项目`)
    if (score > item.maxScore) throw new AppError('INVALID_INPUT', `「${item.label}」最高 ${item.maxScore} 分`)
    await collectionOf(context.db, 'manualScores')
      .doc(`${branchId}_${year}_${itemId}`)
      .set({ branchId, year, itemId, score, comment, scoredBy: caller._id, scoredAt: context.now() })
    const { summary } = await refreshBranchSummary(context, branchId, year)
    return sheetView(summary, true)
  },

  async myHours({ year }, context) {
    const member = await requireMember(context)
    const ruleset = rulesetFor({ _id: member.branchId })
    const targetYear = year ?? yearOf(context.now(), ruleset)
    const period = periodCalendar(ruleset).periodFromKey(String(targetYear))
    const _ = context.db.command
    const [attendance, studyRecords] = await Promise.all([
      findAll<Attendance>(collectionOf(context.db, 'attendance').where({ memberId: member._id }).orderBy('_id', 'asc')),
      findAll<StudyRecord>(
        collectionOf(context.db, 'studyRecords')
          .where({ memberId: member._id, studiedAt: _.gte(period.start).and(_.lt(period.end)) })
          .orderBy('studiedAt', 'desc'),
      ),
    ])
    const activities = attendance.length
      ? (
          await Promise.all(
            chunk(attendance.map((record) => record.activityId), IN_QUERY_LIMIT).map((ids) =>
              findAll<Activity>(collectionOf(context.db, 'activities').where({ _id: _.in(ids) }).orderBy('_id', 'asc')),
            ),
          )
        ).flat()
      : []
    const summary = summarizeStudyHours({
      year: period,
      asOf: context.now(),
      members: [member],
      activities,
      attendance,
      studyRecords,
      ruleset,
    })
    const mine = summary.members[0]
    const attendedIds = new Set(
      attendance.filter((record) => record.state === 'present' || record.state === 'late').map((record) => record.activityId),
    )
    const credited = activities
      .filter((activity) => attendedIds.has(activity._id) && activity.status === 'closed')
      .filter((activity) => activity.startAt >= period.start && activity.startAt < period.end && activity.creditHours > 0)
      .sort((a, b) => b.startAt.getTime() - a.startAt.getTime())
    return {
      memberId: member._id,
      year: targetYear,
      target: mine.target,
      totalHours: mine.totalHours,
      activityHours: mine.activityHours,
      selfStudyHours: mine.selfStudyHours,
      quarters: summary.quarters.map((quarter, index) => ({ label: quarter.label, hours: mine.quarterHours[index] })),
      pace: { status: mine.pace.status, label: PACE_STATUS_LABELS[mine.pace.status], expectedByNow: mine.pace.expectedByNow },
      credited: credited.map((activity) => ({
        activityId: activity._id,
        topic: activity.topic,
        startAt: iso(activity.startAt),
        hours: activity.creditHours,
      })),
      selfStudy: studyRecords.map((record) => ({
        id: record._id,
        title: record.title,
        hours: record.hours,
        studiedAt: iso(record.studiedAt),
        status: record.status,
      })),
    }
  },

  async submitSelfStudy({ title, hours, studiedAt, proofFileId }, context) {
    const member = await requireMember(context)
    const studied = new Date(studiedAt)
    if (studied > context.now()) throw new AppError('INVALID_INPUT', '学习日期不能晚于今天')
    if (proofFileId !== null && !cloudPathOfFileId(proofFileId)?.startsWith(selfStudyFolder(member._id))) {
      throw new AppError('INVALID_INPUT', '证明材料须是本人上传的照片')
    }
    const id = `study-${member._id}-${context.now().getTime().toString(36)}`
    const record: StudyRecord = {
      _id: id,
      memberId: member._id,
      branchId: member.branchId,
      title,
      hours,
      studiedAt: studied,
      proofFileId,
      status: 'pending',
      reviewedBy: null,
    }
    await collectionOf(context.db, 'studyRecords').add(record)
    return { id, status: 'pending' as const }
  },

  async selfStudyQueue({ branchId }, context) {
    const caller = await requireMember(context)
    const branch = await requireBranchManager(context, caller, branchId ?? caller.branchId)
    const pending = await findAll<StudyRecord>(
      collectionOf(context.db, 'studyRecords').where({ branchId: branch._id, status: 'pending' }).orderBy('studiedAt', 'asc'),
    )
    const names = new Map(
      (
        await findAll<Pick<Member, '_id' | 'name'>>(
          collectionOf(context.db, 'members').where({ branchId: branch._id }).field({ name: true }).orderBy('_id', 'asc'),
        )
      ).map((member) => [member._id, member.name]),
    )
    const proofIds = pending.flatMap((record) => (record.proofFileId ? [record.proofFileId] : []))
    const urls = new Map((await context.storage.getTempFileUrls(proofIds)).map((file) => [file.fileId, file.url]))
    return {
      requests: pending.map((record) => ({
        id: record._id,
        memberId: record.memberId,
        memberName: names.get(record.memberId) ?? '',
        title: record.title,
        hours: record.hours,
        studiedAt: iso(record.studiedAt),
        proofUrl: record.proofFileId ? (urls.get(record.proofFileId) ?? null) : null,
      })),
    }
  },

  async reviewSelfStudy({ id, approve }, context) {
    const caller = await requireMember(context)
    const record = await findOne<StudyRecord>(collectionOf(context.db, 'studyRecords').where({ _id: id }))
    if (!record) throw new AppError('NOT_FOUND', '该自学申报不存在')
    await requireBranchManager(context, caller, record.branchId)
    const status = approve ? ('approved' as const) : ('rejected' as const)
    const { updated } = await collectionOf(context.db, 'studyRecords')
      .where({ _id: id, status: 'pending' })
      .update({ status, reviewedBy: caller._id })
    if (updated !== 1) throw new AppError('CONFLICT', '该申报已被审核，请刷新')
    await refreshBranchSummary(context, record.branchId, yearOf(record.studiedAt))
    return { status }
  },

  async refreshBranch({ branchId, year }, context) {
    const caller = await requireMember(context)
    await requireBranchManager(context, caller, branchId)
    const { written, version } = await refreshBranchSummary(context, branchId, year)
    return { written, version }
  },
})
