import { randomBytes } from 'node:crypto'
import { canManageBranch, RULES } from '../../src/domain/authorization'
import { evidenceContract, REVIEW_STATE_LABELS, type EvidenceItem, type EvidenceLogEntry } from '../../src/domain/contracts/evidence'
import { evidencePlatformContract } from '../../src/domain/contracts/platform'
import {
  DEFAULT_EVIDENCE_LIMITS,
  cloudPathOfFileId,
  detectDocumentType,
  detectImageType,
  formatBytes,
  parseEvidenceCloudPath,
} from '../../src/domain/evidence'
import { evidenceRemovalProblem } from '../../src/domain/activity-lifecycle'
import { AppError } from '../../src/domain/errors'
import type { Activity, Evidence, EvidenceKind, EvidenceLog, Member, ReviewState } from '../../src/domain/model'
import type { PeriodCalendar } from '../../src/domain/time'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll, findOne } from '../_shared/db'
import { activityEffect } from '../_shared/effects'
import { action, noSummaryEffect, platform, scoped } from '../_shared/policy'
import { activityTargetOf, onActivity, onBranch } from '../_shared/scopes'
import { defineCloudFunction } from '../_shared/define-function'
import { readStoredFile, tempUrlsOf } from '../_shared/files'

/** Limits of 痕迹 uploads (src/domain/evidence.ts); one place to change them. */
const LIMITS = DEFAULT_EVIDENCE_LIMITS
const KIND_LABELS: Record<EvidenceKind, string> = { photo: '照片', minutes: '会议记录' }

const newId = (prefix: string) => `${prefix}${randomBytes(8).toString('hex')}`

async function evidenceOf(context: CloudContext, activityIds: string[]): Promise<Evidence[]> {
  if (activityIds.length === 0) return []
  return findAll<Evidence>(
    collectionOf(context.db, 'evidence')
      .where({ activityId: context.db.command.in(activityIds) })
      .orderBy('uploadedAt', 'asc')
      .orderBy('_id', 'asc'),
  )
}

async function namesOf(context: CloudContext, memberIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(memberIds)]
  if (ids.length === 0) return new Map()
  const members = await findAll<Member>(collectionOf(context.db, 'members').where({ _id: context.db.command.in(ids) }))
  return new Map(members.map((member) => [member._id, member.name]))
}

/** Members see passed evidence only; managers see everything with its review state. */
/** The month of the activity whose photo was uploaded last (one the caller may see), if any. */
async function latestPhotoMonth(context: CloudContext, calendar: PeriodCalendar, branchId: string, canManage: boolean): Promise<string | null> {
  const latest = await findOne<Evidence>(
    collectionOf(context.db, 'evidence')
      .where({ branchId, kind: 'photo', ...(canManage ? {} : { review: 'pass' }) })
      .orderBy('uploadedAt', 'desc'),
  )
  const activity = latest && (await findOne<Activity>(collectionOf(context.db, 'activities').where({ _id: latest.activityId })))
  return activity ? calendar.periodOf('month', activity.startAt).key : null
}

function visible(evidence: Evidence, canManage: boolean): boolean {
  return canManage || evidence.review === 'pass'
}

async function toItems(context: CloudContext, evidence: Evidence[]): Promise<EvidenceItem[]> {
  const urls = await tempUrlsOf(
    context.storage,
    evidence.flatMap((item) => (item.fileId ? [item.fileId] : [])),
  )
  const names = await namesOf(context, evidence.map((item) => item.uploadedBy))
  return evidence.map((item) => ({
    id: item._id,
    kind: item.kind,
    review: item.review,
    url: item.fileId ? (urls.get(item.fileId) ?? null) : null,
    text: item.text,
    fileName: item.fileName ?? null,
    size: item.size ?? null,
    uploadedAt: item.uploadedAt.toISOString(),
    uploadedByName: names.get(item.uploadedBy) ?? '',
  }))
}

