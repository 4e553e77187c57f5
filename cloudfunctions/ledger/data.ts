import { expectedAudience, isHeld, participatingBranchIds } from '../../src/domain/attendance'
import { evaluateBranch, type BranchEvaluation } from '../../src/domain/compliance'
import { excerpt } from '../../src/domain/evidence'
import type { Activity, Attendance, AttendanceState, Evidence, Member, Org } from '../../src/domain/model'
import { activityTypeLabel, type RulesetTimeline } from '../../src/domain/ruleset'
import { PERIOD_KINDS, type Period } from '../../src/domain/time'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll } from '../_shared/db'

export const MINUTES_EXCERPT_CHARS = 120

/** One activity as the 组织生活台账 shows it. */
export interface LedgerActivityRow {
  activity: Activity
  typeLabels: string[]
  speaker: string
  held: boolean
  expected: number
  names: Record<AttendanceState, string[]>
  /** Passed photos. */
  photos: Evidence[]
  minutesExcerpt: string
  /** Passed minutes text (for the PDF). */
  minutesText: string
}

export interface LedgerData {
  branch: Org
  /** The rules' zone: dates and times are shown in it. */
  timeZone: string
  period: Period
  members: Member[]
  groups: Org[]
  rows: LedgerActivityRow[]
  evaluation: BranchEvaluation
}

const byId = <T extends { _id: string }>(items: readonly T[]) => new Map(items.map((item) => [item._id, item]))

/** The branch's own and joint activities. */
async function activitiesOf(context: CloudContext, branchId: string, start: Date, end: Date): Promise<Activity[]> {
  const _ = context.db.command
  return findAll<Activity>(
    collectionOf(context.db, 'activities')
      .where({ participantBranchIds: branchId, startAt: _.gte(start).and(_.lt(end)) })
      .orderBy('startAt', 'asc')
      .orderBy('_id', 'asc'),
  )
}

async function inChunks<T>(ids: string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const results: T[] = []
  for (let start = 0; start < ids.length; start += 100) results.push(...(await load(ids.slice(start, start + 100))))
  return results
}

/** Everything the 组织生活台账 of one branch and period needs, read once. */
export async function loadLedgerData(context: CloudContext, branch: Org, period: Period, rules: RulesetTimeline): Promise<LedgerData> {
  const _ = context.db.command
  const calendar = rules.calendar
  // The summary evaluates every rule period overlapping the export's period (a month export shows
  // the quarter and the year too), so read activities over all of those periods.
  const overlapping = PERIOD_KINDS.flatMap((kind) => calendar.periodsOverlapping(kind, period))
  const from = new Date(Math.min(...overlapping.map((p) => p.start.getTime())))
  const to = new Date(Math.max(...overlapping.map((p) => p.end.getTime())))
  const activities = await activitiesOf(context, branch._id, from, to)
  const activityIds = activities.map((activity) => activity._id)
  const branchIds = [...new Set([branch._id, ...activities.flatMap((activity) => participatingBranchIds(activity))])]
  const allMembers = await inChunks(branchIds, (chunk) =>
    findAll<Member>(collectionOf(context.db, 'members').where({ branchId: _.in(chunk) }).orderBy('_id', 'asc')),
  )
  const attendance = await inChunks(activityIds, (chunk) =>
    findAll<Attendance>(collectionOf(context.db, 'attendance').where({ activityId: _.in(chunk) }).orderBy('_id', 'asc')),
  )
  const evidence = await inChunks(activityIds, (chunk) =>
    findAll<Evidence>(
      collectionOf(context.db, 'evidence').where({ activityId: _.in(chunk) }).orderBy('uploadedAt', 'asc').orderBy('_id', 'asc'),
    ),
  )
  const groups = await findAll<Org>(
    collectionOf(context.db, 'orgs').where({ parentId: branch._id, kind: 'group' }).orderBy('_id', 'asc'),
  )
  const members = allMembers.filter((member) => member.branchId === branch._id)
  const asOf = context.now()
  const evaluation = evaluateBranch({
    branch,
    groups,
    members,
    activities,
    attendance,
    evidence,
    rules,
    asOf,
    window: { start: period.start, end: period.end },
  })
  const membersById = byId(allMembers)
  const rows = activities
    .filter((activity) => activity.status !== 'cancelled' && activity.startAt >= period.start && activity.startAt < period.end)
    .map((activity): LedgerActivityRow => {
      const records = new Map(
        attendance.filter((record) => record.activityId === activity._id).map((record) => [record.memberId, record]),
      )
      const held = isHeld(activity, asOf)
      const names: Record<AttendanceState, string[]> = { present: [], late: [], leave: [], absent: [] }
      const expected = expectedAudience(activity, allMembers)
      for (const member of expected) {
        const state = records.get(member._id)?.state ?? (held ? 'absent' : null)
        if (state) names[state].push(member.name)
      }
      const passed = evidence.filter((item) => item.activityId === activity._id && item.review === 'pass')
      const minutes = passed.filter((item) => item.kind === 'minutes')
      const minutesText = minutes
        .map((item) => item.text ?? (item.fileName ? `（会议记录附件：${item.fileName}）` : ''))
        .join('\n')
      return {
        activity,
        typeLabels: activity.types.map((type) => activityTypeLabel(type, rules.at(activity.startAt))),
        speaker: activity.speakerName ?? (activity.speakerMemberId ? (membersById.get(activity.speakerMemberId)?.name ?? '') : ''),
        held,
        expected: expected.length,
        names,
        photos: passed.filter((item) => item.kind === 'photo'),
        minutesExcerpt: excerpt(minutesText, MINUTES_EXCERPT_CHARS),
        minutesText,
      }
    })
  return { branch, timeZone: rules.timeZone, period, members, groups, rows, evaluation }
}
