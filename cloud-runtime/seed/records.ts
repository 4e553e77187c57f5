import type { Attendance, Evidence, Member, StudyRecord } from '../../src/domain/model'
import type { DemoActivity } from './activities'
import { atBeijingTime, DAY_MS, HOUR_MS, MINUTE_MS, toBeijingDay } from './beijing-time'
import type { DemoClock } from './clock'
import { writeMinutes, type AttendanceTally } from './minutes'
import type { DemoPhotos } from './photos'
import type { Random } from './random'
import type { BranchRoster } from './roster'
import { STUDY_COURSES, TEACHER_STUDY_COURSES } from './texts'

/** A file the local storage should hold, addressed like an uploaded one. */
export interface DemoFile {
  cloudPath: string
  bytes: Uint8Array
}

const localFileId = (cloudPath: string): string => `cloud://local/${cloudPath}`

type Turnout = 'qr' | 'manual' | 'late' | 'leave' | 'absent'

function rollTurnout(random: Random): Turnout {
  const roll = random.next()
  if (roll < 0.8) return 'qr'
  if (roll < 0.83) return 'manual'
  if (roll < 0.9) return 'late'
  if (roll < 0.95) return 'leave'
  return 'absent'
}

const attends = (turnout: Turnout): boolean => turnout !== 'leave' && turnout !== 'absent'

const MAKEUP_COUNT = 2

/** One record per expected member of every closed activity, keyed by activity id. */
export function recordAttendance(schedule: DemoActivity[], clock: DemoClock, random: Random): Map<string, Attendance[]> {
  const byActivity = new Map<string, Attendance[]>()
  const makeupCandidates: { record: Attendance; closedAt: Date }[] = []
  for (const entry of schedule) {
    const { closedAt } = entry.activity
    if (entry.activity.status !== 'closed' || !closedAt) continue
    const records = rollCall(entry, random)
    byActivity.set(entry.activity._id, records)
    // 补学 takes a few days: only absences from at least a week ago can have been made up.
    if (closedAt.getTime() <= clock.now.getTime() - 7 * DAY_MS) {
      for (const record of records) if (record.state === 'absent') makeupCandidates.push({ record, closedAt })
    }
  }
  for (let index = 0; index < Math.min(MAKEUP_COUNT, makeupCandidates.length); index++) {
    const { record, closedAt } = makeupCandidates[Math.floor((index * makeupCandidates.length) / MAKEUP_COUNT)]
    record.makeupConfirmedAt = new Date(closedAt.getTime() + random.int(2, 6) * DAY_MS + random.int(1, 8) * HOUR_MS)
  }
  return byActivity
}

function rollCall(entry: DemoActivity, random: Random): Attendance[] {
  const { activity, expected, roster, host } = entry
  const presentForSure = new Set([roster.secretary._id, host._id, activity.speakerMemberId])
  const turnouts = expected.map((member): Turnout => (presentForSure.has(member._id) ? 'qr' : rollTurnout(random)))
  // A meeting without a quorum would not have been held: more than half must be there.
  for (let index = 0; turnouts.filter(attends).length * 2 <= turnouts.length; index++) {
    if (!attends(turnouts[index])) turnouts[index] = 'qr'
  }
  const startMs = activity.startAt.getTime()
  const minutesAfterStart = (from: number, to: number): Date => new Date(startMs + random.int(from * 60, to * 60) * 1000)
  return expected.map((member, index): Attendance => {
    const base = {
      _id: `${activity._id}_${member._id}`,
      activityId: activity._id,
      memberId: member._id,
      branchId: activity.branchId,
      makeupConfirmedAt: null,
    }
    const secretaryId = roster.secretary._id
    switch (turnouts[index]) {
      case 'qr':
        return { ...base, state: 'present', signedInAt: minutesAfterStart(-25, 9), method: 'qr', recordedBy: null }
      case 'manual':
        return { ...base, state: 'present', signedInAt: minutesAfterStart(0, 5), method: 'manual', recordedBy: secretaryId }
      case 'late':
        return { ...base, state: 'late', signedInAt: minutesAfterStart(11, 35), method: 'qr', recordedBy: null }
      case 'leave':
        return { ...base, state: 'leave', signedInAt: null, method: 'leave', recordedBy: secretaryId }
      case 'absent':
        return { ...base, state: 'absent', signedInAt: null, method: 'close', recordedBy: secretaryId }
    }
  })
}

