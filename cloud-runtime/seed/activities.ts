import { participatingBranchIds } from '../../src/domain/attendance'
import type { Activity, Audience, Member } from '../../src/domain/model'
import type { DEFAULT_RULESET } from '../../src/domain/ruleset'
import {
  atBeijingTime,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  monthIndex,
  onWorkday,
  shiftMonths,
  toBeijingDay,
  type CalendarDay,
  type CalendarMonth,
} from './beijing-time'
import type { DemoClock } from './clock'
import type { DemoScene } from './photos'
import type { Random } from './random'
import { isCommitteeMember, type BranchRoster, type PartyGroup } from './roster'
import {
  CANCELLED_THEME_DAY_REASON,
  COMMITTEE_TOPICS,
  GENERAL_MEETING_TOPICS,
  GROUP_TOPICS,
  GUEST_SPEAKERS,
  LECTURE_TOPICS,
  OFF_SITE_VENUES,
  THEME_DAY_IDEAS,
} from './texts'

/** Activity type ids of the default ruleset (三会一课, 主题党日, 组织生活会, 民主评议). */
export const DEMO_ACTIVITY_TYPES = {
  generalMeeting: 'party_congress',
  committeeMeeting: 'committee_meeting',
  groupMeeting: 'group_meeting',
  partyLecture: 'party_lecture',
  themeDay: 'theme_day',
  lifeMeeting: 'org_life_meeting',
  democraticReview: 'democratic_review',
} as const satisfies Record<string, keyof typeof DEFAULT_RULESET.activityTypes>

export type ActivityKind = 'committee' | 'general' | 'theme' | 'group' | 'lecture' | 'life'

/** An activity with what the rest of the demo needs to know about it. */
export interface DemoActivity {
  activity: Activity
  kind: ActivityKind
  roster: BranchRoster
  group: PartyGroup | null
  /** The audience resolved to members: who is expected to attend. */
  expected: Member[]
  host: Member
  /** The topic without the 党课/主题党日 prefix, for the minutes. */
  subject: string
  scene: DemoScene
  /** Beijing calendar day and wall-clock times, as the minutes state them. */
  day: CalendarDay
  times: MeetingTimes
}

/** Beijing wall-clock times, 'HH:mm'. */
export interface MeetingTimes {
  start: string
  end: string
}

interface Slot extends MeetingTimes {
  /** Day of the month before spreading branches and avoiding weekends. */
  day: number
}

/** Beijing wall-clock slots; branches spread over neighbouring days. */
const SLOTS: Record<ActivityKind, Slot> = {
  committee: { day: 2, start: '16:00', end: '17:00' },
  general: { day: 9, start: '14:30', end: '16:30' },
  theme: { day: 15, start: '14:00', end: '16:30' },
  group: { day: 18, start: '15:00', end: '16:20' },
  life: { day: 20, start: '09:00', end: '11:30' },
  lecture: { day: 24, start: '14:30', end: '16:10' },
}

const CHECKIN_MARGIN_MS = 30 * MINUTE_MS
const MAX_CREDIT_HOURS_PER_DAY = 8

/** The demo only plans activities of one branch. */
type BranchAudience = Exclude<Audience, { kind: 'branches' }>

interface ActivityPlan {
  kind: ActivityKind
  types: string[]
  topic: string
  subject: string
  dayOffset: number
  place: string
  audience: BranchAudience
  group?: PartyGroup
  /** Defaults to the secretary. */
  host?: Member
  /** A member, or the name of an invited speaker. */
  speaker?: Member | string
  scene?: DemoScene
  cancelReason?: string
}

interface PlannedActivity extends ActivityPlan {
  id: string
  roster: BranchRoster
  month: CalendarMonth
}

/**
 * Every month from the start of the history to the horizon, per branch: 支委会, a quarterly
 * 支部党员大会, the 主题党日 on the 15th, 党小组会, a 党课 in even months and, early in the year,
 * the 组织生活会 with 民主评议.
 */
