import { z } from 'zod'
import { ledgerKindSchema } from '../model'
import { REPORT_FORMATS } from '../reports/model'
import { defineAction, idOf, isoInstantSchema, named } from './define'

export const ledgerJobViewSchema = z.object({
  id: z.string(),
  branchId: z.string(),
  kind: ledgerKindSchema,
  kindLabel: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  progress: z.number().min(0).max(100),
  step: z.string(),
  fileName: z.string().nullable(),
  /** Temporary download URL once done. */
  url: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: isoInstantSchema,
  finishedAt: isoInstantSchema.nullable(),
})
export type LedgerJobView = z.infer<typeof ledgerJobViewSchema>

/** 'YYYY-MM', 'YYYY-Qn', 'YYYY-spring' / 'YYYY-autumn', 'YYYY' (see src/domain/time/periods.ts). */
export const periodKeySchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-spring|-autumn)?$/, '期间格式不正确（例如 2026-11、2026-Q4、2026-autumn、2026）')


export const ledgerContract = {
  /** Builds a 台账 file for a branch and period; the job's progress can be polled meanwhile. */
  start: defineAction(
    z
      .object({
        branchId: idOf('党支部'),
        kind: named('台账类型', ledgerKindSchema),
        periodKey: named('统计周期', periodKeySchema),
        /** Chosen by the app so it can poll the job while this call runs. */
        jobId: named('任务编号', z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '任务编号格式不正确')).optional(),
      })
      .strict(),
    ledgerJobViewSchema,
  ),
  status: defineAction(z.object({ jobId: idOf('导出任务') }).strict(), ledgerJobViewSchema),
  /** The branch's latest exports. */
  recent: defineAction(z.object({ branchId: idOf('党支部') }).strict(), z.object({ jobs: z.array(ledgerJobViewSchema) })),
  /** A 月度通报 as a spreadsheet or a printable document, in the 台账's style (made once, then reused). */
  report: defineAction(
    z.object({ reportId: idOf('通报'), format: named('导出格式', z.enum(REPORT_FORMATS, { error: '导出格式只能是 xlsx 或 pdf' })) }).strict(),
    z.object({ fileName: z.string(), url: z.string() }),
  ),
}
