import { assessBranch, summarizeAssessment, type BranchSummary } from '../../src/domain/compliance'
import { evidenceCloudPath } from '../../src/domain/evidence'
import type { Org } from '../../src/domain/model'
import { rebuildSummaries } from '../../cloudfunctions/_shared/summaries'
import { chunk, collectionOf, findAll, IN_QUERY_LIMIT } from '../../cloudfunctions/_shared/db'
import { createRandom } from '../../cloud-runtime/seed/random'
import { call } from '../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../support/local-cloud'
import { sampleJpeg } from '../support/sample-files'

const JPEG = sampleJpeg()
const TYPE_CHOICES = [['theme_day'], ['theme_day', 'party_lecture'], ['party_congress'], ['party_lecture']]
const HOUR = 3_600_000

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

  it('after a random sequence of posting, signing in, closing, adding and removing evidence', async () => {
    const branchIds = ['org-cs-teacher', 'org-cs-undergrad', 'org-fl-student']
    const secretaryOf = (branchId: string) => env.demo.members.find((m) => m.branchId === branchId && m.roles.includes('secretary'))!
    const membersOf = (branchId: string) => env.demo.members.filter((m) => m.branchId === branchId && m.active)
    const open: { id: string; branchId: string; startAt: number; checkinClosesAt: number }[] = []
    const closed: { id: string; branchId: string; evidenceIds: string[] }[] = []

    for (let step = 0; step < 40; step += 1) {
      now += 2 * HOUR
      const roll = random()
      if (roll < 0.3 || (open.length === 0 && closed.length === 0)) {
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
      } else if (roll < 0.55 && open.length > 0) {
        const activity = open.shift()!
        now = Math.max(now, activity.startAt + HOUR / 6)
        // 代签到 is for others (a secretary signs in by scanning), and only while check-in is open.
        const others = membersOf(activity.branchId).filter((member) => member._id !== secretaryOf(activity.branchId)._id)
        const signingIn = now <= activity.checkinClosesAt ? others.filter(() => random() < 0.7) : []
        for (const member of signingIn) {
          await call(env.cloud, 'checkin', 'manual', { activityId: activity.id, memberId: member._id }, secretaryOf(activity.branchId).openid!)
        }
        await call(env.cloud, 'activities', 'close', { activityId: activity.id }, secretaryOf(activity.branchId).openid!)
        closed.push({ id: activity.id, branchId: activity.branchId, evidenceIds: [] })
      } else if (roll < 0.85 && closed.length > 0) {
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
      } else if (closed.some((activity) => activity.evidenceIds.length > 0)) {
        const activity = pick(closed.filter((item) => item.evidenceIds.length > 0))
        const index = Math.floor(random() * activity.evidenceIds.length)
        const removal = { action: 'remove', payload: { evidenceId: activity.evidenceIds[index] } }
        const result = await env.cloud.invoke('evidence', removal, secretaryOf(activity.branchId).openid!)
        // The last passed photo or minutes of a held activity stays: that refusal is part of the sequence.
        if (result.ok) activity.evidenceIds.splice(index, 1)
        else expect(result.error.code).toBe('CONFLICT')
      }
    }
    expect(closed.length).toBeGreaterThan(3)

    const context = env.cloud.contextFor(null)
    const summaries = await findAll<BranchSummary>(collectionOf(context.db, 'branchSummaries').orderBy('_id', 'asc'))
    expect(summaries.length).toBe(env.demo.orgs.filter((org) => org.kind === 'branch').length)
    for (const stored of summaries) {
      const branch = env.demo.orgs.find((org) => org._id === stored.branchId) as Org
      const fresh = await freshSummary(env, branch, stored)
      const { _id: _storedId, ...storedBody } = stored
      const { _id: _freshId, ...freshBody } = fresh
      expect(storedBody).toEqual(freshBody)
    }
    // Forty operations through the runtime: a long test, not a timed one.
  }, 60_000)
})

/** The engine's answer on today's data, as of the moment the stored summary was computed. */
async function freshSummary(env: TestCloud, branch: Org, stored: BranchSummary): Promise<BranchSummary> {
  const context = env.cloud.contextFor(null)
  const _ = context.db.command
  const read = <T,>(key: Parameters<typeof collectionOf>[1], where: object) =>
    findAll<T>(collectionOf(context.db, key).where(where).orderBy('_id', 'asc'))
  const activities = await read<{ _id: string } & Parameters<typeof assessBranch>[0]['activities'][number]>('activities', {})
  const ids = activities.map((activity) => activity._id)
  const byActivity = async <T,>(key: 'attendance' | 'evidence') =>
    (await Promise.all(chunk(ids, IN_QUERY_LIMIT).map((part) => read<T>(key, { activityId: _.in(part) })))).flat()
  const assessment = assessBranch({
    branch,
    groups: await read('orgs', { parentId: branch._id, kind: 'group' }),
    members: await read('members', { branchId: branch._id }),
    activities,
    attendance: await byActivity('attendance'),
    evidence: await byActivity('evidence'),
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
