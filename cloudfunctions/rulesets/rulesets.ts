import { administers, rule } from '../../src/domain/authorization'
import { branchSummaryId, type BranchAssessment, type BranchSummary } from '../../src/domain/compliance'
import { rulesetsContract, type RulesetChangeView } from '../../src/domain/contracts/rulesets'
import { AppError } from '../../src/domain/errors'
import type { AuditLog, Org } from '../../src/domain/model'
import { parseRuleset, type Ruleset } from '../../src/domain/ruleset'
import type { EffectiveFrom } from '../../src/domain/ruleset/effective'
import { EFFECTIVE_KIND_LABELS, EFFECTIVE_KINDS } from '../../src/domain/ruleset/effective'
import { describeChanges } from '../../src/domain/ruleset/fields'
import { RULESET_PRESETS } from '../../src/domain/ruleset/presets'
import { tighteningOf } from '../../src/domain/ruleset/tighten'
import {
  committeeRulesetAt,
  composeRules,
  effectivePeriod,
  effectivePeriodChoices,
  rulesOrgIds,
  versionProblems,
  withVersion,
  type CommitteeRules,
  type GeneralBranchRules,
  type StoredRules,
} from '../../src/domain/ruleset/versions'
import type { Period } from '../../src/domain/time'
import { writeAudit } from '../_shared/audit'
import type { CloudContext } from '../_shared/context'
import { collectionOf, findAll, findOne } from '../_shared/db'
import { defineCloudFunction } from '../_shared/define-function'
import { rulesEffect, RULES_REFRESH_BUDGET_MS } from '../_shared/effects'
import { action, answerAfterEffects, noSummaryEffect, scoped } from '../_shared/policy'
import { orgOrFail } from '../_shared/scopes'
import { assessBranchNow, continueRulesRefresh, rulesRefreshJob, startRulesRefresh, yearOf } from '../_shared/summaries'
import { readStoredRules, writeStoredRules } from './store'

/** How long one preview call evaluates before it answers (the page calls again from where it stopped). */
const PREVIEW_BUDGET_MS = 8_000
const HISTORY_ENTRIES = 20
const AUDIT_ACTION = 'rules.save'
const iso = (instant: Date) => instant.toISOString()

type RulesOrgKind = 'party_committee' | 'general_branch'

/** The party committee or 党总支 named by the input (by default the first org the caller administers). */
const onRulesOrg = <Input extends { orgId?: string }>() =>
  scoped({
    target: '请求中的党委或党总支（未指定时为本人管理的第一个党组织）',
    async resolve(input: Input, caller, context) {
      const orgId = input.orgId ?? caller.adminOrgIds[0]
      if (!orgId) throw new AppError('FORBIDDEN', '只有党委或党总支管理员可以设置规则')
      const org = await orgOrFail(context, orgId)
      if (org.kind !== 'party_committee' && org.kind !== 'general_branch') {
        throw new AppError('INVALID_INPUT', '规则由党委制定、党总支从严补充，请选择党委或党总支')
      }
      return { org: org as Org & { kind: RulesOrgKind } }
    },
    rules: [
      rule<{ org: Org }>('该党委或党总支的管理员（党委管理员也可设置其下党总支的规则）', '只有该党委或党总支的管理员可以设置规则', (caller, { org }) =>
        administers(caller, org),
      ),
    ],
  })

interface RulesState {
  committee: CommitteeRules | null
  generalBranch: GeneralBranchRules | null
  /** The org's own document (the committee's, or the 党总支's). */
  own: StoredRules | null
}

async function rulesStateOf(context: CloudContext, org: Org & { kind: RulesOrgKind }): Promise<RulesState> {
  const { committeeId } = rulesOrgIds(org)
  const stored = await readStoredRules(context.db, org.kind === 'general_branch' ? [committeeId, org._id] : [org._id])
  const committee = stored.get(committeeId)
  const generalBranch = org.kind === 'general_branch' ? stored.get(org._id) : undefined
  const asCommittee = committee?.orgKind === 'party_committee' ? committee : null
  const asGeneralBranch = generalBranch?.orgKind === 'general_branch' ? generalBranch : null
  return { committee: asCommittee, generalBranch: asGeneralBranch, own: org.kind === 'party_committee' ? asCommittee : asGeneralBranch }
}

