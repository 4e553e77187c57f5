import { participatingBranchIds } from '../../src/domain/attendance'
import { assessBranch, branchSummaryId, summarizeAssessment, type BranchSummary, type ManualScore } from '../../src/domain/compliance'
import { COLLECTIONS } from '../../src/domain/collections'
import type { Activity, Attendance, Evidence, Member, Org, StudyRecord } from '../../src/domain/model'
import type { RulesetTimeline } from '../../src/domain/ruleset'
import { PERIOD_KINDS, type PeriodCalendar } from '../../src/domain/time'
import type { CloudContext } from './context'
import { chunk, collectionOf, findAll, findById, findOne, IN_QUERY_LIMIT } from './db'
import { branchOrFail } from './scopes'

/** The calendar year (in the rules' zone) an instant falls in. */
export function yearOf(instant: Date, rules: { calendar: PeriodCalendar }): number {
  return Number(rules.calendar.periodOf('year', instant).key)
}

/** The current year for an org, by its rules' calendar. */
export async function currentYearOf(context: CloudContext, org: Pick<Org, '_id' | 'kind' | 'ancestorIds'>): Promise<number> {
  return yearOf(context.now(), await context.rulesOverTime(org))
}

async function findByIds<T>(
  context: CloudContext,
  key: 'attendance' | 'evidence' | 'activities',
  field: '_id' | 'activityId' | 'memberId',
  ids: string[],
): Promise<T[]> {
  const pages = await Promise.all(
    chunk(ids, IN_QUERY_LIMIT).map((part) =>
      findAll<T>(collectionOf(context.db, key).where({ [field]: context.db.command.in(part) }).orderBy('_id', 'asc')),
    ),
  )
  return pages.flat()
}

/**
 * Study hours follow the person: a member transferred in brings the hours of the year earned at
 * the activities of the former branch. Those activities and attendance are read too (the
 * evaluation of the branch's own requirements ignores them).
 */
async function attendedElsewhere(context: CloudContext, members: Member[], known: Activity[], window: { start: Date; end: Date }) {
  const knownIds = new Set(known.map((activity) => activity._id))
  const attendance = (await findByIds<Attendance>(context, 'attendance', 'memberId', members.map((member) => member._id)))
    .filter((record) => !knownIds.has(record.activityId))
  const activities = (await findByIds<Activity>(context, 'activities', '_id', [...new Set(attendance.map((record) => record.activityId))]))
    .filter((activity) => activity.startAt >= window.start && activity.startAt < window.end)
  const kept = new Set(activities.map((activity) => activity._id))
  return { activities, attendance: attendance.filter((record) => kept.has(record.activityId)) }
}

