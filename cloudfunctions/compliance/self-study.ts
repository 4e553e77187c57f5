import type { HandledItem, InboxItem } from '../../src/domain/contracts/inbox'
import type { Org, StudyRecord } from '../../src/domain/model'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll, memberNames } from '../_shared/db'

/** Self-study of the branch's members waiting for its managers, with a link to each proof photo, oldest first. */
export async function pendingSelfStudy(context: CloudContext, branch: Org, options = { proofUrls: true }): Promise<InboxItem[]> {
  const pending = await findAll<StudyRecord>(
    collectionOf(context.db, 'studyRecords').where({ branchId: branch._id, status: 'pending' }).orderBy('studiedAt', 'asc'),
  )
  const nameOf = await memberNames(context.db, pending.map((record) => record.memberId))
  const proofIds = options.proofUrls ? pending.flatMap((record) => (record.proofFileId ? [record.proofFileId] : [])) : []
  const urls = new Map((await context.storage.getTempFileUrls(proofIds)).map((file) => [file.fileId, file.url]))
  return pending.map((record) => ({
    kind: 'selfStudy' as const,
    key: `selfStudy-${record._id}`,
    recordId: record._id,
    hours: record.hours,
    studiedAt: record.studiedAt.toISOString(),
    proofUrl: record.proofFileId ? (urls.get(record.proofFileId) ?? null) : null,
    from: nameOf(record.memberId),
    subject: record.title,
    text: `申报 ${record.hours} 学时`,
    at: record.studiedAt.toISOString(),
    branchName: branch.name,
  }))
}

/** The branch's decided self-study, newest first, at most `limit`. */
export async function decidedSelfStudy(context: CloudContext, branch: Org, limit: number): Promise<HandledItem[]> {
  const { data } = await collectionOf(context.db, 'studyRecords')
    .where({ branchId: branch._id, status: context.db.command.in(['approved', 'rejected']) })
    .orderBy('reviewedAt', 'desc')
    .limit(limit)
    .get()
  const records = data as StudyRecord[]
  const nameOf = await memberNames(context.db, records.flatMap((record) => [record.memberId, record.reviewedBy ?? '']))
  return records.map((record) => ({
    kind: 'selfStudy' as const,
    key: `selfStudy-${record._id}`,
    from: nameOf(record.memberId),
    subject: `${record.title}（${record.hours} 学时）`,
    branchName: branch.name,
    approved: record.status === 'approved',
    decisionLabel: record.status === 'approved' ? '认定' : '退回',
    reason: record.reviewNote ?? null,
    decidedAt: (record.reviewedAt ?? record.studiedAt).toISOString(),
    decidedByName: record.reviewedBy ? nameOf(record.reviewedBy) : '',
  }))
}