const timelineOf = (state: RulesState) => composeRules(state.committee, state.generalBranch)

function periodFor(state: RulesState, effectiveFrom: EffectiveFrom | undefined, now: Date): Period {
  const { calendar } = timelineOf(state).timeline
  const chosen = effectiveFrom ?? { kind: 'month' as const, key: calendar.periodOf('month', now).key }
  const result = effectivePeriod(chosen, calendar, now)
  if ('problem' in result) throw new AppError('INVALID_INPUT', result.problem, { effectiveFrom: result.problem })
  return result.period
}

/** The committee's rules at the start of `period`: a 党总支's floor. */
const floorAt = (org: Org, state: RulesState, period: Period) => (org.kind === 'general_branch' ? committeeRulesetAt(state.committee, period.start) : null)

/** The draft as a valid ruleset that may take effect from `period`, or INVALID_INPUT with every problem in Chinese. */
function checkedDraft(org: Org, state: RulesState, draft: unknown, period: Period): Ruleset {
  const proposed = parseRuleset(draft)
  const floor = floorAt(org, state, period)
  const problems = versionProblems(proposed, { period, inForce: floor ?? timelineOf(state).timeline.forPeriod(period), floor })
  if (problems.length > 0) throw new AppError('INVALID_INPUT', `规则不能这样修改：${problems.join('；')}`)
  return proposed
}

/** The org's document with `proposed` saved from `period` on. */
function withProposed(
  org: Org & { kind: RulesOrgKind },
  state: RulesState,
  proposed: Ruleset,
  period: Period,
  saved: { by: { _id: string; name: string } | null; at: Date; preset: string | null },
): StoredRules {
  const effectiveFrom = { kind: period.kind as (typeof EFFECTIVE_KINDS)[number], key: period.key, label: period.label, start: period.start }
  const meta = { savedBy: saved.by?._id ?? null, savedByName: saved.by?.name ?? '', savedAt: saved.at, preset: saved.preset }
  const revision = (state.own?.revision ?? 0) + 1
  if (org.kind === 'party_committee') {
    // The first save keeps the rules that applied until now (the default), so earlier periods keep being judged by them.
    const earlier = state.committee?.versions ?? [{ effectiveFrom: null, ruleset: committeeRulesetAt(null, period.start), savedBy: null, savedByName: '系统默认', savedAt: saved.at, preset: 'default' }]
    return { _id: org._id, orgKind: 'party_committee', revision, versions: withVersion(earlier, { ...meta, effectiveFrom, ruleset: proposed }) }
  }
  const tightening = tighteningOf(committeeRulesetAt(state.committee, period.start), proposed)
  return { _id: org._id, orgKind: 'general_branch', revision, versions: withVersion(state.generalBranch?.versions ?? [], { ...meta, effectiveFrom, tightening }) }
}

function appliesUntil(state: RulesState, period: Period): string | null {
  const later = (state.own?.versions ?? [])
    .map((version) => version.effectiveFrom)
    .filter((from): from is NonNullable<typeof from> => from !== null && from.start.getTime() > period.start.getTime())
    .sort((a, b) => a.start.getTime() - b.start.getTime())[0]
  return later ? later.label : null
}

const branchesUnder = (context: CloudContext, orgId: string) =>
  findAll<Org>(collectionOf(context.db, 'orgs').where({ kind: 'branch', ancestorIds: orgId }).orderBy('_id', 'asc'))

const lightState = (summary: Pick<BranchSummary, 'light' | 'qualified'>) => ({ light: summary.light, qualified: summary.qualified })
const stateOf = (assessment: BranchAssessment) => ({ light: assessment.evaluation.light, qualified: assessment.sheet.qualified })

