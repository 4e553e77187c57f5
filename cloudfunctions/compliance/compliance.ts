import { randomBytes } from 'node:crypto'
import { administers, canManageBranch, RULES } from '../../src/domain/authorization'
import { OVERVIEW_FIELDS, overviewStats, type BranchSummary, type OverviewFields } from '../../src/domain/compliance'
import { measureExplanations, rollupByParent } from '../../src/domain/compliance/measures'
import { complianceContract, type ScoreSheetView } from '../../src/domain/contracts/compliance'
import { AppError } from '../../src/domain/errors'
import { detectImageType, isFileInFolder } from '../../src/domain/evidence'
import type { Activity, Attendance, Member, StudyRecord } from '../../src/domain/model'
import { PACE_STATUS_LABELS, selfStudyFolder, studyDateProblem, summarizeStudyHours } from '../../src/domain/study-hours'
import { chunk, collectionOf, findAll, findOne, IN_QUERY_LIMIT } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { readStoredFile } from '../_shared/files'
import { branchYearEffect } from '../_shared/effects'
import { action, answerAfterEffects, member, noSummaryEffect, scoped } from '../_shared/policy'
import { branchOrFail, onAdministeredOrg, onBranch } from '../_shared/scopes'
import { currentYearOf, refreshBranchSummary, summaryOf, yearOf } from '../_shared/summaries'
import { notifyResult, recipientOf } from '../messages/deliver'

const iso = (instant: Date) => instant.toISOString()

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

/** A self-study record with its branch: reviewed by the branch's managers, never by the member themself. */
const onStudyRecord = <Input extends { id: string }>() =>
  scoped({
    target: '请求中的自学申报及其党员所在支部',
    async resolve(input: Input, _caller, context) {
      const record = await findOne<StudyRecord>(collectionOf(context.db, 'studyRecords').where({ _id: input.id }))
      if (!record) throw new AppError('NOT_FOUND', '该自学申报不存在')
      return { record, branch: await branchOrFail(context, record.branchId), member: { _id: record.memberId } }
    },
    rules: [RULES.managesBranch, RULES.notSelf],
  })

const ownOrChosenBranch = <Input extends { branchId?: string }>(input: Input, caller: Member) => input.branchId ?? caller.branchId