export function scheduleActivities(rosters: BranchRoster[], clock: DemoClock, random: Random): DemoActivity[] {
  const firstMonth = monthIndex(clock.historyStart)
  const lastMonth = monthIndex(toBeijingDay(clock.horizon))
  const previousMonth = monthIndex(shiftMonths(clock.today, -1))
  const plans: PlannedActivity[] = []
  rosters.forEach((roster, branchIndex) => {
    const { spec, secretary, deputy } = roster
    const place = (slotIndex: number): string => spec.places[slotIndex % spec.places.length]
    let lectureCount = 0
    for (let index = firstMonth; index <= lastMonth; index++) {
      const month = shiftMonths(clock.historyStart, index - firstMonth)
      const rotation = index + branchIndex
      const add = (plan: ActivityPlan): void => {
        const groupSuffix = plan.group ? `-${roster.groups.indexOf(plan.group) + 1}` : ''
        const yearMonth = `${month.year}${String(month.month).padStart(2, '0')}`
        plans.push({ ...plan, id: `act-${spec.key}-${yearMonth}-${plan.kind}${groupSuffix}`, roster, month })
      }

      if (spec.leadership.kind === 'committee') {
        const subject = COMMITTEE_TOPICS[rotation % COMMITTEE_TOPICS.length]
        add({
          kind: 'committee',
          types: [DEMO_ACTIVITY_TYPES.committeeMeeting],
          topic: subject,
          subject,
          dayOffset: branchIndex % 3,
          place: place(0),
          audience: { kind: 'committee' },
        })
      }

      if (month.month % 3 === 1 || index === firstMonth) {
        const subject = GENERAL_MEETING_TOPICS[rotation % GENERAL_MEETING_TOPICS.length]
        add({
          kind: 'general',
          types: [DEMO_ACTIVITY_TYPES.generalMeeting],
          topic: subject,
          subject,
          dayOffset: branchIndex % 3,
          place: place(2),
          audience: { kind: 'branch' },
        })
      }

      const idea = THEME_DAY_IDEAS[rotation % THEME_DAY_IDEAS.length]
      if (spec.story.themeDayLectureInFirstMonth && index === firstMonth) {
        add({
          kind: 'theme',
          types: [DEMO_ACTIVITY_TYPES.themeDay, DEMO_ACTIVITY_TYPES.partyLecture],
          topic: `主题党日暨专题党课：${idea.topic}`,
          subject: idea.topic,
          dayOffset: 0,
          place: place(2),
          audience: { kind: 'branch' },
          speaker: secretary,
          scene: 'lectureHall',
        })
      } else {
        add({
          kind: 'theme',
          types: [DEMO_ACTIVITY_TYPES.themeDay],
          topic: idea.topic,
          subject: idea.topic,
          dayOffset: 0,
          place: idea.offSite ? OFF_SITE_VENUES[rotation % OFF_SITE_VENUES.length] : place(0),
          audience: { kind: 'branch' },
          scene: idea.offSite ? 'memorial' : 'meetingRoom',
          cancelReason: spec.story.cancelsLastMonthThemeDay && index === previousMonth ? CANCELLED_THEME_DAY_REASON : undefined,
        })
      }

      roster.groups.forEach((group, groupIndex) => {
        const subject = GROUP_TOPICS[(rotation + groupIndex) % GROUP_TOPICS.length]
        add({
          kind: 'group',
          types: [DEMO_ACTIVITY_TYPES.groupMeeting],
          topic: `${group.name}：${subject}`,
          subject,
          dayOffset: 2 * groupIndex + (branchIndex % 2),
          place: place(1),
          audience: { kind: 'group', groupId: group.id },
          group,
          host: group.leader,
        })
      })

      if (month.month <= 3 && (month.month === 1 || index === firstMonth)) {
        const subject = `${month.year - 1}年度专题组织生活会和民主评议党员`
        add({
          kind: 'life',
          types: [DEMO_ACTIVITY_TYPES.lifeMeeting, DEMO_ACTIVITY_TYPES.democraticReview],
          topic: subject,
          subject,
          dayOffset: branchIndex % 3,
          place: place(0),
          audience: { kind: 'branch' },
        })
      }

      if (month.month % 2 === 0) {
        const subject = LECTURE_TOPICS[rotation % LECTURE_TOPICS.length]
        const speaker =
          lectureCount === 0 && spec.story.secretaryGivesLecture
            ? secretary
            : lectureCount % 2 === 1 && deputy
              ? deputy
              : GUEST_SPEAKERS[rotation % GUEST_SPEAKERS.length]
        lectureCount++
        add({
          kind: 'lecture',
          types: [DEMO_ACTIVITY_TYPES.partyLecture],
          topic: `专题党课：${subject}`,
          subject,
          dayOffset: branchIndex % 3,
          place: place(2),
          audience: { kind: 'branch' },
          speaker,
          scene: 'lectureHall',
        })
      }
    }
  })
  return plans.flatMap((plan) => {
    const scheduled = materialize(plan, clock, random)
    return scheduled ? [scheduled] : []
  })
}

