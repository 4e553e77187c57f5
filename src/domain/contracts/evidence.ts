import { z } from 'zod'
import { DEFAULT_EVIDENCE_LIMITS } from '../evidence'
import { activityStatusSchema, evidenceKindSchema, reviewStateSchema } from '../model'
import { defineAction, idOf, isoInstantSchema, named } from './define'

const fileIdSchema = named('文件', z.string({ error: '缺少文件' }).trim().min(1, '缺少文件').max(512, '文件编号过长'))

export const REVIEW_STATE_LABELS = { pending: '审核中', pass: '已通过', reject: '未通过审核' } as const

export const evidenceItemSchema = z.object({
  id: z.string(),
  kind: evidenceKindSchema,
  review: reviewStateSchema,
  /** Temporary URL of the photo or document; null for typed minutes. */
  url: z.string().nullable(),
  /** Typed minutes in full; null for files. */
  text: z.string().nullable(),
  fileName: z.string().nullable(),
  size: z.number().int().nonnegative().nullable(),
  uploadedAt: isoInstantSchema,
  uploadedByName: z.string(),
})
export type EvidenceItem = z.infer<typeof evidenceItemSchema>

export const evidenceLogEntrySchema = z.object({
  at: isoInstantSchema,
  actorName: z.string(),
  /** '上传照片', '删除会议记录', '照片审核：未通过审核' */
  description: z.string(),
})
export type EvidenceLogEntry = z.infer<typeof evidenceLogEntrySchema>

export const evidenceLimitsViewSchema = z.object({
  maxPhotosPerActivity: z.number().int(),
  maxPhotoBytes: z.number().int(),
  maxPhotoLongEdge: z.number().int(),
  photoQuality: z.number().int(),
  maxMinutesChars: z.number().int(),
  maxMinutesFileBytes: z.number().int(),
})

export const activityEvidenceSchema = z.object({
  activity: z.object({
    id: z.string(),
    branchId: z.string(),
    branchName: z.string(),
    topic: z.string(),
    startAt: isoInstantSchema,
    place: z.string(),
    status: activityStatusSchema,
  }),
  /** Secretary/committee of the branch or an admin above: may add and remove, sees every review state. */
  canManage: z.boolean(),
  limits: evidenceLimitsViewSchema,
  photos: z.array(evidenceItemSchema),
  minutes: z.array(evidenceItemSchema),
  /** Has a passed photo and passed minutes: the activity can count. */
  complete: z.boolean(),
  /** Managers only; empty for members. */
  log: z.array(evidenceLogEntrySchema),
})
export type ActivityEvidence = z.infer<typeof activityEvidenceSchema>

export const galleryMonthSchema = z.object({
  branch: z.object({ id: z.string(), name: z.string() }),
  month: z.object({ key: z.string(), label: z.string() }),
  canManage: z.boolean(),
  activities: z.array(
    z.object({ activityId: z.string(), topic: z.string(), startAt: isoInstantSchema, photos: z.array(evidenceItemSchema) }),
  ),
})
export type GalleryMonth = z.infer<typeof galleryMonthSchema>

const minutesTextSchema = named(
  '会议记录',
  z
    .string({ error: '请填写会议记录' })
    .trim()
    .min(1, '会议记录不能为空')
    .max(DEFAULT_EVIDENCE_LIMITS.maxMinutesChars, `会议记录不能超过 ${DEFAULT_EVIDENCE_LIMITS.maxMinutesChars} 字`),
)

export const evidenceContract = {
  /** Photos and minutes of one activity: members see passed ones, managers all with review state. */
  listForActivity: defineAction(z.object({ activityId: idOf('活动') }).strict(), activityEvidenceSchema),
  /** Registers a photo the app uploaded to evidence/<branchId>/<activityId>/<id>.jpg. */
  addPhoto: defineAction(z.object({ activityId: idOf('活动'), fileId: fileIdSchema }).strict(), evidenceItemSchema),
  addMinutesText: defineAction(z.object({ activityId: idOf('活动'), text: minutesTextSchema }).strict(), evidenceItemSchema),
  /** Minutes as a document (PDF or Word) uploaded to evidence/<branchId>/<activityId>/<id>.<ext>. */
  addMinutesFile: defineAction(
    z
      .object({
        activityId: idOf('活动'),
        fileId: fileIdSchema,
        fileName: named('文件名', z.string({ error: '缺少文件名' }).trim().min(1, '缺少文件名').max(120, '文件名过长')),
      })
      .strict(),
    evidenceItemSchema,
  ),
  remove: defineAction(z.object({ evidenceId: idOf('痕迹') }).strict(), z.object({ removed: z.literal(true) })),
  /** A branch's photos of one month ('YYYY-MM'; omitted: the latest month with photos the caller may see), grouped by activity. */
  gallery: defineAction(
    z
      .object({ branchId: idOf('党支部'), month: named('月份', z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')).optional() })
      .strict(),
    galleryMonthSchema,
  ),
}
