import { assessBranch, summarizeAssessment, type BranchSummary } from '../../src/domain/compliance'
import { evidenceCloudPath } from '../../src/domain/evidence'
import type { RulesGetOutput } from '../../src/domain/contracts/rulesets'
import type { Member, Org } from '../../src/domain/model'
import { rebuildSummaries } from '../../cloudfunctions/_shared/summaries'
import { collectionOf, findAll, findById } from '../../cloudfunctions/_shared/db'
import { createRandom } from '../../cloud-runtime/seed/random'
import { call } from '../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../support/local-cloud'
import { csvOf, fixtures, ROSTER_HEADER } from './members/fixtures'
import { sampleJpeg } from '../support/sample-files'

const JPEG = sampleJpeg()
const TYPE_CHOICES = [['theme_day'], ['theme_day', 'party_lecture'], ['party_congress'], ['party_lecture']]
jest.setTimeout(180_000)

const HOUR = 3_600_000
const OFFICE_CHOICES = ['deputy_secretary', 'organization', 'publicity'] as const
/** Committee terms begun long ago (expired), recently, or none recorded. */
const TERM_STARTS = ['2019-09-01', '2021-03-15', '2024-06-01', '2026-01-10', null]

describe('compliance summaries stay equal to a from-scratch evaluation', () => {
  let env: TestCloud
  let now = TEST_NOW.getTime()
  const { next: random, pick } = createRandom(20261121)

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => new Date(now) })
    let done = false
    while (!done) done = (await rebuildSummaries(env.cloud.contextFor(null), { budgetMs: 60_000 })).done
  })
  afterAll(() => env.dispose())

  it('after a random sequence of activities, evidence, offices, committee terms, rosters, transfers and rulesets', async () => {
    const branchIds = ['org-cs-teacher', 'org-cs-undergrad', 'org-fl-student']
    const secretaryOf = (branchId: string) => env.demo.members.find((m) => m.branchId === branchId && m.roles.includes('secretary'))!
    const admin = env.demo.members.find((m) => m.adminOrgIds.includes('org-university'))!.openid!
    const gbAdmin = env.demo.members.find((m) => m.adminOrgIds.includes('org-cs'))!.openid!
    const db = () => env.cloud.contextFor(null).db
    /** The branch's active members as they are now (transfers and imports change them). */
    const membersOf = (branchId: string) => findAll<Member>(collectionOf(db(), 'members').where({ branchId, active: true }).orderBy('_id', 'asc'))
    /** A member the admin may change: not the secretary (whose office stays) nor an admin. */
    const someMember = async () => {
      const branchId = pick(branchIds)
      const candidates = (await membersOf(branchId)).filter((m) => !m.roles.includes('secretary') && m.adminOrgIds.length === 0)
      return candidates.length > 0 ? { branchId, member: pick(candidates) } : null
    }
    const open: { id: string; branchId: string; startAt: number; checkinClosesAt: number }[] = []
    const closed: { id: string; branchId: string; evidenceIds: string[] }[] = []
    const done = new Map<string, number>()
    const count = (kind: string) => done.set(kind, (done.get(kind) ?? 0) + 1)
    /** Every stored summary equals the engine's answer from scratch (`after` names the step that broke it). */
    const expectSummariesTrue = async (after: string) => {
      const context = env.cloud.contextFor(null)
      const summaries = await findAll<BranchSummary>(collectionOf(context.db, 'branchSummaries').orderBy('_id', 'asc'))
      const all = await everything(env)
      expect(summaries.length).toBe(env.demo.orgs.filter((org) => org.kind === 'branch').length)
      for (const stored of summaries) {
        const branch = (await findById(context.db, 'orgs', stored.branchId)) as Org
        const { _id: _storedId, ...storedBody } = stored
        const { _id: _freshId, ...freshBody } = await freshSummary(env, branch, stored, all)
        expect({ after, summary: storedBody }).toEqual({ after, summary: freshBody })
      }
    }
    let imported = 0

    for (let step = 0; step < 70; step += 1) {
      now += 2 * HOUR
      const roll = random()
      if (roll < 0.22 || (open.length === 0 && closed.length === 0)) {
        const branchId = pick(branchIds)
        const startAt = new Date(now + HOUR / 2)
        const posted = await call<{ id: string; checkinClosesAt: string }>(env.cloud, 'activities', 'post', {
          branchId,
          types: pick(TYPE_CHOICES),
          topic: `随机活动第${step}次`,
          startAt: startAt.toISOString(),
          endAt: new Date(startAt.getTime() + 1.5 * HOUR).toISOString(),
          place: '党员活动室',
          audience: { kind: 'branch' },
        }, secretaryOf(branchId).openid!)
        open.push({ id: posted.id, branchId, startAt: startAt.getTime(), checkinClosesAt: Date.parse(posted.checkinClosesAt) })
        count('post')
      } else if (roll < 0.38 && open.length > 0) {
        const activity = open.shift()!
        now = Math.max(now, activity.startAt + HOUR / 6)
        // 代签到 is for others (a secretary signs in by scanning), and only while check-in is open.
        const others = (await membersOf(activity.branchId)).filter((member) => member._id !== secretaryOf(activity.branchId)._id)
        const signingIn = now <= activity.checkinClosesAt ? others.filter(() => random() < 0.7) : []
        for (const member of signingIn) {
          await call(env.cloud, 'checkin', 'manual', { activityId: activity.id, memberId: member._id }, secretaryOf(activity.branchId).openid!)
        }
        await call(env.cloud, 'activities', 'close', { activityId: activity.id }, secretaryOf(activity.branchId).openid!)
        closed.push({ id: activity.id, branchId: activity.branchId, evidenceIds: [] })
        count('close')
      } else if (roll < 0.52 && closed.length > 0) {
        const activity = pick(closed)
        const secretary = secretaryOf(activity.branchId).openid!
        if (random() < 0.5) {
          const cloudPath = evidenceCloudPath(activity.branchId, activity.id, `p${step}`, 'jpg')
          const { fileId } = await env.cloud.storage.uploadFile(cloudPath, JPEG)
          const item = await call<{ id: string }>(env.cloud, 'evidence', 'addPhoto', { activityId: activity.id, fileId }, secretary)
          activity.evidenceIds.push(item.id)
        } else {
          const item = await call<{ id: string }>(env.cloud, 'evidence', 'addMinutesText', { activityId: activity.id, text: `第${step}步的会议记录：学习并讨论。` }, secretary)
          activity.evidenceIds.push(item.id)
        }
        count('evidence')
      } else if (roll < 0.58 && closed.some((activity) => activity.evidenceIds.length > 0)) {
        const activity = pick(closed.filter((item) => item.evidenceIds.length > 0))
        const index = Math.floor(random() * activity.evidenceIds.length)
        const removal = { action: 'remove', payload: { evidenceId: activity.evidenceIds[index] } }
        const result = await env.cloud.invoke('evidence', removal, secretaryOf(activity.branchId).openid!)
        // The last passed photo or minutes of a held activity stays: that refusal is part of the sequence.
        if (result.ok) activity.evidenceIds.splice(index, 1)
        else expect(result.error.code).toBe('CONFLICT')
        count('remove')
      } else if (roll < 0.65) {
        const target = await someMember()
        if (!target) continue
        const roles = OFFICE_CHOICES.filter(() => random() < 0.4)
        await call(env.cloud, 'org', 'setMemberRoles', { memberId: target.member._id, roles }, admin)
        count('roles')
        await expectSummariesTrue(`step ${step}: roles`)
      } else if (roll < 0.7) {
        const target = await someMember()
        if (!target) continue
        await call(env.cloud, 'org', 'setMemberFlags', { memberId: target.member._id, isLeadingCadre: random() < 0.5, isDualLeader: random() < 0.5 }, admin)
        count('flags')
        await expectSummariesTrue(`step ${step}: flags`)
      } else if (roll < 0.76) {
        await call(env.cloud, 'org', 'setCommitteeTerm', { branchId: pick(branchIds), termStart: pick(TERM_STARTS) }, admin)
        count('term')
        await expectSummariesTrue(`step ${step}: term`)
      } else if (roll < 0.82) {
        const branchId = pick(branchIds)
        const category = branchId.endsWith('teacher') ? '教工' : '学生'
        const rows = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
          imported += 1
          return [`随机导入${imported}`, `RP${String(imported).padStart(6, '0')}`, category, '正式党员', '2019-06-01', '', '', '']
        })
        const fileId = await fixtures(env).upload('roster.csv', csvOf([ROSTER_HEADER, ...rows]), branchId)
        await call(env.cloud, 'members', 'importConfirm', { branchId, fileId }, admin)
        count('import')
        await expectSummariesTrue(`step ${step}: import`)
      } else if (roll < 0.9) {
        const target = await someMember()
        if (!target) continue
        const toBranchId = pick(branchIds.filter((id) => id !== target.branchId))
        await call(env.cloud, 'members', 'transfer', { memberId: target.member._id, toBranchId }, admin)
        count('transfer')
        await expectSummariesTrue(`step ${step}: transfer`)
      } else {
        // The committee's rules, or the 计算机学院党总支's tightening of them, from this month on.
        const [orgId, who] = random() < 0.7 ? ['org-university', admin] : ['org-cs', gbAdmin]
        const state = await call<RulesGetOutput>(env.cloud, 'rulesets', 'get', { orgId }, who)
        const ruleset = structuredClone(state.ruleset)
        const floor = state.floor?.dueSoonDays ?? 1
        ruleset.dueSoonDays = ruleset.dueSoonDays === floor + 10 ? floor : floor + Math.floor(random() * 10) + 1
        if (orgId === 'org-university') ruleset.scoring.gradeThresholds.qualified = 70 + Math.floor(random() * 15)
        const effectiveFrom = { kind: state.effectiveFrom.kind, key: state.effectiveFrom.key }
        await call(env.cloud, 'rulesets', 'save', { orgId, effectiveFrom, ruleset, revision: state.revision, preset: null }, who)
        count('rules')
        await expectSummariesTrue(`step ${step}: rules`)
      }
    }
    expect(closed.length).toBeGreaterThan(3)
    for (const kind of ['roles', 'flags', 'term', 'import', 'transfer', 'rules']) expect([kind, done.get(kind) ?? 0]).not.toEqual([kind, 0])

    await expectSummariesTrue('at the end')
    // Seventy operations through the runtime: a long test, not a timed one.
  }, 180_000)
})