async function writeLog(
  context: CloudContext,
  evidence: Pick<Evidence, '_id' | 'activityId' | 'branchId' | 'kind' | 'review'>,
  action: EvidenceLog['action'],
  actor: Pick<Member, '_id' | 'name'> | null,
  detail: string | null,
): Promise<void> {
  const entry: Omit<EvidenceLog, '_id'> = {
    evidenceId: evidence._id,
    activityId: evidence.activityId,
    branchId: evidence.branchId,
    kind: evidence.kind,
    action,
    actorId: actor?._id ?? null,
    actorName: actor?.name ?? null,
    at: context.now(),
    review: evidence.review,
    detail,
  }
  await collectionOf(context.db, 'evidenceLogs').add(entry)
}

function describeLog(log: EvidenceLog): string {
  const kind = KIND_LABELS[log.kind]
  const detail = log.detail ? `（${log.detail}）` : ''
  if (log.action === 'add') return `上传${kind}${detail}`
  if (log.action === 'remove') return `删除${kind}${detail}`
  return `${kind}内容审核：${REVIEW_STATE_LABELS[log.review]}`
}

/**
 * The uploaded file of an activity: its path must be this activity's evidence folder, it must not
 * be registered yet, it must be in storage, and its bytes are read. Anything wrong is refused; an
 * unregistered file in the right folder is deleted with the refusal, so nothing stays stored.
 */
async function uploadedFile(
  context: CloudContext,
  activity: Activity,
  fileId: string,
  extensions: readonly string[],
): Promise<{ bytes: Uint8Array; discard: (message: string) => Promise<never> }> {
  const cloudPath = cloudPathOfFileId(fileId)
  const parts = cloudPath ? parseEvidenceCloudPath(cloudPath) : null
  if (!parts || parts.branchId !== activity.branchId || parts.activityId !== activity._id) {
    throw new AppError('INVALID_INPUT', `文件的存储路径不正确，应上传到 evidence/${activity.branchId}/${activity._id}/ 下`)
  }
  // Before anything may be deleted: a file already registered is 痕迹 and stays, whatever this call says it is.
  const already = await findOne<Evidence>(collectionOf(context.db, 'evidence').where({ fileId }))
  if (already) throw new AppError('CONFLICT', '该文件已经登记过了')
  const discard = async (message: string): Promise<never> => {
    await context.storage.deleteFiles([fileId])
    throw new AppError('INVALID_INPUT', message)
  }
  if (!extensions.includes(parts.extension)) await discard('文件类型不符合要求')
  const bytes = await readStoredFile(context.storage, fileId)
  if (!bytes) throw new AppError('INVALID_INPUT', '没有找到上传的文件，请重新上传')
  return { bytes, discard }
}

