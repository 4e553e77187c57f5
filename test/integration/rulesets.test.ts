import { assessBranchNow, refreshBranchSummary } from '../../cloudfunctions/_shared/summaries'
import { collectionOf, findById } from '../../cloudfunctions/_shared/db'
import { branchSummaryId, type BranchSummary } from '../../src/domain/compliance'
import type { RulesGetOutput } from '../../src/domain/contracts/rulesets'
import { singleRuleset, type Ruleset } from '../../src/domain/ruleset'
import { call, CHINESE, refusal } from '../support/actions'
import { startSeededCloudWithSummaries, TEST_NOW, type TestCloud } from '../support/local-cloud'
import { BRANCH_A, BRANCH_B, fixtures, type Fixtures } from './members/fixtures'

jest.setTimeout(60_000)

/**
 * The rules of the party committee and a 党总支's tightening, edited through the `rulesets`
 * function: who may save what, the audited diff, and the summaries a save re-evaluates.
 */
describe('rulesets', () => {
  let env: TestCloud
  let f: Fixtures
  let pcAdmin: string
  let gbAdmin: string
  let secretary: string

  const openidOf = (predicate: Parameters<Fixtures['member']>[0]) => f.member(predicate).openid!
  const current = (orgId: string, who: string, effectiveFrom?: { kind: string; key: string }) =>
    call<RulesGetOutput>(env.cloud, 'rulesets', 'get', { orgId, ...(effectiveFrom ? { effectiveFrom } : {}) }, who)
  const draftOf = (state: RulesGetOutput, change: (ruleset: Ruleset) => Ruleset, effectiveFrom = state.effectiveFrom) => ({
    orgId: state.org.id,
    effectiveFrom: { kind: effectiveFrom.kind, key: effectiveFrom.key },
    ruleset: change(structuredClone(state.ruleset)),
    revision: state.revision,
    preset: null,
  })
  const storedSummary = async (branchId: string, year: number) =>
    (await collectionOf(env.cloud.db(), 'branchSummaries').where({ _id: branchSummaryId(branchId, year) }).get()).data[0] as BranchSummary

  beforeAll(async () => {
    env = await startSeededCloudWithSummaries({ now: () => TEST_NOW })
    f = fixtures(env)
    pcAdmin = openidOf((m) => m.adminOrgIds.includes('org-university'))
    gbAdmin = openidOf((m) => m.adminOrgIds.includes('org-cs'))
    secretary = openidOf((m) => m.branchId === BRANCH_A && m.roles.includes('secretary'))
  })
  afterAll(() => env.dispose())

  describe('refuses', () => {
    it('a 党总支 admin loosening the committee’s rules, naming the field and both values in Chinese', async () => {
      const state = await current('org-cs', gbAdmin)
      const error = await refusal(env.cloud, 'rulesets', 'save', draftOf(state, (r) => ({ ...r, dueSoonDays: r.dueSoonDays - 1 })), gbAdmin)
      expect(error.code).toBe('INVALID_INPUT')
      expect(error.message).toContain('临期提醒（周期结束前天数）不能比党委的规定更宽松')
      const preview = await refusal(env.cloud, 'rulesets', 'preview', { ...draftOf(state, (r) => ({ ...r, dueSoonDays: 0 })), revision: undefined, preset: undefined }, gbAdmin)
      expect(preview.code).toBe('INVALID_INPUT')
    })

    it('a 党总支 admin editing the committee’s ruleset, a secretary, and another committee’s admin', async () => {
      const committee = await current('org-university', pcAdmin)
      const raise = draftOf(committee, (r) => ({ ...r, dueSoonDays: r.dueSoonDays + 3 }))
      expect((await refusal(env.cloud, 'rulesets', 'save', raise, gbAdmin)).code).toBe('FORBIDDEN')
      expect((await refusal(env.cloud, 'rulesets', 'save', raise, secretary)).code).toBe('FORBIDDEN')
      expect((await refusal(env.cloud, 'rulesets', 'save', { ...raise, orgId: 'org-cs' }, secretary)).code).toBe('FORBIDDEN')

      const db = env.cloud.db()
      await db.collection('orgs').add({ _id: 'org-other-university', kind: 'party_committee', name: '另一所大学党委', parentId: null, ancestorIds: [], sortOrder: 2 })
      const stranger = await f.freshMember(BRANCH_B, { bound: true })
      await db.collection('members').doc(stranger._id).update({ adminOrgIds: ['org-other-university'] })
      const refused = await refusal(env.cloud, 'rulesets', 'save', raise, stranger.openid!)
      expect(refused).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(CHINESE) })
      expect((await refusal(env.cloud, 'rulesets', 'get', { orgId: 'org-university' }, stranger.openid!)).code).toBe('FORBIDDEN')
      // Its own committee's rules are its to edit.
      expect((await current('org-other-university', stranger.openid!)).org.name).toBe('另一所大学党委')
      // Nothing was saved by any refusal.
      expect((await current('org-university', pcAdmin)).revision).toBe(committee.revision)
    })

    it('a save edited from an older revision (someone else saved meanwhile)', async () => {
      const state = await current('org-fl', pcAdmin)
      await call(env.cloud, 'rulesets', 'save', draftOf(state, (r) => ({ ...r, dueSoonDays: r.dueSoonDays + 1 })), pcAdmin)
      const stale = await refusal(env.cloud, 'rulesets', 'save', draftOf(state, (r) => ({ ...r, dueSoonDays: r.dueSoonDays + 2 })), pcAdmin)
      expect(stale.code).toBe('CONFLICT')
    })
  })

  it('lets a 党总支 admin tighten its own rules, audited with a readable diff, for its branches only', async () => {
    const state = await current('org-cs', gbAdmin)
    const saved = await call<{ revision: number; changes: { field: string; before: string; after: string }[] }>(
      env.cloud, 'rulesets', 'save', draftOf(state, (r) => ({ ...r, dueSoonDays: r.dueSoonDays + 5 })), gbAdmin,
    )
    expect(saved.changes).toEqual([{ path: ['dueSoonDays'], field: '临期提醒（周期结束前天数）', before: `${state.ruleset.dueSoonDays} 天`, after: `${state.ruleset.dueSoonDays + 5} 天` }])
    const after = await current('org-cs', gbAdmin)
    expect(after.history[0]).toMatchObject({ effectiveFrom: `${state.effectiveFrom.label}起`, changes: saved.changes })
    expect(after.history[0].actorName).toMatch(CHINESE)

    const context = env.cloud.contextFor(null)
    const tightened = await context.rulesetFor((await findById(context.db, 'orgs', BRANCH_A))!, TEST_NOW)
    const committee = await context.rulesetFor((await findById(context.db, 'orgs', 'org-university'))!, TEST_NOW)
    expect(tightened.dueSoonDays).toBe(committee.dueSoonDays + 5)
  })

  it('keeps last year’s 达标 when this year’s rules change, and re-evaluates this year’s summaries', async () => {
    const context = env.cloud.contextFor(null)
    const branch = (await findById(context.db, 'orgs', BRANCH_B))!
    await refreshBranchSummary(context, BRANCH_B, 2025)
    const lastYear = await storedSummary(BRANCH_B, 2025)

    const state = await current('org-university', pcAdmin)
    const thisYear = state.choices.find((choice) => choice.kind === 'year')!.periods[0]
    expect(thisYear.key).toBe('2026')
    const lowered = (r: Ruleset): Ruleset => ({ ...r, scoring: { ...r.scoring, gradeThresholds: { excellent: 2, qualified: 1, basic: 0 } } })
    const draft = draftOf(state, lowered, { ...state.effectiveFrom, kind: 'year', key: '2026' })
    // The change would decide last year otherwise: a test that can fail.
    const newRules = lowered(state.ruleset)
    const lastYearUnderNewRules = (await assessBranchNow(context, branch, 2025, singleRuleset(newRules))).assessment.sheet
    expect(lastYearUnderNewRules.grade).not.toBe(lastYear.grade)

    const saved = await call<{ refresh: { done: boolean } | null }>(env.cloud, 'rulesets', 'save', draft, pcAdmin)
    expect(saved.refresh?.done).toBe(true)

    const lastYearAfter = await storedSummary(BRANCH_B, 2025)
    expect(lastYearAfter.version).toBeGreaterThan(lastYear.version)
    expect({ grade: lastYearAfter.grade, qualified: lastYearAfter.qualified, total: lastYearAfter.total }).toEqual({
      grade: lastYear.grade,
      qualified: lastYear.qualified,
      total: lastYear.total,
    })
    const thisYearAfter = await storedSummary(BRANCH_B, 2026)
    const expected = (await assessBranchNow(context, branch, 2026, singleRuleset(newRules))).assessment.sheet
    expect({ grade: thisYearAfter.grade, qualified: thisYearAfter.qualified }).toEqual({ grade: expected.grade, qualified: expected.qualified })
  })
})
