import { z } from 'zod'
import {
  activitySchema,
  attendanceSchema,
  evidenceSchema,
  manualScoreDocumentSchema,
  memberSchema,
  orgSchema,
  studyRecordSchema,
  type Activity,
  type Attendance,
  type Evidence,
  type ManualScoreDocument,
  type Member,
  type Org,
  type StudyRecord,
} from '../../src/domain/model'
import { scheduleActivities } from './activities'
import { createDemoClock } from './clock'
import { buildOrgTree } from './org-tree'
import { renderDemoPhotos } from './photos'
import { createRandom } from './random'
import { recordAttendance, recordEvidence, recordSelfStudy, type DemoFile } from './records'
import { scoreManualItems } from './manual-scores'
import { buildRosters } from './roster'

export type { DemoFile } from './records'

/** Documents per collection, keyed like COLLECTIONS. */
export interface DemoDocuments {
  orgs: Org[]
  members: Member[]
  activities: Activity[]
  attendance: Attendance[]
  evidence: Evidence[]
  studyRecords: StudyRecord[]
  manualScores: ManualScoreDocument[]
}

export interface DemoData extends DemoDocuments {
  /** Evidence photos and study proofs; few distinct images shared across many paths. */
  photos: DemoFile[]
}

export interface DemoDataOptions {
  /** Everything is generated relative to this instant. */
  now: Date
  seed?: number
}

export const DEFAULT_DEMO_SEED = 20240901

export const DEMO_DOCUMENT_SCHEMAS = {
  orgs: orgSchema,
  members: memberSchema,
  activities: activitySchema,
  attendance: attendanceSchema,
  evidence: evidenceSchema,
  studyRecords: studyRecordSchema,
  manualScores: manualScoreDocumentSchema,
} as const satisfies { [K in keyof DemoDocuments]: z.ZodType<DemoDocuments[K][number]> }

export const DEMO_COLLECTIONS = Object.keys(DEMO_DOCUMENT_SCHEMAS) as (keyof DemoDocuments)[]

/**
 * A living university for the local runtime: a 党委, two 党总支, six 党支部 with their
 * 党小组, about 120 members, this year's 组织生活 (from the autumn semester before it) with
 * attendance and 痕迹, some self-study, and the general branches' manual 达标 scores.
 * Pure and deterministic: the same `now` and `seed` give the same data.
 */
export function generateDemoData({ now, seed = DEFAULT_DEMO_SEED }: DemoDataOptions): DemoData {
  const random = createRandom(seed)
  const clock = createDemoClock(now)
  const photos = renderDemoPhotos()
  const rosters = buildRosters(clock, random)
  const schedule = scheduleActivities(rosters, clock, random)
  const attendance = recordAttendance(schedule, clock, random)
  const evidence = recordEvidence(schedule, attendance, clock, random, photos)
  const selfStudy = recordSelfStudy(rosters, clock, random, photos)
  const orgs = buildOrgTree(clock)
  const data: DemoData = {
    orgs,
    members: rosters.flatMap((roster) => roster.members),
    activities: schedule.map((entry) => entry.activity),
    attendance: [...attendance.values()].flat(),
    evidence: evidence.evidence,
    studyRecords: selfStudy.studyRecords,
    manualScores: scoreManualItems(rosters, orgs, clock, random),
    photos: [...evidence.files, ...selfStudy.files],
  }
  for (const collection of DEMO_COLLECTIONS) z.array(DEMO_DOCUMENT_SCHEMAS[collection]).parse(data[collection])
  return data
}
