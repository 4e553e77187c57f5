import ExcelJS from 'exceljs'
import { percentOf, rateChangeText, supervisionStateLabel, type MonthlyReport } from '../../src/domain/reports'
import { formatLocalDate } from '../../src/domain/time'
import type { LedgerFont } from './font'
import { startLedgerPdf } from './pdf'
import { titleRows } from './xlsx'

export const REPORT_BRANCH_COLUMNS = ['序号', '支部', '上级党组织', '状态', '得分', '等级', '本月未完成（项）', '学时落后（人）'] as const
export const REPORT_MISSED_COLUMNS = ['支部', '未完成的要求'] as const
export const REPORT_LAGGARD_COLUMNS = ['支部', '姓名', '已有学时', '按进度应有', '全年要求'] as const
export const REPORT_SUPERVISION_COLUMNS = ['支部', '督办事项', '状态', '发出日期'] as const

const titleOf = (report: MonthlyReport) => `${report.orgName} ${report.monthLabel}组织生活通报`

/** The lines a report opens with, in the spreadsheet and the printed document alike. */
function summaryLines(report: MonthlyReport): string[] {
  const { stats, supervisions } = report
  const change = rateChangeText(report.rateChange)
  return [
    `支部 ${stats.branchCount} 个：绿灯 ${stats.green}，黄灯 ${stats.amber}，红灯 ${stats.red}；达标率 ${percentOf(stats.qualifiedRate)}${change ? `（${change}）` : ''}`,
    `近几月达标率：${report.trend.map((point) => `${point.monthLabel} ${percentOf(point.qualifiedRate)}`).join(' → ')}`,
    `本月未完成 ${report.missed.length} 项；学时落后 ${report.laggardTotal} 人；督办发出 ${supervisions.sent} 件、解决 ${supervisions.resolved} 件、未解决 ${supervisions.open} 件`,
  ]
}

/** 月度通报 as a workbook: the overview and branches, what was missed, 学时 laggards, 督办. */
export async function reportWorkbook(report: MonthlyReport, timeZone: string): Promise<Uint8Array> {
  const dateOf = (instant: Date) => formatLocalDate(instant, timeZone)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '支部通'
  const branches = workbook.addWorksheet('各支部情况')
  titleRows(branches, titleOf(report), REPORT_BRANCH_COLUMNS)
  ;[6, 28, 20, 8, 8, 10, 16, 14].forEach((width, index) => (branches.getColumn(index + 1).width = width))
  for (const [index, row] of report.branches.entries()) {
    branches.addRow([index + 1, row.branchName, row.parentName, row.lightLabel, row.total, row.gradeLabel, row.missedCount, row.laggardCount])
  }
  branches.addRow([])
  for (const line of summaryLines(report)) branches.addRow([line])
  const sheets: [string, readonly string[], (string | number)[][]][] = [
    ['未完成事项', REPORT_MISSED_COLUMNS, report.missed.map((item) => [item.branchName, item.title])],
    [
      '学时落后',
      REPORT_LAGGARD_COLUMNS,
      report.laggards.map((member) => [member.branchName, member.name, member.totalHours, member.expectedByNow, member.target]),
    ],
    [
      '督办',
      REPORT_SUPERVISION_COLUMNS,
      report.supervisions.items.map((item) => [item.branchName, item.title, supervisionStateLabel(item.state), dateOf(item.createdAt)]),
    ],
  ]
  for (const [name, columns, rows] of sheets) {
    const sheet = workbook.addWorksheet(name)
    titleRows(sheet, `${titleOf(report)}：${name}`, columns)
    columns.forEach((_, index) => (sheet.getColumn(index + 1).width = index === 1 ? 36 : 16))
    for (const row of rows) sheet.addRow(row)
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** 月度通报 as a printable document. */
export async function reportPdf(report: MonthlyReport, font: LedgerFont, timeZone: string): Promise<Uint8Array> {
  const dateOf = (instant: Date) => formatLocalDate(instant, timeZone)
  const { doc, width, finish } = startLedgerPdf(font, {
    title: report.orgName,
    subtitle: `${report.monthLabel}组织生活通报`,
    caption: `生成于 ${dateOf(report.generatedAt)}`,
  })
  const section = (title: string, lines: string[], empty = '无') => {
    doc.moveDown(0.5).fontSize(13).fillColor('#c8161d').text(title, { width })
    doc.fillColor('#000000').fontSize(10).moveDown(0.2)
    for (const line of lines.length > 0 ? lines : [empty]) doc.text(line, { width })
  }
  section('总体情况', summaryLines(report))
  section(
    '各支部情况',
    report.branches.map(
      (row, index) => `${index + 1}. ${row.branchName}（${row.parentName}）：${row.lightLabel}，${row.total} 分，${row.gradeLabel}；未完成 ${row.missedCount} 项，学时落后 ${row.laggardCount} 人`,
    ),
  )
  section('本月未完成', report.missed.map((item) => `${item.branchName}：${item.title}`))
  section(
    `学时落后（共 ${report.laggardTotal} 人）`,
    report.laggards.map((member) => `${member.branchName} ${member.name}：${member.totalHours}/${member.expectedByNow} 学时（全年 ${member.target}）`),
  )
  section(
    '督办',
    report.supervisions.items.map((item) => `【${supervisionStateLabel(item.state)}】${item.branchName}：${item.title}（${dateOf(item.createdAt)}）`),
  )
  return finish()
}
