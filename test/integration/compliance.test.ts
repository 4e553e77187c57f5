import { assessBranchNow, rebuildSummaries, refreshBranchSummary } from '../../cloudfunctions/_shared/summaries'
import { branchSummaryId } from '../../src/domain/compliance'
import type { BranchOverviewRow, ComplianceOverview } from '../../src/domain/contracts'
import type { Org } from '../../src/domain/model'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../support/local-cloud'
import { sampleJpeg } from '../support/sample-files'

describe('compliance summaries and dashboards through the local runtime', () => {
  let env: TestCloud
  const system = () => env.cloud.contextFor(null)
  const call = (action: string, payload: unknown, openid: string | undefined) =>
    env.cloud.invoke('compliance', { action, payload }, openid ?? null)
  const branches = () => env.demo.orgs.filter((org) => org.kind === 'branch')
  const orgOfKind = (kind: Org['kind']) => env.demo.orgs.filter((org) => org.kind === kind)
  const adminOf = (orgId: string) => env.demo.members.find((member) => member.adminOrgIds.includes(orgId))!
  const secretaryOf = (branchId: string) => env.demo.members.find((m) => m.branchId === branchId && m.roles.includes('secretary'))!
  const plainMemberOf = (branchId: string) => env.demo.members.find((m) => m.branchId === branchId && m.roles.length === 0 && m.adminOrgIds.length === 0)!

  beforeAll(async () => {
    env = await startSeededCloud()
    let done = false
    while (!done) done = (await rebuildSummaries(system(), { budgetMs: 60_000 })).done
  })
  afterAll(() => env.dispose())

  it('gives the party committee every branch, each light equal to a from-scratch evaluation', async () => {
    const [committee] = orgOfKind('party_committee')
    const result = await call('overview', {}, adminOf(committee._id).openid)
    if (!result.ok) throw new Error(result.error.message)
    const overview = result.data as ComplianceOverview
    expect(overview.branches.map((row) => row.branchId).sort()).toEqual(branches().map((org) => org._id).sort())
    for (const row of overview.branches) {
      const branch = branches().find((org) => org._id === row.branchId)!
      const { assessment } = await assessBranchNow(system(), branch, overview.year)
      expect({ light: row.light, total: row.total }).toEqual({ light: assessment.evaluation.light, total: assessment.sheet.total })
    }
    const lights = (light: BranchOverviewRow['light']) => overview.branches.filter((row) => row.light === light).length
    expect(overview.stats).toEqual({
      branchCount: 6,
      green: lights('green'),
      amber: lights('amber'),
      red: lights('red'),
      qualifiedRate: overview.branches.filter((row) => row.qualified).length / 6,
    })
    const red = overview.branches.filter((row) => row.light === 'red')
    expect(red.length).toBeGreaterThan(0)
    expect(red.every((row) => row.topReasons.length > 0 && row.missedCount > 0)).toBe(true)
  })

  it('rolls the committee’s branches up per 党总支 and says how 达标率 and the lights are computed, from its rules', async () => {
    const [committee] = orgOfKind('party_committee')
    const result = await call('overview', {}, adminOf(committee._id).openid)
    if (!result.ok) throw new Error(result.error.message)
    const overview = result.data as ComplianceOverview
    const generalBranches = orgOfKind('general_branch')
    expect(overview.groups.map((group) => group.orgName).sort()).toEqual(generalBranches.map((org) => org.name).sort())
    for (const group of overview.groups) {
      const under = overview.branches.filter((row) => row.parentName === group.orgName)
      expect(group.stats).toEqual({
        branchCount: under.length,
        green: under.filter((row) => row.light === 'green').length,
        amber: under.filter((row) => row.light === 'amber').length,
        red: under.filter((row) => row.light === 'red').length,
        qualifiedRate: under.filter((row) => row.qualified).length / under.length,
      })
    }
    const ruleset = await system().rulesetFor(committee, system().now())
    expect(overview.measures.qualifiedRate).toContain(`${ruleset.scoring.gradeThresholds.qualified} 分`)
    expect(overview.measures.lights).toContain(`周期结束前 ${ruleset.dueSoonDays} 天内`)
  })

  it('limits a general-branch admin to its own branches', async () => {
    const [first, second] = orgOfKind('general_branch')
    const admin = adminOf(first._id)
    const own = await call('overview', {}, admin.openid)
    if (!own.ok) throw new Error(own.error.message)
    const expected = branches().filter((org) => org.ancestorIds.includes(first._id)).map((org) => org._id).sort()
    expect((own.data as ComplianceOverview).branches.map((row) => row.branchId).sort()).toEqual(expected)
    expect(await call('overview', { orgId: second._id }, admin.openid)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it.each([
    ['a plain member', () => plainMemberOf(branches()[0]._id).openid, 'FORBIDDEN'],
    ['a branch secretary', () => secretaryOf(branches()[0]._id).openid, 'FORBIDDEN'],
    ['an unbound identity', () => 'wx-openid-of-a-stranger', 'NOT_BOUND'],
    ['no identity', () => undefined, 'UNAUTHENTICATED'],
  ])('refuses the overview to %s', async (_who, openid, code) => {
    expect(await call('overview', {}, openid())).toMatchObject({ ok: false, error: { code } })
  })

  it('shows a member their own branch status but not another branch', async () => {
    const [own, other] = branches()
    const member = plainMemberOf(own._id)
    const status = await call('branchStatus', {}, member.openid)
    expect(status).toMatchObject({ ok: true, data: { branchId: own._id, lines: expect.any(Array) } })
    expect(await call('branchStatus', { branchId: other._id }, member.openid)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('lets the general branch score a manual item, and nobody else', async () => {
    const branch = branches()[0]
    const generalBranchId = branch.ancestorIds[1]
    const admin = adminOf(generalBranchId)
    const year = TEST_NOW.getUTCFullYear()
    const before = await call('scoreSheet', { branchId: branch._id, year }, admin.openid)
    if (!before.ok) throw new Error(before.error.message)
    const scored = await call(
      'scoreManualItem',
      { branchId: branch._id, year, itemId: '2.1', score: 4, comment: '战斗堡垒作用发挥较好' },
      admin.openid,
    )
    if (!scored.ok) throw new Error(scored.error.message)
    const sheet = scored.data as { total: number; indicators: { items: { itemId: string; score: number | null; comment: string | null }[] }[] }
    const item = sheet.indicators.flatMap((indicator) => indicator.items).find((entry) => entry.itemId === '2.1')!
    expect(item).toMatchObject({ score: 4, comment: '战斗堡垒作用发挥较好' })
    const previous = (before.data as typeof sheet).indicators.flatMap((indicator) => indicator.items).find((entry) => entry.itemId === '2.1')!
    expect(sheet.total).toBeCloseTo((before.data as { total: number }).total - (previous.score ?? 0) + 4, 5)

    const secretary = secretaryOf(branch._id)
    const attempt = { branchId: branch._id, year, itemId: '2.1', score: 5, comment: '自评' }
    expect(await call('scoreManualItem', attempt, secretary.openid)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    for (const bad of [
      { ...attempt, score: 99 },
      { ...attempt, itemId: '3.2' },
      { ...attempt, itemId: 'no-such-item' },
      { ...attempt, comment: '' },
      { ...attempt, score: -1 },
    ]) {
      const refused = await call('scoreManualItem', bad, admin.openid)
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    }
  })

  it('keeps the newest computation when refreshes race, and never lets a stale one overwrite it', async () => {
    const branch = branches()[1]
    const year = TEST_NOW.getUTCFullYear()
    const results = await Promise.all(Array.from({ length: 8 }, () => refreshBranchSummary(system(), branch._id, year)))
    const newest = Math.max(...results.map((result) => result.version))
    const stored = (await system().db.collection('branch_summaries').doc(branchSummaryId(branch._id, year)).get()).data as { version: number }[]
    expect(stored[0].version).toBe(newest)

    await system().db.collection('branch_summaries').doc(branchSummaryId(branch._id, year)).update({ version: newest + 100 })
    const stale = await refreshBranchSummary(system(), branch._id, year)
    expect(stale.written).toBe(false)
  })

  it('rebuilds in chunks and resumes where it stopped', async () => {
    const runs: { processed: number; done: boolean }[] = []
    do runs.push(await rebuildSummaries(system(), { budgetMs: 0 }))
    while (!runs[runs.length - 1].done)
    expect(runs.map((run) => run.processed)).toEqual([1, 1, 1, 1, 1, 1])
    expect(await rebuildSummaries(system(), { budgetMs: 0, restartAfterMs: 3_600_000 })).toEqual({ processed: 0, done: true })
  })

  it('answers 我的学时 from the member’s own attendance', async () => {
    const member = plainMemberOf(branches()[0]._id)
    const result = await call('myHours', { year: TEST_NOW.getUTCFullYear() }, member.openid)
    if (!result.ok) throw new Error(result.error.message)
    const hours = result.data as { totalHours: number; activityHours: number; credited: { hours: number }[]; target: number }
    expect(hours.target).toBe(32)
    expect(hours.activityHours).toBeCloseTo(hours.credited.reduce((sum, activity) => sum + activity.hours, 0), 5)
    expect(await call('myHours', { year: 1999 }, member.openid)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  describe('self-study', () => {
    const studiedAt = new Date(TEST_NOW.getTime() - 24 * 3_600_000).toISOString()
    const filing = (overrides: object = {}) => ({ title: '学习强国专题学习', hours: 2, studiedAt, proofFileId: null, ...overrides })

    it('is filed by a member, queued for the secretary, and counts once approved', async () => {
      const branch = branches()[0]
      const member = plainMemberOf(branch._id)
      const before = await call('myHours', {}, member.openid)
      if (!before.ok) throw new Error(before.error.message)
      const proof = await env.cloud.storage.uploadFile(`study/${member._id}/proof.jpg`, sampleJpeg())
      const filed = await call('submitSelfStudy', filing({ proofFileId: proof.fileId }), member.openid)
      expect(filed).toMatchObject({ ok: true, data: { status: 'pending' } })
      const id = filed.ok ? (filed.data as { id: string }).id : ''

      const queue = await env.cloud.invoke('inbox', { action: 'pending', payload: {} }, secretaryOf(branch._id).openid!)
      expect(queue).toMatchObject({
        ok: true,
        data: { items: expect.arrayContaining([expect.objectContaining({ kind: 'selfStudy', recordId: id, from: member.name, proofUrl: expect.stringContaining('/files/study/') })]) },
      })
      expect(await call('reviewSelfStudy', { id, approve: true }, secretaryOf(branches()[1]._id).openid)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })

      expect(await call('reviewSelfStudy', { id, approve: true }, secretaryOf(branch._id).openid)).toEqual({ ok: true, data: { status: 'approved' } })
      expect(await call('reviewSelfStudy', { id, approve: false, reason: '重复审核' }, secretaryOf(branch._id).openid)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      const after = await call('myHours', {}, member.openid)
      if (!after.ok) throw new Error(after.error.message)
      expect((after.data as { selfStudyHours: number }).selfStudyHours).toBe((before.data as { selfStudyHours: number }).selfStudyHours + 2)
    })

    it.each([
      ['hours not in halves', { hours: 1.3 }],
      ['more than 8 hours', { hours: 9 }],
      ['a day after today', { studiedAt: new Date(TEST_NOW.getTime() + 24 * 3_600_000).toISOString() }],
      ['someone else’s proof', { proofFileId: 'cloud://local/study/another-member/proof.jpg' }],
      ['an empty title', { title: ' ' }],
      ['a proof that was never uploaded', { proofFileId: 'never-uploaded' }],
    ])('refuses %s with a Chinese message and writes nothing', async (_case, given) => {
      const member = plainMemberOf(branches()[2]._id)
      const overrides = 'proofFileId' in given && given.proofFileId === 'never-uploaded' ? { proofFileId: `cloud://local/study/${member._id}/missing.jpg` } : given
      const before = (await system().db.collection('study_records').where({ memberId: member._id }).count()).total
      const refused = await call('submitSelfStudy', filing(overrides), member.openid)
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
      expect((await system().db.collection('study_records').where({ memberId: member._id }).count()).total).toBe(before)
    })
  })
})
