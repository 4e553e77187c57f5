import { startServer } from '../../../cloud-runtime/server'
import { rebuildSummaries } from '../../../cloudfunctions/_shared/summaries'
import { COLLECTIONS } from '../../../src/domain/collections'
import type { Message } from '../../../src/domain/messages'
import type { Member, OutboxMessage } from '../../../src/domain/model'
import { call } from '../../support/actions'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, BRANCH_B } from '../members/fixtures'

jest.setTimeout(120_000)

/** 09:00 in Beijing on a local date (the scan's daily run). */
const beijing = (date: string) => new Date(`${date}T01:00:00.000Z`)

describe('预警: the daily alert scan on a fixed clock, across month, quarter and semester ends', () => {
  let env: TestCloud
  let clock = TEST_NOW
  const db = () => env.cloud.db()
  const scan = async () => {
    const result = await env.cloud.invokeFromPlatform('alerts', 'timer')
    if (!result.ok) throw new Error(result.error.message)
    return result.data as { branches: number; alerts: number; messages: number; resolved: number }
  }
  const dispatch = async () => {
    const result = await env.cloud.invokeFromPlatform('messages', 'timer')
    if (!result.ok) throw new Error(result.error.message)
    return result.data as Record<string, number>
  }
  /** The clock moves on and the nightly rebuild has run. */
  const at = async (instant: Date) => {
    clock = instant
    let done = false
    while (!done) done = (await rebuildSummaries(env.cloud.contextFor(null), { budgetMs: 60_000 })).done
  }
  const member = (predicate: (m: Member) => boolean) => env.demo.members.find(predicate)!
  const secretaryOf = (branchId: string) => member((m) => m.branchId === branchId && m.roles.includes('secretary') && m.active)
  const alertMessages = async () => (await db().collection(COLLECTIONS.messages.name).where({ kind: 'alert' }).get()).data as Message[]
  /** "recipient → what, at which step": who got what. */
  const deliveries = async () => (await alertMessages()).map((message) => `${message.memberId} ${message.sourceKey}`).sort()
  const newSince = async (before: string[]) => (await deliveries()).filter((line) => !before.includes(line))

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => clock })
    await at(TEST_NOW)
  })
  afterAll(() => env.dispose())

  it('reports held activities still 待补痕迹 24 h after close and an approaching 换届, to the secretary only', async () => {
    await at(beijing('2026-11-21'))
    const result = await scan()
    expect(result.branches).toBe(6)
    const lines = await deliveries()
    const evidence = lines.filter((line) => line.includes('alert:evidence|'))
    expect(evidence.length).toBeGreaterThan(0)
    // Every evidence alert goes to the secretary of the activity's branch.
    for (const line of evidence) {
      const branchId = line.split('|')[1]
      expect(line.startsWith(`${secretaryOf(branchId)._id} `)).toBe(true)
    }
    expect(lines.some((line) => line.includes('alert:term|'))).toBe(true)
    // No requirement is 临期 yet: November has 10 days left.
    expect(lines.filter((line) => line.includes('alert:due|'))).toEqual([])
  })

  it('warns 7 days before the month ends, once however often the timer runs', async () => {
    const before = await deliveries()
    await at(beijing('2026-11-24'))
    const first = await scan()
    const again = await scan()
    const added = await newSince(before)
    expect(first.alerts).toBeGreaterThan(0)
    expect(added.length).toBe(first.messages)
    expect(added.every((line) => line.includes('alert:due|') && line.includes('|2026-11|') && line.endsWith('#7'))).toBe(true)
    expect(again).toMatchObject({ alerts: 0, messages: 0 })
    // BRANCH_A's unmet November 党小组会 reaches its secretary, and only them.
    expect(added.filter((line) => line.includes(`|${BRANCH_A}|`))).toEqual([
      expect.stringMatching(new RegExp(`^${secretaryOf(BRANCH_A)._id} alert:due\\|${BRANCH_A}\\|group_meeting_monthly\\|2026-11\\|`)),
    ])
  })

  it('sends nothing new on the following days until the next step', async () => {
    const before = await deliveries()
    for (const day of ['2026-11-25', '2026-11-26', '2026-11-27']) {
      await at(beijing(day))
      expect(await scan()).toMatchObject({ alerts: 0, messages: 0 })
    }
    expect(await deliveries()).toEqual(before)
  })

  it('warns again 3 days before, also the committee member the branch made responsible', async () => {
    const secretary = secretaryOf(BRANCH_A)
    const committee = member((m) => m.branchId === BRANCH_A && m.roles.includes('organization') && m.active)
    const routing = await call<{ topics: { id: string; memberId: string | null }[] }>(
      env.cloud,
      'alerts',
      'assign',
      { branchId: BRANCH_A, topic: 'requirement:group_meeting_monthly', memberId: committee._id },
      secretary.openid!,
    )
    expect(routing.topics.find((topic) => topic.id === 'requirement:group_meeting_monthly')?.memberId).toBe(committee._id)
    const before = await deliveries()
    await at(beijing('2026-11-28'))
    await scan()
    await scan()
    const added = (await newSince(before)).filter((line) => line.includes(`|${BRANCH_A}|`))
    expect(added).toEqual(
      [secretary._id, committee._id]
        .map((id) => expect.stringMatching(new RegExp(`^${id} alert:due\\|${BRANCH_A}\\|group_meeting_monthly\\|2026-11\\|.*#3$`)))
        .sort(),
    )
  })

  /** The demo branches meet their quarter and semester: BRANCH_A's meetings of a kind since `since` are called off. */
  const callOff = async (type: string, since: Date) => {
    const _ = db().command
    await db().collection(COLLECTIONS.activities.name).where({ participantBranchIds: BRANCH_A, types: type, startAt: _.gte(since) }).update({ status: 'cancelled' })
  }

  it('warns of the quarter and the month together before the year ends', async () => {
    await callOff('party_congress', new Date('2026-09-30T16:00:00.000Z'))
    await callOff('party_lecture', new Date('2026-07-31T16:00:00.000Z'))
    const before = await deliveries()
    await at(beijing('2026-12-25'))
    await scan()
    const added = await newSince(before)
    expect(added.some((line) => line.includes(`|${BRANCH_A}|party_congress_quarterly|2026-Q4|`) && line.endsWith('#7'))).toBe(true)
    expect(added.some((line) => line.includes('|2026-12|') && line.endsWith('#7'))).toBe(true)
    expect(await scan()).toMatchObject({ alerts: 0 })
  })

  it('warns before the autumn semester ends, in the new year', async () => {
    const before = await deliveries()
    await at(beijing('2027-01-25'))
    await scan()
    const added = await newSince(before)
    expect(added.some((line) => line.includes(`|${BRANCH_A}|party_lecture_semester|2026-autumn|`) && line.endsWith('#7'))).toBe(true)
    expect(await scan()).toMatchObject({ alerts: 0 })
  })

  it('reports members far behind on 学时 at mid-year, once', async () => {
    const before = await deliveries()
    await at(beijing('2027-07-02'))
    await scan()
    const hours = (await newSince(before)).filter((line) => line.includes('alert:hours|'))
    expect(hours.length).toBeGreaterThan(0)
    expect(hours.every((line) => line.endsWith('|2027#07-01'))).toBe(true)
    await at(beijing('2027-07-03'))
    await scan()
    expect((await newSince(before)).filter((line) => line.includes('alert:hours|'))).toEqual(hours)
  })

  it('pushes to WeChat only while a one-time subscription is left; the rest stays in the 消息 center', async () => {
    const secretary = secretaryOf(BRANCH_B)
    const own = (await alertMessages()).filter((message) => message.memberId === secretary._id)
    expect(own.length).toBeGreaterThan(1)
    const granted = await call<{ items: { kind: string; available: number }[] }>(env.cloud, 'messages', 'subscribe', { accepted: ['alert'] }, secretary.openid!)
    expect(granted.items.find((item) => item.kind === 'alert')?.available).toBe(1)
    await dispatch()
    await dispatch()
    const outbox = (await db().collection(COLLECTIONS.outbox.name).where({ touser: secretary.openid! }).get()).data as OutboxMessage[]
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ templateId: 'dev-alert' })
    const after = (await alertMessages()).filter((message) => message.memberId === secretary._id)
    expect(after.filter((message) => message.pushStatus === 'sent')).toHaveLength(1)
    expect(after.filter((message) => message.pushStatus === 'no_quota')).toHaveLength(own.length - 1)
    const left = await call<{ items: { kind: string; available: number }[] }>(env.cloud, 'messages', 'subscriptions', {}, secretary.openid!)
    expect(left.items.find((item) => item.kind === 'alert')?.available).toBe(0)
    const inbox = await call<{ messages: unknown[]; unread: number }>(env.cloud, 'messages', 'inbox', {}, secretary.openid!)
    expect(inbox.unread).toBe(own.length)
  })

  it('runs every timer on demand in the local runtime (POST /dev/timers/<name>)', async () => {
    const server = await startServer({ cloud: env.cloud, h5Dir: null, port: 0 })
    try {
      const listed = (await (await fetch(`${server.url}/dev/timers`)).json()) as { timers: string[] }
      expect(listed.timers.sort()).toEqual(['alerts', 'compliance-timer', 'messages', 'reminders', 'reports'])
      const scanned = await fetch(`${server.url}/dev/timers/alerts`, { method: 'POST' })
      expect(await scanned.json()).toMatchObject({ ok: true, data: { branches: 6, alerts: 0 } })
      expect((await fetch(`${server.url}/dev/timers/identity`, { method: 'POST' })).status).toBe(404)
    } finally {
      await server.close()
    }
  })
})
