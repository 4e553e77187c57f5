import { participatingBranchIds } from '../../src/domain/attendance'
import { assessBranch, branchSummaryId, summarizeAssessment, type BranchSummary, type ManualScore } from '../../src/domain/compliance'
import { COLLECTIONS } from '../../src/domain/collections'
import type { Activity, Attendance, Evidence, Member, Org, StudyRecord } from '../../src/domain/model'
import { DEFAULT_RULESET, type Ruleset } from '../../src/domain/ruleset'
import { PERIOD_KINDS, periodCalendar } from '../../src/domain/time'
import type { CloudContext } from './context'
import { branchOrFail } from './scopes'
import { chunk, collectionOf, findAll, findById, IN_QUERY_LIMIT } from './db'

/** Organizations do not override the default ruleset yet; every reader goes through here. */
export function rulesetFor(_branch: Pick<Org, '_id'>): Ruleset {
  return DEFAULT_RULESET
}

/** The calendar year (in the ruleset's zone) an instant falls in. */
export function yearOf(instant: Date, ruleset: Ruleset = DEFAULT_RULESET): number {
  return Number(periodCalendar(ruleset).periodOf('year', instant).key)
}

async function findByActivityIds<T>(context: CloudContext, key: 'attendance' | 'evidence', activityIds: string[]): Promise<T[]> {
  const pages = await Promise.all(
    chunk(activityIds, IN_QUERY_LIMIT).map((ids) =>
      findAll<T>(collectionOf(context.db, key).where({ activityId: context.db.command.in(ids) }).orderBy('_id', 'asc')),
    ),
  )
  return pages.flat()
}

/** Everything the engine needs about one branch for one year, read page by page. */
async function loadAssessmentInput(context: CloudContext, branch: Org, year: number) {
  const ruleset = rulesetFor(branch)
  const calendar = periodCalendar(ruleset)
  const yearPeriod = calendar.periodFromKey(String(year))
  // The periods evaluated for a year reach outside it (the autumn semester begun the year before).
  const window = {
    start: new Date(Math.min(...PERIOD_KINDS.map((kind) => calendar.periodsOverlapping(kind, yearPeriod)[0].start.getTime()))),
    end: new Date(Math.max(...PERIOD_KINDS.map((kind) => calendar.periodsOverlapping(kind, yearPeriod).at(-1)!.end.getTime()))),
  }
  const _ = context.db.command
  const [groups, members, activities, studyRecords, manualScores] = await Promise.all([
    findAll<Org>(collectionOf(context.db, 'orgs').where({ parentId: branch._id, kind: 'group' }).orderBy('_id', 'asc')),
    findAll<Member>(collectionOf(context.db, 'members').where({ branchId: branch._id }).orderBy('_id', 'asc')),
    findAll<Activity>(
      collectionOf(context.db, 'activities')
        .where({ participantBranchIds: branch._id, startAt: _.gte(window.start).and(_.lt(window.end)) })
        .orderBy('_id', 'asc'),
    ),
    findAll<StudyRecord>(collectionOf(context.db, 'studyRecords').where({ branchId: branch._id }).orderBy('_id', 'asc')),
    findAll<ManualScore & { _id: string }>(
      collectionOf(context.db, 'manualScores').where({ branchId: branch._id, year }).orderBy('_id', 'asc'),
    ),
  ])
  const activityIds = activities.map((activity) => activity._id)
  const [attendance, evidence] = await Promise.all([
    findByActivityIds<Attendance>(context, 'attendance', activityIds),
    findByActivityIds<Evidence>(context, 'evidence', activityIds),
  ])
  return { branch, groups, members, activities, attendance, evidence, studyRecords, manualScores, ruleset, year }
}

export async function assessBranchNow(context: CloudContext, branch: Org, year: number) {
  const input = await loadAssessmentInput(context, branch, year)
  return { input, assessment: assessBranch({ ...input, asOf: context.now() }) }
}


/**
 * Recomputes one branch's summary from scratch. Call it after any change that affects
 * compliance (an activity closed, evidence added or removed, a manual score). Safe when
 * two run at once: each takes a ticket before reading, and a summary is only replaced by
 * one computed from a ticket at least as new, so a slow stale computation never wins.
 */