/** Everything the engine needs about one branch for one year, read page by page; the rules are read with it. */
async function loadAssessmentInput(context: CloudContext, branch: Org, year: number, rules?: RulesetTimeline) {
  const timeline = rules ?? (await context.rulesOverTime(branch))
  const calendar = timeline.calendar
  const yearPeriod = calendar.periodFromKey(String(year))
  // The periods evaluated for a year reach outside it (the autumn semester begun the year before).
  const window = {
    start: new Date(Math.min(...PERIOD_KINDS.map((kind) => calendar.periodsOverlapping(kind, yearPeriod)[0].start.getTime()))),
    end: new Date(Math.max(...PERIOD_KINDS.map((kind) => calendar.periodsOverlapping(kind, yearPeriod).slice(-1)[0].end.getTime()))),
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
  const [attendance, evidence, elsewhere] = await Promise.all([
    findByIds<Attendance>(context, 'attendance', 'activityId', activityIds),
    findByIds<Evidence>(context, 'evidence', 'activityId', activityIds),
    attendedElsewhere(context, members, activities, window),
  ])
  return {
    branch,
    groups,
    members,
    activities: [...activities, ...elsewhere.activities],
    attendance: [...attendance, ...elsewhere.attendance],
    evidence,
    studyRecords,
    manualScores,
    rules: timeline,
    year,
  }
}

/** The engine's answer for one branch and year as of now, under its rules (or under `rules`, e.g. a preview of new ones). */
export async function assessBranchNow(context: CloudContext, branch: Org, year: number, rules?: RulesetTimeline) {
  const input = await loadAssessmentInput(context, branch, year, rules)
  return { input, assessment: assessBranch({ ...input, asOf: context.now() }) }
}

/**
 * Recomputes one branch's summary for one year from scratch. Safe when two run at once: each takes
 * a ticket before reading (the rules included), and a summary is only replaced by one computed from
 * a ticket at least as new, so a slow stale computation never wins. Actions do not call this: they
 * declare their effects (`_shared/effects.ts`) and the runtime refreshes what those name.
 */
export async function refreshBranchSummary(
  context: CloudContext,
  branchId: string,
  year: number,
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

/** A branch's stored summary; computed on first read (e.g. a branch created after the last nightly rebuild). */
export async function summaryOf(context: CloudContext, branchId: string, year: number): Promise<BranchSummary> {
  const stored = await findOne<BranchSummary>(collectionOf(context.db, 'branchSummaries').where({ _id: branchSummaryId(branchId, year) }))
  return stored ?? (await refreshBranchSummary(context, branchId, year)).summary
}

interface TransactionLike {
  collection(name: string): {
    doc(id: string): { get(): Promise<{ data: unknown }>; set(data: object): Promise<unknown> }
  }
}

/** The years a branch has summaries for, ascending. */
async function storedYearsOf(context: CloudContext, branchId: string): Promise<number[]> {
  const rows = await findAll<{ year: number }>(
    collectionOf(context.db, 'branchSummaries').where({ branchId }).field({ year: true }).orderBy('year', 'asc'),
  )
  return [...new Set(rows.map((row) => row.year))]
}

/**
 * After a change to what the engine reads of a branch itself (its roster, offices, committee term,
 * groups, name, place in the tree): every year it has a summary for, and the current one. A branch
 * that no longer exists loses its summaries.
 */
export async function refreshBranchEverywhere(context: CloudContext, branchId: string): Promise<void> {
  const branch = await findById(context.db, 'orgs', branchId)
  if (!branch || branch.kind !== 'branch') {
    await collectionOf(context.db, 'branchSummaries').where({ branchId }).remove()
    return
  }
  const years = new Set([...(await storedYearsOf(context, branchId)), await currentYearOf(context, branch)])
  for (const year of [...years].sort()) await refreshBranchSummary(context, branchId, year)
}

/** Where an activity counts: its branches and the year of its start (by the host branch's rules). */
export async function summaryTargetsOf(
  context: CloudContext,
  versions: readonly Pick<Activity, 'branchId' | 'audience' | 'startAt'>[],
): Promise<{ branchId: string; year: number }[]> {
  const targets = new Map<string, { branchId: string; year: number }>()
  for (const version of versions) {
    const host = await findById(context.db, 'orgs', version.branchId)
    if (!host) continue
    const year = yearOf(version.startAt, await context.rulesOverTime(host))
    for (const branchId of participatingBranchIds(version)) targets.set(`${branchId}_${year}`, { branchId, year })
  }
  return [...targets.values()]
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
      .field({ _id: true, kind: true, ancestorIds: true })
      .orderBy('_id', 'asc'),
  )
  const saveJob = (state: RebuildJob) => jobs.doc(REBUILD_JOB_ID).set(state)
  const passStartedAt = job?.passStartedAt && cursor ? job.passStartedAt : context.now()
  let processed = 0
  for (const branch of branches) {
    await refreshBranchSummary(context, branch._id, options.year ?? (await currentYearOf(context, branch)))
    processed += 1
    if (Date.now() - startedAt >= options.budgetMs && processed < branches.length) {
      await saveJob({ cursor: branch._id, passStartedAt, lastCompletedAt: job?.lastCompletedAt ?? null })
      return { processed, done: false }
    }
  }
  await saveJob({ cursor: null, passStartedAt: null, lastCompletedAt: context.now() })
  return { processed, done: true }
}

/**
 * A ruleset change re-evaluates every branch it governs, more than one function call can do (300
 * branches): a job in `jobs` lists them and where it got to, and each call continues it within its
 * time budget (the save itself, the admin's page while it waits, the every-10-minutes timer).
 * A newer save of the same org's rules replaces the job, and a call still working on the old one
 * stops at its next branch.
 */
export interface RulesRefreshJob {
  _id: string
  kind: 'rules_refresh'
  orgId: string
  /** The rules' revision the job refreshes for. */
  revision: number
  years: number[]
  branchIds: string[]
  /** Index in branchIds of the next branch to do. */
  next: number
  /** One entry per call that worked on it: when, how many branches, how long (wall ms). */
  chunks: { at: Date; branches: number; ms: number }[]
  createdAt: Date
  finishedAt: Date | null
}

export const rulesRefreshJobId = (orgId: string) => `rules_refresh_${orgId}`

/** Starts (or restarts) the refresh of every branch under `orgId` after its rules changed from `from` on. */
export async function startRulesRefresh(context: CloudContext, change: { orgId: string; revision: number; from: Date }): Promise<RulesRefreshJob> {
  const org = await findById(context.db, 'orgs', change.orgId)
  if (!org) throw new Error(`rules refresh: no org ${change.orgId}`)
  const _ = context.db.command
  const branches = await findAll<Pick<Org, '_id'>>(
    collectionOf(context.db, 'orgs').where({ kind: 'branch', ancestorIds: change.orgId }).field({ _id: true }).orderBy('_id', 'asc'),
  )
  const rules = await context.rulesOverTime(org)
  // A year's summary holds periods begun the year before (the autumn semester): from the year before the change on.
  const firstYear = yearOf(change.from, rules) - 1
  const stored = await findAll<{ year: number }>(
    collectionOf(context.db, 'branchSummaries').where({ ancestorIds: change.orgId, year: _.gte(firstYear) }).field({ year: true }),
  )
  const current = yearOf(context.now(), rules)
  const years = [...new Set([...stored.map((row) => row.year), ...(current >= firstYear ? [current] : [])])].sort()
  const job: RulesRefreshJob = {
    _id: rulesRefreshJobId(change.orgId),
    kind: 'rules_refresh',
    orgId: change.orgId,
    revision: change.revision,
    years,
    branchIds: branches.map((branch) => branch._id),
    next: 0,
    chunks: [],
    createdAt: context.now(),
    finishedAt: null,
  }
  const { _id, ...body } = job
  await collectionOf(context.db, 'jobs').doc(_id).set(body)
  return job
}

export interface RefreshProgress {
  revision: number
  done: boolean
  processed: number
  total: number
}

const progressOf = (job: RulesRefreshJob): RefreshProgress => ({
  revision: job.revision,
  done: job.finishedAt !== null,
  processed: job.next,
  total: job.branchIds.length,
})

export async function rulesRefreshJob(context: CloudContext, orgId: string): Promise<RulesRefreshJob | null> {
  const { data } = await collectionOf(context.db, 'jobs').where({ _id: rulesRefreshJobId(orgId) }).get()
  const job = data[0] as RulesRefreshJob | undefined
  return job ? { ...job, _id: rulesRefreshJobId(orgId) } : null
}

/** Works on the org's refresh job for at most `budgetMs` (at least one branch per call), saving after each branch. */
export async function continueRulesRefresh(context: CloudContext, orgId: string, budgetMs: number): Promise<RefreshProgress | null> {
  const startedAt = Date.now()
  const job = await rulesRefreshJob(context, orgId)
  if (!job || job.finishedAt) return job && progressOf(job)
  const jobs = collectionOf(context.db, 'jobs')
  let next = job.next
  while (next < job.branchIds.length && (next === job.next || Date.now() - startedAt < budgetMs)) {
    for (const year of job.years) await refreshBranchSummary(context, job.branchIds[next], year)
    next += 1
    const finished = next === job.branchIds.length
    const { updated } = await jobs.where({ _id: job._id, revision: job.revision }).update({ next, finishedAt: finished ? context.now() : null })
    // A newer save replaced the job: it starts again from the first branch with the newer rules.
    if (updated === 0) return progressOf((await rulesRefreshJob(context, orgId)) ?? job)
  }
  const chunkRecord = { at: context.now(), branches: next - job.next, ms: Date.now() - startedAt }
  await jobs.where({ _id: job._id, revision: job.revision }).update({ chunks: context.db.command.push(chunkRecord) })
  return progressOf({ ...job, next, finishedAt: next === job.branchIds.length ? context.now() : null })
}

/** Every unfinished refresh job, continued in turn until `budgetMs` is spent (the timer's safety net). */
export async function continueAllRulesRefreshes(context: CloudContext, budgetMs: number): Promise<{ jobs: number; processed: number }> {
  const startedAt = Date.now()
  const pending = await findAll<RulesRefreshJob>(
    collectionOf(context.db, 'jobs').where({ kind: 'rules_refresh', finishedAt: null }).orderBy('_id', 'asc'),
  )
  let processed = 0
  for (const job of pending) {
    const left = budgetMs - (Date.now() - startedAt)
    if (left <= 0) break
    const before = job.next
    const progress = await continueRulesRefresh(context, job.orgId, left)
    processed += (progress?.processed ?? before) - before
  }
  return { jobs: pending.length, processed }
}
