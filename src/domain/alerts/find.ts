import type { EvidenceKind } from '../model'
import { linkTo } from '../messages/links'
import { AWAITING_EVIDENCE_LABEL, type RequirementStatus } from '../compliance/labels'
import type { AlertKind } from './kinds'
import { activityTypeLabel, type Ruleset } from '../ruleset'
import { studyPace } from '../study-hours'
import { daysToPeriodEnd, formatLocalDate, periodCalendar, wallClockOf } from '../time'
import { dueStages, stageFor, termStages, type AlertSchedule } from './schedule'
import { requirementTopic, type AlertTopic } from './topics'

/** The parts of a branch's stored summary (`branch_summaries`) the scan reads. */
export interface AlertSummary {
  year: number
  lines: readonly {
    requirementId: string
    periodKey: string
    periodLabel: string
    groupName: string | null
    status: RequirementStatus
    required: number
    counted: number
  }[]
  awaitingEvidence: readonly { activityId: string; topic: string; missing: readonly EvidenceKind[] }[]
  membersBehind: readonly { memberId: string; name: string; totalHours: number; target: number }[]
  termEndsAt: Date | null
}

export interface BranchAlertInput {
  branch: { _id: string; name: string }
  /** The branch's summary of the current year and, in the first days of a year, of the one before. */
  summaries: readonly AlertSummary[]
  /** When each activity waiting for evidence was closed. */
  closedAt: ReadonlyMap<string, Date>
  ruleset: Ruleset
  schedule: AlertSchedule
  now: Date
}

export interface Alert {
  /** What it is about; an item alerts at most once a day. */
  itemKey: string
  /** The step of the item's warnings ('7', '3', '07-01', 'once'); an item never alerts twice at one step. */
  stage: string
  kind: AlertKind
  topic: AlertTopic
  branchId: string
  title: string
  body: string
  /** The template's 预警事项 and 处理建议 (each shortened to WeChat's 20 characters when sent). */
  subject: string
  advice: string
  link: string
}

const DAY_MS = 24 * 60 * 60 * 1000
const HOUR_MS = 60 * 60 * 1000
const NAMES_SHOWN = 5
const EVIDENCE_LABELS: Record<EvidenceKind, string> = { photo: '照片', minutes: '会议记录' }

/** The last day of a [start, end) range, as people write a deadline: '2026年11月30日'. */
const lastDayOf = (end: Date, timeZone: string) => formatLocalDate(new Date(end.getTime() - 1), timeZone)

function requirementAlerts(input: BranchAlertInput): Alert[] {
  const { branch, ruleset, now } = input
  const calendar = periodCalendar(ruleset)
  const stages = dueStages(ruleset, input.schedule)
  const seen = new Set<string>()
  const alerts: Alert[] = []
  for (const summary of input.summaries) {
    for (const line of summary.lines) {
      const itemKey = `due|${branch._id}|${line.requirementId}|${line.periodKey}|${line.groupName ?? ''}`
      if (seen.has(itemKey) || line.status === 'not_applicable' || line.counted >= line.required) continue
      seen.add(itemKey)
      const period = calendar.periodFromKey(line.periodKey)
      if (now < period.start || now >= period.end) continue
      const daysLeft = daysToPeriodEnd(period, now)
      const stage = stageFor(daysLeft, stages)
      if (stage === null) continue
      const activityTypeId = ruleset.requirements[line.requirementId]?.activityTypeId ?? line.requirementId
      const type = activityTypeLabel(activityTypeId, ruleset)
      const scope = `${line.periodLabel}${line.groupName ? ` ${line.groupName}` : ''}`
      alerts.push({
        itemKey,
        stage: String(stage),
        kind: 'requirement_due',
        topic: requirementTopic(line.requirementId),
        branchId: branch._id,
        title: `${scope}${type}还剩${daysLeft}天`,
        body: `${branch.name}${scope}「${type}」已完成${line.counted}/${line.required}，${lastDayOf(period.end, ruleset.timeZone)}截止。请尽快组织召开，会后上传照片和会议记录，否则将记为未完成。`,
        subject: `${type}：${line.periodLabel}`,
        advice: `还剩${daysLeft}天，已完成${line.counted}/${line.required}`,
        link: linkTo('activityEdit', { branchId: branch._id, type: activityTypeId }),
      })
    }
  }
  return alerts
}