export async function refreshBranchSummary(
  context: CloudContext,
  branchId: string,
  year: number = yearOf(context.now()),
): Promise<{ written: boolean; version: number; summary: BranchSummary }> {
  const id = branchSummaryId(branchId, year)
  const requests = collectionOf(context.db, 'summaryRequests')
  const raised = await requests.where({ _id: id }).update({ requested: context.db.command.inc(1) })
  if (raised.updated === 0) {
    await requests.add({ _id: id, requested: 1 }).catch(async () => {
      await requests.where({ _id: id }).update({ requested: context.db.command.inc(1) })
    })
  }
  const ticket = ((await requests.where({ _id: id }).get()).data[0] as { requested: number }).requested

  const branch = await branchOrFail(context, branchId)
  const parent = branch.parentId ? await findById(context.db, 'orgs', branch.parentId) : null
  const { assessment } = await assessBranchNow(context, branch, year)
  const summary = summarizeAssessment(assessment, {
    branch,
    parentName: parent?.kind === 'general_branch' ? parent.name : '',
    year,
    version: ticket,
    computedAt: context.now(),
  })
  const written: boolean = await context.db.runTransaction(async (transaction: TransactionLike) => {
    const current = await transaction.collection(COLLECTIONS.branchSummaries.name).doc(id).get()
    const currentVersion = (current.data as { version?: number } | null)?.version ?? 0
    if (currentVersion > ticket) return false
    const { _id: _ignored, ...body } = summary
    await transaction.collection(COLLECTIONS.branchSummaries.name).doc(id).set(body)
    return true
  })
  return { written, version: ticket, summary }
}

interface TransactionLike {
  collection(name: string): {
    doc(id: string): { get(): Promise<{ data: unknown }>; set(data: object): Promise<unknown> }
  }
}

/**
 * After a change to an activity or its evidence: brings the summaries of every branch it
 * counts for up to date (and of those it counted for before an edit, given `previous`).
 * The change itself is already saved, so a failure here is logged, not thrown; the nightly
 * rebuild repairs what it left behind.
 */
export async function refreshSummariesForActivity(
  context: CloudContext,
  activityId: string,
  previous?: Pick<Activity, 'branchId' | 'audience' | 'startAt'>,
): Promise<void> {
  try {
    const activity = (await collectionOf(context.db, 'activities').where({ _id: activityId }).get()).data[0] as Activity | undefined
    const versions = [activity, previous].filter((item) => item !== undefined)
    const targets = new Map<string, { branchId: string; year: number }>()
    for (const version of versions) {
      const year = yearOf(version.startAt, rulesetFor({ _id: version.branchId }))
      for (const branchId of participatingBranchIds(version)) targets.set(`${branchId}_${year}`, { branchId, year })
    }
    for (const { branchId, year } of targets.values()) await refreshBranchSummary(context, branchId, year)
  } catch (error) {
    context.log(`compliance summary refresh after a change to activity ${activityId} failed`, error)
  }
}

const REBUILD_JOB_ID = 'summary_rebuild'

interface RebuildJob {
  /** The last branch id done in the current pass; null when a pass is complete. */
  cursor: string | null
  passStartedAt: Date | null
  lastCompletedAt: Date | null
}

/**
 * The timer's work: recompute every branch's summary for the current year, in branch-id
 * order, stopping once `budgetMs` of wall time is spent (CloudBase stops a function at 60 s)
 * and resuming at the next run from the saved cursor. At least one branch is done per run;
 * a finished pass starts again only after `restartAfterMs`.
 */
export async function rebuildSummaries(
  context: CloudContext,
  options: { budgetMs: number; year?: number; restartAfterMs?: number },
): Promise<{ processed: number; done: boolean }> {
  const startedAt = Date.now()
  const jobs = collectionOf(context.db, 'jobs')
  const job = (await jobs.where({ _id: REBUILD_JOB_ID }).get()).data[0] as (RebuildJob & { _id: string }) | undefined
  const cursor = job?.cursor ?? null
  const sinceLastPass = job?.lastCompletedAt ? context.now().getTime() - job.lastCompletedAt.getTime() : Infinity
  if (cursor === null && sinceLastPass < (options.restartAfterMs ?? 0)) return { processed: 0, done: true }
  const _ = context.db.command
  const branches = await findAll<Org>(
    collectionOf(context.db, 'orgs')
      .where(cursor ? { kind: 'branch', _id: _.gt(cursor) } : { kind: 'branch' })
      .field({ _id: true })
      .orderBy('_id', 'asc'),
  )
  const year = options.year ?? yearOf(context.now())
  const saveJob = (state: RebuildJob) => jobs.doc(REBUILD_JOB_ID).set(state)
  const passStartedAt = job?.passStartedAt && cursor ? job.passStartedAt : context.now()
  let processed = 0
  for (const branch of branches) {
    await refreshBranchSummary(context, branch._id, year)
    processed += 1
    if (Date.now() - startedAt >= options.budgetMs && processed < branches.length) {
      await saveJob({ cursor: branch._id, passStartedAt, lastCompletedAt: job?.lastCompletedAt ?? null })
      return { processed, done: false }
    }
  }
  await saveJob({ cursor: null, passStartedAt: null, lastCompletedAt: context.now() })
  return { processed, done: true }
}
