import { LocalCloud } from '../../cloud-runtime/local-cloud'
import { aggregateRows } from '../../cloudfunctions/_shared/db'
import { startServer, type RunningServer } from '../../cloud-runtime/server'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import type { Attendance } from '../../src/domain/model'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../support/local-cloud'

describe('the local cloud runtime', () => {
  let env: TestCloud
  let server: RunningServer
  beforeAll(async () => {
    env = await startSeededCloud()
    server = await startServer({ cloud: env.cloud, h5Dir: null, port: 0 })
  })
  afterAll(async () => {
    await server.close()
    await env.dispose()
  })

  describe('HTTP endpoint', () => {
    const call = (name: string, body: unknown, openid?: string) =>
      fetch(`${server.url}/api/functions/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      })

    it('calls a function as the caller named by the dev identity', async () => {
      const member = env.demo.members[10]
      const response = await call('identity', { action: 'whoami', payload: {} }, member.openid!)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ ok: true, data: { member: { id: member._id } } })
    })

    it('answers an unknown function and broken JSON with clear Chinese errors', async () => {
      const missing = await call('nosuchfunction', { action: 'x' })
      expect(missing.status).toBe(404)
      expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '云函数 nosuchfunction 不存在' } })
      const broken = await call('identity', '{"action": ')
      expect(broken.status).toBe(400)
      expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    })

    it('stores an uploaded file and serves it back through a temporary URL', async () => {
      const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4])
      const form = new FormData()
      form.set('cloudPath', 'evidence/test/activity/photo.png')
      form.set('file', new Blob([bytes], { type: 'image/png' }), 'photo.png')
      const headers = { 'x-dev-openid': env.demo.members[10].openid! }
      const upload = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers })
      const { data } = (await upload.json()) as { data: { fileId: string } }
      expect(data.fileId).toBe('cloud://local/evidence/test/activity/photo.png')
      const [{ url }] = await env.cloud.storage.getTempFileUrls([data.fileId])
      const download = await fetch(`${server.url}${url}`)
      expect(download.headers.get('content-type')).toBe('image/png')
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes)
      await env.cloud.storage.deleteFiles([data.fileId])
      expect((await fetch(`${server.url}${url}`)).status).toBe(404)
    })

    it('refuses an upload path that escapes the storage folder', async () => {
      const form = new FormData()
      form.set('cloudPath', '../../etc/passwd')
      form.set('file', new Blob([new Uint8Array([1])]), 'x')
      const headers = { 'x-dev-openid': env.demo.members[10].openid! }
      const upload = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers })
      expect(upload.status).toBe(400)
    })

    it('sends the dev sign-in page back only to a path of this site', async () => {
      const returnTargetOf = async (target: string) => {
        const page = await (await fetch(`${server.url}/dev/signin?return=${encodeURIComponent(target)}`)).text()
        return JSON.parse(/const back = (".*?")\n/.exec(page)![1]) as string
      }
      expect(await returnTargetOf('/pages/activity/index?id=a1')).toBe('/pages/activity/index?id=a1')
      expect(await returnTargetOf('javascript:alert(document.domain)')).toBe('/')
      expect(await returnTargetOf('//evil.example/x')).toBe('/')
      expect(await returnTargetOf('https://evil.example/')).toBe('/')
      const scriptBreak = await (await fetch(`${server.url}/dev/signin?return=${encodeURIComponent('/"</script><script>alert(1)</script>')}`)).text()
      expect(scriptBreak).not.toContain('<script>alert(1)')
      expect((await fetch(`${server.url}/dev/signin`)).headers.get('content-type')).toBe('text/html; charset=utf-8')
    })

    it('lists the demo people for the dev sign-in page, party committee first', async () => {
      const people = (await (await fetch(`${server.url}/dev/people`)).json()) as { rank: number; openid: string }[]
      expect(people).toHaveLength(env.demo.members.length)
      expect(people[0].rank).toBe(0)
      expect(people.map((person) => person.rank)).toEqual([...people.map((person) => person.rank)].sort())
    })
  })

  it('refuses to listen where other computers can reach it unless told to', async () => {
    await expect(startServer({ cloud: env.cloud, h5Dir: null, port: 0, host: '0.0.0.0' })).rejects.toThrow(/拒绝监听 0\.0\.0\.0.*ZBT_ALLOW_LAN=1/)
  })

  describe('database on seeded data', () => {
    it('lets exactly one of 100 concurrent inserts with the same unique key succeed', async () => {
      const db = env.cloud.db()
      const [activity] = env.demo.activities.filter((item) => item.status === 'scheduled')
      const member = env.demo.members.find((item) => item.branchId === activity.branchId)!
      const record = (attempt: number): Attendance & { attempt: number } => ({
        _id: `race-${attempt}`,
        activityId: activity._id,
        memberId: member._id,
        branchId: activity.branchId,
        state: 'present',
        signedInAt: TEST_NOW,
        method: 'qr',
        recordedBy: null,
        makeupConfirmedAt: null,
        attempt,
      })
      const outcomes = await Promise.allSettled(
        Array.from({ length: 100 }, (_, attempt) => db.collection('attendance').add(record(attempt))),
      )
      const succeeded = outcomes.filter((outcome) => outcome.status === 'fulfilled')
      const failed = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
      expect(succeeded).toHaveLength(1)
      expect(failed).toHaveLength(99)
      expect(failed.every((outcome) => isDuplicateKeyError(outcome.reason))).toBe(true)
      const { total } = await db.collection('attendance').where({ activityId: activity._id, memberId: member._id }).count()
      expect(total).toBe(1)
      await db.collection('attendance').where({ activityId: activity._id, memberId: member._id }).remove()
    })

    it('answers command operators and an aggregate exactly as MongoDB semantics say', async () => {
      const db = env.cloud.db()
      const _ = db.command
      const since = new Date(TEST_NOW.getTime() - 45 * 24 * 3600 * 1000)
      const branchIds = [...new Set(env.demo.attendance.map((record) => record.branchId))].slice(0, 3)
      const matches = (record: Attendance) =>
        branchIds.includes(record.branchId) &&
        (record.state === 'present' || (record.state === 'late' && record.signedInAt !== null && record.signedInAt >= since)) &&
        record.makeupConfirmedAt === null
      const expected = env.demo.attendance.filter(matches).length

      const query = db.collection('attendance').where(
        _.and([
          { branchId: _.in(branchIds) },
          _.or([{ state: 'present' }, { state: 'late', signedInAt: _.gte(since) }]),
          { makeupConfirmedAt: _.exists(true).and(_.eq(null)) },
        ]),
      )
      expect((await query.count()).total).toBe(expected)

      const late = await db.collection('activities').where({ startAt: _.gt(since).and(_.lt(TEST_NOW)) }).count()
      expect(late.total).toBe(env.demo.activities.filter((a) => a.startAt > since && a.startAt < TEST_NOW).length)

      const result = await db
        .collection('attendance')
        .aggregate()
        .match({ state: _.in(['present', 'late']) })
        .group({ _id: '$branchId', attended: db.command.aggregate.sum(1) })
        .sort({ attended: -1, _id: 1 })
        .end()
      const counts = new Map<string, number>()
      for (const record of env.demo.attendance.filter((r) => r.state === 'present' || r.state === 'late')) {
        counts.set(record.branchId, (counts.get(record.branchId) ?? 0) + 1)
      }
      const expectedGroups = [...counts]
        .map(([branchId, attended]) => ({ _id: branchId, attended }))
        .sort((a, b) => b.attended - a.attended || a._id.localeCompare(b._id))
      expect(aggregateRows(result)).toEqual(expectedGroups)
    })

    it('names an operator it does not support instead of answering differently', async () => {
      const db = env.cloud.db()
      await expect(
        db.collection('members').where({ $where: 'this.name.length > 2' }).get(),
      ).rejects.toThrow(/\$where/)
    })
  })

  it('keeps its data across a restart', async () => {
    const db = env.cloud.db()
    await db.collection('orgs').add({ _id: 'restart-probe', kind: 'group', name: '重启测试党小组', parentId: null, ancestorIds: [], sortOrder: 0 })
    const before = (await db.collection('members').count()).total
    await env.cloud.close()
    env.cloud = await LocalCloud.start({ dataDir: env.dataDir, now: () => TEST_NOW, log: () => undefined })
    const reopened = env.cloud.db()
    expect((await reopened.collection('members').count()).total).toBe(before)
    const { data } = await reopened.collection('orgs').where({ _id: 'restart-probe' }).get()
    expect(data).toEqual([expect.objectContaining({ name: '重启测试党小组' })])
  })
})
