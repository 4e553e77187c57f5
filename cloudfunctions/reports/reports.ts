import { reportsContract, type ReportView } from '../../src/domain/contracts/reports'
import { reportsPlatformContract } from '../../src/domain/contracts/platform'
import type { MonthlyReport } from '../../src/domain/reports'
import { SUPERVISION_STATE_LABELS } from '../../src/domain/supervision'
import { collectionOf, findAll } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { action, noSummaryEffect, platform } from '../_shared/policy'
import { onAdministeredOrg } from '../_shared/scopes'
import { generateMonthlyReports } from './generate'
import { onMonthlyReport } from './scope'

/** Leaves headroom under CloudBase's 60 s limit (the function's timeout is 60 s). */
const BUDGET_MS = 45_000

function toView(report: MonthlyReport): ReportView {
  const { _id, generatedAt, supervisions, files: _files, ...rest } = report
  return {
    ...rest,
    id: _id,
    generatedAt: generatedAt.toISOString(),
    supervisions: {
      ...supervisions,
      items: supervisions.items.map((item) => ({
        id: item.id,
        branchName: item.branchName,
        title: item.title,
        stateLabel: SUPERVISION_STATE_LABELS[item.state],
        createdAt: item.createdAt.toISOString(),
      })),
    },
  }
}

export const reports = defineCloudFunction(
  { ...reportsContract, ...reportsPlatformContract },
  {
    list: action(onAdministeredOrg('查看月度通报'), noSummaryEffect, async (_input, { org }, context) => {
      const rows = await findAll<MonthlyReport>(
        collectionOf(context.db, 'monthlyReports')
          .where({ orgId: org._id })
          .field({ monthKey: true, monthLabel: true, generatedAt: true, stats: true })
          .orderBy('monthKey', 'desc'),
      )
      return {
        orgId: org._id,
        orgName: org.name,
        reports: rows.map((row) => ({
          id: row._id,
          monthKey: row.monthKey,
          monthLabel: row.monthLabel,
          generatedAt: row.generatedAt.toISOString(),
          stats: row.stats,
        })),
      }
    }),

    detail: action(onMonthlyReport((input: { id: string }) => input.id), noSummaryEffect, async (_input, { report }) => toView(report)),

    generate: action(platform('timer'), noSummaryEffect, async (_input, _access, context) => generateMonthlyReports(context, { budgetMs: BUDGET_MS })),
  },
  { timer: 'generate' },
)