type Everything = Pick<Parameters<typeof assessBranch>[0], 'activities' | 'attendance' | 'evidence'>

/** Every activity, its attendance and evidence, as the database holds them now. */
async function everything(env: TestCloud): Promise<Everything> {
  const context = env.cloud.contextFor(null)
  const read = <T,>(key: 'activities' | 'attendance' | 'evidence') => findAll<T>(collectionOf(context.db, key).where({}).orderBy('_id', 'asc'))
  const [activities, attendance, evidence] = await Promise.all([
    read<Everything['activities'][number]>('activities'),
    read<Everything['attendance'][number]>('attendance'),
    read<Everything['evidence'][number]>('evidence'),
  ])
  return { activities, attendance, evidence }
}

/** The engine's answer on today's data (all of it), as of the moment the stored summary was computed. */
async function freshSummary(env: TestCloud, branch: Org, stored: BranchSummary, all: Everything): Promise<BranchSummary> {
  const context = env.cloud.contextFor(null)
  const read = <T,>(key: Parameters<typeof collectionOf>[1], where: object) =>
    findAll<T>(collectionOf(context.db, key).where(where).orderBy('_id', 'asc'))
  const assessment = assessBranch({
    branch,
    groups: await read('orgs', { parentId: branch._id, kind: 'group' }),
    members: await read('members', { branchId: branch._id }),
    ...all,
    studyRecords: await read('studyRecords', { branchId: branch._id }),
    manualScores: await read('manualScores', { branchId: branch._id, year: stored.year }),
    rules: await context.rulesOverTime(branch),
    asOf: stored.computedAt,
    year: stored.year,
  })
  const parent = env.demo.orgs.find((org) => org._id === branch.parentId)
  return summarizeAssessment(assessment, {
    branch,
    parentName: parent?.kind === 'general_branch' ? parent.name : '',
    year: stored.year,
    version: stored.version,
    computedAt: stored.computedAt,
  })
}