function refuseCancelled(activity: Activity): void {
  if (activity.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消，不能再上传痕迹')
}

/** 痕迹 added to the activity named by the input. */
const ofTheActivity = activityEffect<{ activityId: string }, unknown, unknown>(({ input }) => ({ activityId: input.activityId }))

/** The activities of the photos a content check answered for. */
const ofTheCheckedPhotos = activityEffect<{ traceId: string }, unknown, unknown>(async ({ input }, context) => ({
  activityIds: (await findAll<Evidence>(collectionOf(context.db, 'evidence').where({ traceId: input.traceId }).orderBy('_id', 'asc'))).map(
    (item) => item.activityId,
  ),
}))

/** Adding 痕迹: a manager of the activity's host branch. */
const onManagedActivity = <Input extends { activityId: string }>() => onActivity((input: Input) => input.activityId, RULES.managesBranch)

/** One piece of 痕迹, with its activity and host branch. */
const onEvidence = <Input extends { evidenceId: string }>() =>
  scoped({
    target: '请求中的痕迹所属的活动及其主办支部',
    async resolve(input: Input, _caller, context) {
      const found = await findOne<Evidence>(collectionOf(context.db, 'evidence').where({ _id: input.evidenceId }))
      if (!found) throw new AppError('NOT_FOUND', '该痕迹不存在或已被删除')
      return { evidence: found, ...(await activityTargetOf(context, found.activityId)) }
    },
    rules: [RULES.managesBranch],
  })

/** WeChat's `wxa_media_check` push, as the mediaCheckResult action. */
function mediaCheckPush(event: unknown) {
  const push = event as { Event?: unknown; trace_id?: unknown; result?: { suggest?: unknown } } | null
  if (!push || push.Event !== 'wxa_media_check') return null
  return { action: 'mediaCheckResult', payload: { traceId: push.trace_id, suggest: push.result?.suggest } }
}

/** What every new piece of evidence records: which activity and branch, who added it and when. */
function provenance(context: CloudContext, activity: Activity, caller: Member) {
  return { _id: newId('ev'), activityId: activity._id, branchId: activity.branchId, uploadedBy: caller._id, uploadedAt: context.now() }
}

async function store(context: CloudContext, evidence: Evidence, caller: Member, detail: string | null): Promise<EvidenceItem> {
  await collectionOf(context.db, 'evidence').add(evidence)
  await writeLog(context, evidence, 'add', caller, detail)
  const [item] = await toItems(context, [evidence])
  return item
}

export const evidence = defineCloudFunction(
  { ...evidenceContract, ...evidencePlatformContract },
  {
    listForActivity: action(onActivity((input) => input.activityId, RULES.viewsActivity), noSummaryEffect, async ({ activityId }, { caller, activity, branch }, context) => {
      const canManage = canManageBranch(caller, branch)
      const all = await evidenceOf(context, [activity._id])
      const items = await toItems(context, all.filter((item) => visible(item, canManage)))
      const logs = canManage
        ? await findAll<EvidenceLog>(
            collectionOf(context.db, 'evidenceLogs').where({ activityId }).orderBy('at', 'desc').orderBy('_id', 'asc'),
          )
        : []
      const log: EvidenceLogEntry[] = logs.map((entry) => ({
        at: entry.at.toISOString(),
        actorName: entry.actorName ?? '内容安全审核',
        description: describeLog(entry),
      }))
      return {
        activity: {
          id: activity._id,
          branchId: activity.branchId,
          branchName: branch.name,
          topic: activity.topic,
          startAt: activity.startAt.toISOString(),
          place: activity.place,
          status: activity.status,
        },
        canManage,
        limits: LIMITS,
        photos: items.filter((item) => item.kind === 'photo'),
        minutes: items.filter((item) => item.kind === 'minutes'),
        complete: (['photo', 'minutes'] as const).every((kind) =>
          all.some((item) => item.kind === kind && item.review === 'pass'),
        ),
        log,
      }
    }),

    addPhoto: action(onManagedActivity(), ofTheActivity, async ({ activityId, fileId }, { caller, activity }, context) => {
      refuseCancelled(activity)
      const { bytes, discard } = await uploadedFile(context, activity, fileId, ['jpg', 'jpeg', 'png'])
      const type = detectImageType(bytes)
      if (!type) return discard('只能上传 JPG 或 PNG 格式的照片，该文件不是图片')
      if (bytes.length > LIMITS.maxPhotoBytes) {
        return discard(`照片压缩后仍有 ${formatBytes(bytes.length)}，超过每张 ${formatBytes(LIMITS.maxPhotoBytes)} 的上限`)
      }
      const photos = await collectionOf(context.db, 'evidence')
        .where({ activityId, kind: 'photo', review: context.db.command.neq('reject') })
        .count()
      if (photos.total >= LIMITS.maxPhotosPerActivity) {
        return discard(`每个活动最多上传 ${LIMITS.maxPhotosPerActivity} 张照片，请先删除不需要的照片`)
      }
      const [url] = (await tempUrlsOf(context.storage, [fileId])).values()
      const check = await context.contentSecurity.checkImage({ url: url ?? fileId, openid: context.openid ?? '' })
      if (check.state === 'reject') return discard('照片未通过内容安全检测，已删除，请更换照片')
      const document: Evidence = {
        ...provenance(context, activity, caller),
        kind: 'photo',
        fileId,
        text: null,
        review: check.state,
        size: bytes.length,
        fileType: type,
        ...(check.traceId ? { traceId: check.traceId } : {}),
        reviewedAt: check.state === 'pass' ? context.now() : null,
      }
      return store(context, document, caller, check.state === 'pending' ? '等待内容审核' : null)
    }),

    addMinutesText: action(onManagedActivity(), ofTheActivity, async ({ text }, { caller, activity }, context) => {
      refuseCancelled(activity)
      const state = await context.contentSecurity.checkText({ text, openid: context.openid ?? '' })
      if (state === 'reject') throw new AppError('INVALID_INPUT', '会议记录含有不合规内容，未通过微信内容安全检测，未保存')
      if (state === 'pending') {
        throw new AppError('INVALID_INPUT', '会议记录中可能有敏感内容，未通过微信内容安全检测，请修改后重新提交')
      }
      return store(
        context,
        {
          ...provenance(context, activity, caller),
          kind: 'minutes',
          fileId: null,
          text,
          review: 'pass',
          reviewedAt: context.now(),
        },
        caller,
        `${text.length} 字`,
      )
    }),

    addMinutesFile: action(onManagedActivity(), ofTheActivity, async ({ fileId, fileName }, { caller, activity }, context) => {
      refuseCancelled(activity)
      const { bytes, discard } = await uploadedFile(context, activity, fileId, ['pdf', 'docx', 'doc'])
      const type = detectDocumentType(bytes)
      if (!type) return discard('会议记录文件只能是 PDF 或 Word（.docx/.doc）文档')
      if (bytes.length > LIMITS.maxMinutesFileBytes) {
        return discard(`文件有 ${formatBytes(bytes.length)}，超过 ${formatBytes(LIMITS.maxMinutesFileBytes)} 的上限`)
      }
      // WeChat has no content check for documents: a document is taken as it is, like a paper record.
      return store(
        context,
        {
          ...provenance(context, activity, caller),
          kind: 'minutes',
          fileId,
          text: null,
          review: 'pass',
          size: bytes.length,
          fileType: type,
          fileName,
          reviewedAt: context.now(),
        },
        caller,
        fileName,
      )
    }),

    remove: action(onEvidence(), activityEffect(({ access }) => ({ activityId: access.evidence.activityId })), async (_input, { caller, evidence: found, activity }, context) => {
      const problem = evidenceRemovalProblem(activity, found, await evidenceOf(context, [activity._id]))
      if (problem) throw new AppError('CONFLICT', problem)
      await collectionOf(context.db, 'evidence').doc(found._id).remove()
      if (found.fileId) await context.storage.deleteFiles([found.fileId])
      await writeLog(context, found, 'remove', caller, found.fileName ?? null)
      return { removed: true as const }
    }),

    gallery: action(onBranch((input) => input.branchId, RULES.viewsBranch), noSummaryEffect, async ({ branchId, month }, { caller, branch }, context) => {
      const canManage = canManageBranch(caller, branch)
      const calendar = (await context.rulesOverTime(branch)).calendar
      const period = calendar.periodFromKey(month ?? (await latestPhotoMonth(context, calendar, branchId, canManage)) ?? calendar.periodOf('month', context.now()).key)
      const _ = context.db.command
      const activities = await findAll<Activity>(
        collectionOf(context.db, 'activities')
          .where({ participantBranchIds: branchId, startAt: _.gte(period.start).and(_.lt(period.end)), status: _.neq('cancelled') })
          .orderBy('startAt', 'asc')
          .orderBy('_id', 'asc'),
      )
      const photos = (await evidenceOf(context, activities.map((activity) => activity._id))).filter(
        (item) => item.kind === 'photo' && visible(item, canManage),
      )
      const items = await toItems(context, photos)
      const byId = new Map(photos.map((photo, index) => [photo._id, { activityId: photo.activityId, item: items[index] }]))
      return {
        branch: { id: branch._id, name: branch.name },
        month: { key: period.key, label: period.label },
        canManage,
        activities: activities
          .map((activity) => ({
            activityId: activity._id,
            topic: activity.topic,
            startAt: activity.startAt.toISOString(),
            photos: [...byId.values()].filter((entry) => entry.activityId === activity._id).map((entry) => entry.item),
          }))
          .filter((entry) => entry.photos.length > 0),
      }
    }),

    mediaCheckResult: action(platform('push'), ofTheCheckedPhotos, async ({ traceId, suggest }, _access, context) => {
      const review: ReviewState = suggest === 'pass' ? 'pass' : suggest === 'risky' ? 'reject' : 'pending'
      const waiting = await findAll<Evidence>(collectionOf(context.db, 'evidence').where({ traceId, review: 'pending' }).orderBy('_id', 'asc'))
      for (const item of waiting) {
        await collectionOf(context.db, 'evidence').doc(item._id).update({ review, reviewedAt: context.now() })
        await writeLog(context, { ...item, review }, 'review', null, suggest)
      }
      return { updated: waiting.length }
    }),
  },
  { push: mediaCheckPush },
)