/** The latest closed activities of branches whose story is "待补痕迹". */
function activitiesAwaitingEvidence(schedule: DemoActivity[]): Set<string> {
  const awaiting = new Set<string>()
  const byBranch = new Map<string, DemoActivity[]>()
  for (const entry of schedule) {
    if (entry.activity.status !== 'closed' || !entry.roster.spec.story.lacksRecentEvidence) continue
    byBranch.set(entry.roster.id, [...(byBranch.get(entry.roster.id) ?? []), entry])
  }
  for (const entries of byBranch.values()) {
    const latestFirst = [...entries].sort((a, b) => b.activity.startAt.getTime() - a.activity.startAt.getTime())
    for (const entry of latestFirst.slice(0, 2)) awaiting.add(entry.activity._id)
  }
  return awaiting
}

function tallyOf(records: Attendance[]): AttendanceTally {
  const tally: AttendanceTally = { present: 0, late: 0, leave: 0, absent: 0 }
  for (const record of records) tally[record.state]++
  return tally
}

/** Photos and minutes for every closed activity, except a couple that still wait for them. */
export function recordEvidence(
  schedule: DemoActivity[],
  attendance: Map<string, Attendance[]>,
  clock: DemoClock,
  random: Random,
  photos: DemoPhotos,
): { evidence: Evidence[]; files: DemoFile[] } {
  const awaiting = activitiesAwaitingEvidence(schedule)
  const evidence: Evidence[] = []
  const files: DemoFile[] = []
  for (const entry of schedule) {
    const { activity, roster } = entry
    if (!activity.closedAt || awaiting.has(activity._id)) continue
    const closedMs = activity.closedAt.getTime()
    const shared = {
      activityId: activity._id,
      branchId: activity.branchId,
      review: 'pass' as const,
      uploadedBy: roster.recorder._id,
    }
    const uploadedAt = (): Date => new Date(Math.min(closedMs + random.int(5, 180) * MINUTE_MS, clock.now.getTime()))
    const photoCount = random.int(1, 2)
    for (let number = 1; number <= photoCount; number++) {
      const cloudPath = `evidence/${activity.branchId}/${activity._id}/${number}.png`
      files.push({ cloudPath, bytes: photos[entry.scene] })
      evidence.push({
        ...shared,
        _id: `ev-${activity._id}-photo-${number}`,
        kind: 'photo',
        fileId: localFileId(cloudPath),
        text: null,
        uploadedAt: uploadedAt(),
      })
    }
    evidence.push({
      ...shared,
      _id: `ev-${activity._id}-minutes`,
      kind: 'minutes',
      fileId: null,
      text: writeMinutes(entry, tallyOf(attendance.get(activity._id) ?? [])),
      uploadedAt: uploadedAt(),
    })
  }
  return { evidence, files }
}

const STUDY_RECORD_COUNT = 16
const PENDING_STUDY_RECORDS = 4

/** Self-study filed by members with a screenshot as proof; the latest few still wait for approval. */
export function recordSelfStudy(
  rosters: BranchRoster[],
  clock: DemoClock,
  random: Random,
  photos: DemoPhotos,
): { studyRecords: StudyRecord[]; files: DemoFile[] } {
  const learners: { member: Member; reviewer: Member }[] = rosters.flatMap((roster) =>
    roster.members.filter((member) => member !== roster.secretary).map((member) => ({ member, reviewer: roster.secretary })),
  )
  const historyStartMs = atBeijingTime({ ...clock.historyStart, day: 1 }).getTime()
  const lastDayMs = clock.now.getTime() - DAY_MS
  const filings = random
    .shuffle(learners)
    .slice(0, STUDY_RECORD_COUNT)
    .map(({ member, reviewer }) => ({
      member,
      reviewer,
      course: random.pick(member.category === 'teacher' ? [...STUDY_COURSES, ...TEACHER_STUDY_COURSES] : STUDY_COURSES),
      // An evening of the day before today at the latest, so never in the future.
      studiedAt: atBeijingTime(toBeijingDay(new Date(historyStartMs + random.next() * (lastDayMs - historyStartMs))), '20:00'),
    }))
    .sort((a, b) => a.studiedAt.getTime() - b.studiedAt.getTime())
  const files: DemoFile[] = []
  const studyRecords = filings.map(({ member, reviewer, course, studiedAt }, index): StudyRecord => {
    const id = `study-${String(index + 1).padStart(2, '0')}`
    const cloudPath = `study/${member._id}/${id}.png`
    files.push({ cloudPath, bytes: photos.certificate })
    const pending = index >= filings.length - PENDING_STUDY_RECORDS
    return {
      _id: id,
      memberId: member._id,
      branchId: member.branchId,
      title: course.title,
      hours: course.hours,
      studiedAt,
      proofFileId: localFileId(cloudPath),
      status: pending ? 'pending' : 'approved',
      reviewedBy: pending ? null : reviewer._id,
      // Reviewed the next morning.
      reviewedAt: pending ? null : new Date(studiedAt.getTime() + 13 * HOUR_MS),
      reviewNote: null,
    }
  })
  return { studyRecords, files }
}