function evidenceAlerts(input: BranchAlertInput): Alert[] {
  const { branch, now, schedule } = input
  const seen = new Set<string>()
  const alerts: Alert[] = []
  for (const gap of input.summaries.flatMap((summary) => summary.awaitingEvidence)) {
    const closedAt = input.closedAt.get(gap.activityId)
    if (seen.has(gap.activityId) || !closedAt || now.getTime() - closedAt.getTime() < schedule.evidenceGraceHours * HOUR_MS) continue
    seen.add(gap.activityId)
    const missing = gap.missing.map((kind) => EVIDENCE_LABELS[kind]).join('和')
    alerts.push({
      itemKey: `evidence|${branch._id}|${gap.activityId}`,
      stage: 'once',
      kind: 'evidence_overdue',
      topic: 'evidence',
      branchId: branch._id,
      title: `「${gap.topic}」${AWAITING_EVIDENCE_LABEL}`,
      body: `活动结束已超过${schedule.evidenceGraceHours}小时，仍缺少${missing}。补齐并通过审核后才计入组织生活。`,
      subject: `${AWAITING_EVIDENCE_LABEL}：${gap.topic}`,
      advice: `请上传${missing}`,
      link: linkTo('evidence', { activityId: gap.activityId }),
    })
  }
  return alerts
}

function studyHourAlerts(input: BranchAlertInput): Alert[] {
  const { branch, ruleset, now, schedule } = input
  const wall = wallClockOf(now, ruleset.timeZone)
  const today = (wall.month() + 1) * 100 + wall.date()
  const passed = schedule.studyHourCheckpoints
    .map((checkpoint) => ({ checkpoint, order: checkpoint.month * 100 + checkpoint.day }))
    .filter(({ order }) => order <= today)
    .sort((a, b) => b.order - a.order)[0]
  const summary = input.summaries.find((candidate) => candidate.year === wall.year())
  if (!passed || !summary) return []
  const year = periodCalendar(ruleset).periodFromKey(String(summary.year))
  const farBehind = summary.membersBehind
    .map((member) => ({ ...member, expected: studyPace(member.totalHours, member.target, year, now).expectedByNow }))
    .filter((member) => member.totalHours < schedule.farBehindShare * member.expected)
    .sort((a, b) => a.totalHours / a.expected - b.totalHours / b.expected)
  if (farBehind.length === 0) return []
  const { month, day } = passed.checkpoint
  const stage = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  const shown = farBehind
    .slice(0, NAMES_SHOWN)
    .map((member) => `${member.name} ${member.totalHours}/${member.expected}`)
    .join('、')
  return [
    {
      itemKey: `hours|${branch._id}|${summary.year}`,
      stage,
      kind: 'study_hours_behind',
      topic: 'study_hours',
      branchId: branch._id,
      title: `${farBehind.length}名党员学时严重落后`,
      body: `${month}月${day}日学时检查：${shown}${farBehind.length > NAMES_SHOWN ? ` 等${farBehind.length}人` : ''}（已有/按进度应有学时），不到进度的${Math.round(schedule.farBehindShare * 100)}%。请提醒参加组织生活或申报自学学时。`,
      subject: `学时落后：${farBehind.length}名党员`,
      advice: '请提醒参加学习或申报自学',
      link: linkTo('branchStatus', { branchId: branch._id }),
    },
  ]
}

function termAlerts(input: BranchAlertInput): Alert[] {
  const { branch, ruleset, now } = input
  const termEndsAt = input.summaries.find((summary) => summary.termEndsAt)?.termEndsAt
  if (!termEndsAt) return []
  const daysLeft = Math.ceil((termEndsAt.getTime() - now.getTime()) / DAY_MS)
  const stage = stageFor(Math.max(daysLeft, 0), termStages(ruleset, input.schedule))
  if (stage === null) return []
  const endLabel = formatLocalDate(termEndsAt, ruleset.timeZone)
  const over = daysLeft <= 0
  return [
    {
      itemKey: `term|${branch._id}|${termEndsAt.toISOString()}`,
      stage: String(stage),
      kind: 'term_due',
      topic: 'term',
      branchId: branch._id,
      title: over ? '支委会任期已届满' : `支委会任期还剩${daysLeft}天`,
      body: over
        ? `${branch.name}本届任期已于${endLabel}届满，请按期换届，并将选举结果报上级党组织。`
        : `${branch.name}本届任期将于${endLabel}届满，请提前做好换届准备，按程序报上级党组织。`,
      subject: over ? '换届：任期已届满' : `换届：任期还剩${daysLeft}天`,
      advice: over ? '请按期换届' : '请做好换届准备',
      link: linkTo('branchStatus', { branchId: branch._id }),
    },
  ]
}

/**
 * What one branch should be warned about now: requirements of running periods still unmet at a
 * warning step, held activities still 待补痕迹 after the grace time, members far behind on 学时
 * after a checkpoint, an approaching or passed 换届. Read from the stored summaries only.
 */
export function findBranchAlerts(input: BranchAlertInput): Alert[] {
  return [...requirementAlerts(input), ...evidenceAlerts(input), ...studyHourAlerts(input), ...termAlerts(input)]
}

/** The local day an instant falls on ('2026-11-24'): "at most once a day" means this day. */
export function localDayOf(instant: Date, timeZone: string): string {
  return wallClockOf(instant, timeZone).format('YYYY-MM-DD')
}