export const rulesets = defineCloudFunction(rulesetsContract, {
  get: action(onRulesOrg(), noSummaryEffect, async ({ effectiveFrom }, { org }, context) => {
    const now = context.now()
    const state = await rulesStateOf(context, org)
    const { timeline, problems } = timelineOf(state)
    const period = periodFor(state, effectiveFrom, now)
    const choices = effectivePeriodChoices(timeline.calendar, now)
    const audit = await findAll<AuditLog>(
      collectionOf(context.db, 'auditLog').where({ action: AUDIT_ACTION, targetOrgId: org._id }).orderBy('at', 'desc').limit(HISTORY_ENTRIES),
    )
    const inForceNow = (state.own?.versions ?? []).filter((version) => (version.effectiveFrom?.start.getTime() ?? -Infinity) <= now.getTime()).slice(-1)[0]
    const job = await rulesRefreshJob(context, org._id)
    return {
      org: { id: org._id, name: org.name, kind: org.kind },
      revision: state.own?.revision ?? null,
      effectiveFrom: { kind: period.kind as (typeof EFFECTIVE_KINDS)[number], key: period.key, label: period.label, start: iso(period.start) },
      choices: EFFECTIVE_KINDS.map((kind) => ({
        kind,
        label: EFFECTIVE_KIND_LABELS[kind],
        periods: choices[kind].map((choice) => ({ key: choice.key, label: choice.label })),
      })),
      ruleset: timeline.forPeriod(period),
      floor: floorAt(org, state, period),
      versions: (state.own?.versions ?? []).map((version) => ({
        effectiveFrom: version.effectiveFrom && { ...version.effectiveFrom, start: iso(version.effectiveFrom.start) },
        savedAt: iso(version.savedAt),
        savedByName: version.savedByName,
        preset: version.preset,
        inForce: version === inForceNow,
      })),
      appliesUntil: appliesUntil(state, period),
      presets: org.kind === 'party_committee' ? RULESET_PRESETS.map((preset) => ({ ...preset, rules: [...preset.rules] })) : [],
      problems,
      history: audit.map((entry) => ({
        at: iso(entry.at),
        actorName: String(entry.detail.actorName ?? ''),
        effectiveFrom: String(entry.detail.effectiveFrom ?? ''),
        changes: (entry.detail.changes as RulesetChangeView[] | undefined) ?? [],
      })),
      refresh: job && { revision: job.revision, done: job.finishedAt !== null, processed: job.next, total: job.branchIds.length },
    }
  }),

  preview: action(onRulesOrg(), noSummaryEffect, async ({ effectiveFrom, ruleset: draft, cursor }, { org }, context) => {
    const startedAt = Date.now()
    const now = context.now()
    const state = await rulesStateOf(context, org)
    const period = periodFor(state, effectiveFrom, now)
    const proposed = checkedDraft(org, state, draft, period)
    const own = withProposed(org, state, proposed, period, { by: null, at: now, preset: null })
    const branches = await branchesUnder(context, org._id)
    const { calendar } = timelineOf(state).timeline
    const year = yearOf(now, { calendar })
    const yearPeriod = calendar.periodFromKey(String(year))
    if (period.start.getTime() >= yearPeriod.end.getTime()) {
      return { periodLabel: null, total: branches.length, evaluated: branches.length, nextCursor: null, changes: [] }
    }
    // A committee's change is previewed under each branch's own 党总支 tightening.
    const generalBranchIds = [...new Set(branches.map((branch) => branch.ancestorIds[1]).filter((id): id is string => Boolean(id)))]
    const generalBranches = org.kind === 'party_committee' ? await readStoredRules(context.db, generalBranchIds) : new Map<string, StoredRules>()
    const changes = []
    let next = cursor
    while (next < branches.length && (next === cursor || Date.now() - startedAt < PREVIEW_BUDGET_MS)) {
      const branch = branches[next]
      next += 1
      const generalBranch = org.kind === 'general_branch' ? own : generalBranches.get(branch.ancestorIds[1] ?? '')
      const rules = composeRules(
        org.kind === 'party_committee' ? (own as CommitteeRules) : state.committee,
        generalBranch?.orgKind === 'general_branch' ? generalBranch : null,
        { cached: false },
      ).timeline
      const stored = await findOne<BranchSummary>(collectionOf(context.db, 'branchSummaries').where({ _id: branchSummaryId(branch._id, year) }))
      const before = stored ? lightState(stored) : stateOf((await assessBranchNow(context, branch, year)).assessment)
      const after = stateOf((await assessBranchNow(context, branch, year, rules)).assessment)
      if (after.light !== before.light || after.qualified !== before.qualified) changes.push({ branchId: branch._id, branchName: branch.name, before, after })
    }
    return { periodLabel: yearPeriod.label, total: branches.length, evaluated: next, nextCursor: next < branches.length ? next : null, changes }
  }),

  save: action(
    onRulesOrg(),
    rulesEffect(async ({ access }, context) => {
      const own = (await readStoredRules(context.db, [access.org._id])).get(access.org._id)
      const latest = own?.versions.filter((version) => version.effectiveFrom).sort((a, b) => b.savedAt.getTime() - a.savedAt.getTime())[0]
      return own && latest?.effectiveFrom ? { orgId: access.org._id, revision: own.revision, from: latest.effectiveFrom.start } : null
    }),
    async ({ effectiveFrom, ruleset: draft, revision, preset }, { caller, org }, context) => {
      const now = context.now()
      const state = await rulesStateOf(context, org)
      if ((state.own?.revision ?? null) !== revision) throw new AppError('CONFLICT', '规则已被他人修改，请刷新后再保存')
      const period = periodFor(state, effectiveFrom, now)
      const proposed = checkedDraft(org, state, draft, period)
      const before = timelineOf(state).timeline.forPeriod(period)
      const changes = describeChanges(before, proposed)
      if (changes.length === 0) throw new AppError('INVALID_INPUT', `与${period.label}起现行的规则相同，没有需要保存的修改`)
      const document = withProposed(org, state, proposed, period, { by: caller, at: now, preset })
      await writeStoredRules(context.db, document, state.own?.revision ?? null)
      await writeAudit(
        context.db,
        {
          action: AUDIT_ACTION,
          actorMemberId: caller._id,
          targetOrgId: org._id,
          detail: { actorName: caller.name, effectiveFrom: `${period.label}起`, revision: document.revision, preset, changes },
        },
        now,
      )
      return answerAfterEffects(async () => {
        const job = await rulesRefreshJob(context, org._id)
        const refresh = job && job.revision === document.revision
          ? { revision: job.revision, done: job.finishedAt !== null, processed: job.next, total: job.branchIds.length }
          : null
        return { revision: document.revision, changes, refresh }
      })
    },
  ),

  // Continuing the refresh is what this action is for (the page polls it after a save), not an effect of a change.
  refreshStatus: action(onRulesOrg(), noSummaryEffect, async (_input, { org }, context) => {
    const own = (await readStoredRules(context.db, [org._id])).get(org._id)
    let job = await rulesRefreshJob(context, org._id)
    if (own && (!job || job.revision < own.revision)) {
      // The save's own refresh never started (its effect failed): start it now.
      const latest = own.versions.filter((version) => version.effectiveFrom).sort((a, b) => b.savedAt.getTime() - a.savedAt.getTime())[0]
      if (latest?.effectiveFrom) job = await startRulesRefresh(context, { orgId: org._id, revision: own.revision, from: latest.effectiveFrom.start })
    }
    if (!job) return { refresh: null }
    return { refresh: await continueRulesRefresh(context, org._id, RULES_REFRESH_BUDGET_MS) }
  }),
})
