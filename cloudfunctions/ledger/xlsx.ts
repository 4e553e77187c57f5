import ExcelJS from 'exceljs'
import {
  BRANCH_ROLE_LABELS,
  MEMBER_CATEGORY_LABELS,
  PARTY_STATUS_LABELS,
  type Member,
  type Org,
} from '../../src/domain/model'
import { maskPhone } from '../../src/domain/personal-data'
import { formatLocalDate, wallClockOf } from '../../src/domain/time'
import type { LedgerData } from './data'

export type Progress = (done: number, total: number) => Promise<void>

export const ACTIVITY_SHEET = '组织生活台账'
export const SUMMARY_SHEET = '完成情况汇总'
export const MEMBER_SHEET = '党员信息台账'

export const ACTIVITY_COLUMNS = [
  '序号',
  '日期',
  '时间',
  '类型',
  '主题',
  '地点',
  '主讲人',
  '状态',
  '应到',
  '出席',
  '迟到',
  '请假',
  '缺席',
  '出席名单',
  '迟到名单',
  '请假名单',
  '缺席名单',
  '学时',
  '照片（张）',
  '会议记录摘要',
] as const

export const SUMMARY_COLUMNS = ['要求', '期间', '党小组', '应完成', '已完成', '状态', '未计入的活动及原因'] as const

export const MEMBER_COLUMNS = [
  '序号',
  '姓名',
  '学号/工号',
  '类别',
  '党员类型',
  '入党时间',
  '手机号',
  '党小组',
  '职务',
  '党员领导干部',
  '双带头人',
] as const

/** The 台账's sheet heading: a bold merged title row, then the bold, frozen column headers. */
export function titleRows(sheet: ExcelJS.Worksheet, title: string, columns: readonly string[]): void {
  sheet.addRow([title])
  sheet.mergeCells(1, 1, 1, columns.length)
  sheet.getRow(1).font = { bold: true, size: 14 }
  const header = sheet.addRow([...columns])
  header.font = { bold: true }
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
  sheet.views = [{ state: 'frozen', ySplit: 2 }]
}

const hhmm = (date: Date, timeZone: string) => wallClockOf(date, timeZone).format('HH:mm')

/** 组织生活台账: one row per activity of the period, then the summary per rule and period. */
export async function activitiesWorkbook(data: LedgerData, progress: Progress): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '支部通'
  const sheet = workbook.addWorksheet(ACTIVITY_SHEET)
  titleRows(sheet, `${data.branch.name} 组织生活台账（${data.period.label}）`, ACTIVITY_COLUMNS)
  const widths = [6, 12, 13, 16, 30, 16, 10, 8, 6, 6, 6, 6, 6, 30, 16, 16, 16, 6, 8, 40]
  widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width))
  for (const [index, row] of data.rows.entries()) {
    const { activity, names } = row
    sheet.addRow([
      index + 1,
      formatLocalDate(activity.startAt, data.timeZone),
      `${hhmm(activity.startAt, data.timeZone)}-${hhmm(activity.endAt, data.timeZone)}`,
      row.typeLabels.join('、'),
      activity.topic,
      activity.place,
      row.speaker,
      row.held ? '已召开' : '未召开',
      row.expected,
      names.present.length,
      names.late.length,
      names.leave.length,
      names.absent.length,
      names.present.join('、'),
      names.late.join('、'),
      names.leave.join('、'),
      names.absent.join('、'),
      activity.creditHours,
      row.photos.length,
      row.minutesExcerpt,
    ]).alignment = { vertical: 'top', wrapText: true }
    await progress(index + 1, data.rows.length)
  }
  if (data.rows.length === 0) sheet.addRow(['本期间没有组织生活记录'])

  const summary = workbook.addWorksheet(SUMMARY_SHEET)
  titleRows(summary, `${data.branch.name} 完成情况（${data.period.label}，${data.evaluation.lightLabel}）`, SUMMARY_COLUMNS)
  ;[40, 18, 14, 8, 8, 10, 60].forEach((width, index) => (summary.getColumn(index + 1).width = width))
  for (const line of data.evaluation.lines) {
    summary.addRow([
      line.label,
      line.period.label,
      line.group?.name ?? '',
      line.required,
      line.counted,
      line.statusLabel,
      line.uncounted.map((item) => `${item.topic}：${item.reasons.map((reason) => reason.message).join('；')}`).join('\n') ||
        (line.note ?? ''),
    ]).alignment = { vertical: 'top', wrapText: true }
  }
  if (data.evaluation.reasons.length > 0) {
    summary.addRow([])
    summary.addRow(['需要关注']).font = { bold: true }
    for (const reason of data.evaluation.reasons) summary.addRow([reason.message])
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** 党员信息台账: the branch's active members, phone numbers masked. */
export async function membersWorkbook(
  branch: Org,
  members: readonly Member[],
  groups: readonly Org[],
  asOfLabel: string,
  timeZone: string,
  progress: Progress,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '支部通'
  const sheet = workbook.addWorksheet(MEMBER_SHEET)
  titleRows(sheet, `${branch.name} 党员信息台账（${asOfLabel}）`, MEMBER_COLUMNS)
  ;[6, 10, 14, 8, 10, 12, 14, 14, 20, 12, 10].forEach((width, index) => (sheet.getColumn(index + 1).width = width))
  const groupNames = new Map(groups.map((group) => [group._id, group.name]))
  const active = members.filter((member) => member.active).sort((a, b) => a.number.localeCompare(b.number))
  for (const [index, member] of active.entries()) {
    sheet.addRow([
      index + 1,
      member.name,
      member.number,
      MEMBER_CATEGORY_LABELS[member.category],
      PARTY_STATUS_LABELS[member.partyStatus],
      formatLocalDate(member.joinedAt, timeZone),
      maskPhone(member.phone) ?? '',
      member.groupId ? (groupNames.get(member.groupId) ?? '') : '',
      member.roles.map((role) => BRANCH_ROLE_LABELS[role]).join('、'),
      member.isLeadingCadre ? '是' : '',
      member.isDualLeader ? '是' : '',
    ])
    await progress(index + 1, active.length)
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
