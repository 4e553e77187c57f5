export { LAGGARDS_LISTED, TREND_MONTHS, buildMonthlyReport, percentOf, rateChangeText, reportReadyMessage, supervisionStateLabel } from './build'
export type { MonthlyReportInput, ReportSummary, ReportSupervision } from './build'
export { REPORT_FORMATS, REPORT_ORG_KINDS, monthlyReportId, monthlyReportSchema, reportBranchRowSchema, trendPointSchema } from './model'
export type { MonthlyReport, ReportBranchRow, ReportFormat, TrendPoint } from './model'