export const compliance = defineCloudFunction(complianceContract, {
  overview: action(onAdministeredOrg('查看各支部达标情况'), noSummaryEffect, async ({ year }, { org: scope }, context) => {
    const targetYear = year ?? (await currentYearOf(context, scope))
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
      measures: measureExplanations(await context.rulesetFor(scope, context.now())),
      groups: rollupByParent(rows),
    }
  }),

  branchStatus: action(onBranch(ownOrChosenBranch, RULES.viewsBranch), noSummaryEffect, async ({ year }, { caller, branch }, context) => {
    const summary = await summaryOf(context, branch._id, year ?? (await currentYearOf(context, branch)))
    const canManage = canManageBranch(caller, branch)
    return {
      canManage,
      branchId: summary.branchId,
      branchName: summary.branchName,
      year: summary.year,
      asOf: iso(summary.computedAt),
      light: summary.light,
      lightLabel: summary.lightLabel,
      reasons: summary.reasons.map(({ code, message }) => ({ code, message })),
      lines: summary.lines.map(({ countedActivityIds: _ids, ...line }) => ({
        ...line,
        name: line.name ?? line.label,
        countedActivities: line.countedActivities ?? [],
        countsMembers: line.countsMembers ?? false,
        periodStart: iso(line.periodStart),
        periodEnd: iso(line.periodEnd),
      })),
      awaitingEvidence: summary.awaitingEvidence.map((gap) => ({ ...gap, startAt: iso(gap.startAt) })),
      // Who is behind on 学时 is for the branch's managers; a member sees only whether they are.
      membersBehind: canManage ? summary.membersBehind : summary.membersBehind.filter((entry) => entry.memberId === caller._id),
      studyHours: summary.studyHours,
      setupChecks: summary.setupChecks,
    }
  }),

  scoreSheet: action(onBranch(ownOrChosenBranch, RULES.viewsBranch), noSummaryEffect, async ({ year }, { caller, branch }, context) => {
    const summary = await summaryOf(context, branch._id, year ?? (await currentYearOf(context, branch)))
    return sheetView(summary, administers(caller, branch))
  }),

  scoreManualItem: action(
    onBranch((input) => input.branchId, RULES.administersBranch),
    branchYearEffect(({ input }) => ({ branchId: input.branchId, year: input.year })),
    async ({ branchId, year, itemId, score, comment }, { caller, branch }, context) => {
    const rules = await context.rulesOverTime(branch)
    const items = rules.forPeriod(rules.calendar.periodFromKey(String(year))).scoring.items
    const item = Object.hasOwn(items, itemId) ? items[itemId] : undefined
    if (!item || item.method.kind !== 'manual') throw new AppError('INVALID_INPUT', `「${itemId}」不是需要人工评分的项目`)
    if (score > item.maxScore) throw new AppError('INVALID_INPUT', `「${item.label}」最高 ${item.maxScore} 分`)
    await collectionOf(context.db, 'manualScores')
      .doc(`${branchId}_${year}_${itemId}`)
      .set({ branchId, year, itemId, score, comment, scoredBy: caller._id, scoredAt: context.now() })
    return answerAfterEffects(async () => sheetView(await summaryOf(context, branchId, year), true))
    },
  ),

  myHours: action(member(), noSummaryEffect, async ({ year }, { caller: member }, context) => {
    const rules = await context.rulesOverTime(await branchOrFail(context, member.branchId))
    const targetYear = year ?? yearOf(context.now(), rules)
    const period = rules.calendar.periodFromKey(String(targetYear))
    const ruleset = rules.forPeriod(period)
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
  }),

  submitSelfStudy: action(member(), noSummaryEffect, async ({ title, hours, studiedAt, proofFileId }, { caller: member }, context) => {
    const studied = new Date(studiedAt)
    const dateProblem = studyDateProblem(studied, context.now(), (await context.rulesetFor(await branchOrFail(context, member.branchId), context.now())).timeZone)
    if (dateProblem) throw new AppError('INVALID_INPUT', dateProblem, { studiedAt: dateProblem })
    if (proofFileId !== null) {
      if (!isFileInFolder(proofFileId, selfStudyFolder(member._id))) throw new AppError('INVALID_INPUT', '证明材料须是本人上传的照片')
      const bytes = await readStoredFile(context.storage, proofFileId)
      if (!bytes) throw new AppError('INVALID_INPUT', '没有找到上传的证明材料，请重新上传')
      if (!detectImageType(bytes)) throw new AppError('INVALID_INPUT', '证明材料只能是 JPG 或 PNG 格式的照片')
    }
    const id = `study${randomBytes(8).toString('hex')}`
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
  }),

  reviewSelfStudy: action(
    onStudyRecord(),
    branchYearEffect(async ({ access }, context) => ({
      branchId: access.record.branchId,
      year: yearOf(access.record.studiedAt, await context.rulesOverTime(access.branch)),
    })),
    async ({ id, approve, reason }, { caller, record }, context) => {
    const status = approve ? ('approved' as const) : ('rejected' as const)
    const { updated } = await collectionOf(context.db, 'studyRecords')
      .where({ _id: id, status: 'pending' })
      .update({ status, reviewedBy: caller._id, reviewedAt: context.now(), reviewNote: reason ?? null })
    if (updated !== 1) throw new AppError('CONFLICT', '该申报已被审核，请刷新')
    const member = await findOne<Member>(collectionOf(context.db, 'members').where({ _id: record.memberId }))
    if (member) {
      const subject = { kind: 'self_study' as const, requestId: record._id, title: record.title }
      await notifyResult(context, { recipient: recipientOf(member), subject, approved: approve, note: null, branchId: record.branchId })
    }
    return { status }
    },
  ),

  // The refresh is what this action is for (a secretary's 刷新), not an effect of a change.
  refreshBranch: action(onBranch((input) => input.branchId, RULES.managesBranch), noSummaryEffect, async ({ branchId, year }, { branch }, context) => {
    const { written, version } = await refreshBranchSummary(context, branchId, year ?? (await currentYearOf(context, branch)))
    return { written, version }
  }),
})