/** Past activities are closed (or cancelled), near ones scheduled, later ones not posted yet. */
function materialize(plan: PlannedActivity, clock: DemoClock, random: Random): DemoActivity | null {
  const slot = SLOTS[plan.kind]
  const day = onWorkday({ ...plan.month, day: slot.day + plan.dayOffset })
  const startAt = atBeijingTime(day, slot.start)
  const endAt = atBeijingTime(day, slot.end)
  if (startAt > clock.horizon) return null
  const closing = new Date(endAt.getTime() + random.int(10, 90) * MINUTE_MS)
  const status = plan.cancelReason ? 'cancelled' : closing <= clock.now ? 'closed' : 'scheduled'
  const postedAt = startAt.getTime() - random.int(3, 10) * DAY_MS - random.int(0, 6) * HOUR_MS
  const durationHours = (endAt.getTime() - startAt.getTime()) / HOUR_MS
  const speakerMember = typeof plan.speaker === 'string' ? null : (plan.speaker ?? null)
  const { roster } = plan
  return {
    activity: {
      _id: plan.id,
      branchId: roster.id,
      types: plan.types,
      topic: plan.topic,
      startAt,
      endAt,
      place: plan.place,
      speakerMemberId: speakerMember?._id ?? null,
      speakerName: typeof plan.speaker === 'string' ? plan.speaker : (speakerMember?.name ?? null),
      audience: plan.audience,
      participantBranchIds: participatingBranchIds({ branchId: roster.id, audience: plan.audience }),
      creditHours: Math.min(MAX_CREDIT_HOURS_PER_DAY, Math.floor(durationHours * 2) / 2),
      checkinOpensAt: new Date(startAt.getTime() - CHECKIN_MARGIN_MS),
      checkinClosesAt: new Date(endAt.getTime() + CHECKIN_MARGIN_MS),
      geofence: null,
      status,
      closedAt: status === 'closed' ? closing : null,
      cancelReason: plan.cancelReason ?? null,
      createdBy: roster.secretary._id,
      createdAt: new Date(Math.min(postedAt, clock.now.getTime() - HOUR_MS)),
    },
    kind: plan.kind,
    roster,
    group: plan.group ?? null,
    expected: expectedMembers(roster, plan.audience),
    host: plan.host ?? roster.secretary,
    subject: plan.subject,
    scene: plan.scene ?? 'meetingRoom',
    day,
    times: { start: slot.start, end: slot.end },
  }
}

function expectedMembers(roster: BranchRoster, audience: BranchAudience): Member[] {
  const active = roster.members.filter((member) => member.active)
  switch (audience.kind) {
    case 'committee':
      return active.filter(isCommitteeMember)
    case 'group':
      return active.filter((member) => member.groupId === audience.groupId)
    case 'branch':
      return active
  }
}
