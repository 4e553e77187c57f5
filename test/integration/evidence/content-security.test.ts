import { COLLECTIONS } from '../../../src/domain/collections'
import type { ActivityEvidence, GalleryMonth } from '../../../src/domain/contracts'
import type { Evidence } from '../../../src/domain/model'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { CHINESE, helpers, jpegBytes } from './helpers'

type Helpers = ReturnType<typeof helpers>

describe('evidence: content-check states drive visibility (local content security)', () => {
  let env: TestCloud
  let h: Helpers
  const activityId = 'act-cs-teacher-202611-theme'
  const month = '2026-11'

  beforeAll(async () => {
    env = await startSeededCloud()
    h = helpers(env)
  })
  afterAll(() => env.dispose())
  afterEach(() => env.cloud.contentSecurity.reset())

  const list = async (who: Parameters<Helpers['invoke']>[2]) => {
    const result = await h.invoke('listForActivity', { activityId }, who)
    if (!result.ok) throw new Error(result.error.message)
    return result.data as ActivityEvidence
  }
  const galleryIds = async (who: Parameters<Helpers['invoke']>[2]) => {
    const result = await h.invoke('gallery', { branchId: 'org-cs-teacher', month }, who)
    if (!result.ok) throw new Error(result.error.message)
    return (result.data as GalleryMonth).activities.flatMap((entry) => entry.photos.map((photo) => [photo.id, photo.review]))
  }
  const addPending = async (): Promise<{ id: string; traceId: string }> => {
    env.cloud.contentSecurity.answerNext('image', 'pending')
    const result = await h.invoke('addPhoto', { activityId, fileId: await h.upload(activityId, jpegBytes()) }, h.secretary)
    if (!result.ok) throw new Error(result.error.message)
    const id = (result.data as { id: string }).id
    const stored = (await h.db.collection(COLLECTIONS.evidence.name).doc(id).get()).data[0] as Evidence
    return { id, traceId: stored.traceId! }
  }

  it('keeps a photo under review from members; the secretary and committee see it as 审核中', async () => {
    const { id, traceId } = await addPending()
    expect(traceId).toMatch(/^local-trace-/)
    expect((await list(h.plainMember)).photos.map((photo) => photo.id)).not.toContain(id)
    expect((await list(h.secretary)).photos).toContainEqual(expect.objectContaining({ id, review: 'pending' }))
    expect((await list(h.publicity)).photos).toContainEqual(expect.objectContaining({ id, review: 'pending' }))
    expect((await galleryIds(h.plainMember)).map(([photoId]) => photoId)).not.toContain(id)
    expect(await galleryIds(h.secretary)).toContainEqual([id, 'pending'])
  })

  it('shows the photo to members once WeChat passes it (by trace id), and logs the result', async () => {
    const { id, traceId } = await addPending()
    expect(await h.pushMediaCheck(traceId, 'pass')).toEqual({ ok: true, data: { updated: 1 } })
    expect((await list(h.plainMember)).photos).toContainEqual(expect.objectContaining({ id, review: 'pass' }))
    expect((await list(h.secretary)).log.map((entry) => entry.description)).toContain('照片内容审核：已通过')
  })

  it('flags a rejected photo for managers, hides it from members, and does not count it', async () => {
    const target = 'act-cs-teacher-202611-group-2'
    // Start from no evidence at all: take what the seed put there out of the database (a secretary
    // could not: the last passed photo of a held activity stays).
    await h.db.collection(COLLECTIONS.evidence.name).where({ activityId: target }).remove()
    env.cloud.contentSecurity.answerNext('image', 'pending')
    const added = await h.invoke('addPhoto', { activityId: target, fileId: await h.upload(target, jpegBytes()) }, h.secretary)
    const id = added.ok ? (added.data as { id: string }).id : ''
    await h.invoke('addMinutesText', { activityId: target, text: '小组会记录：大家交流了学习体会。' }, h.secretary)
    const stored = (await h.db.collection(COLLECTIONS.evidence.name).doc(id).get()).data[0] as Evidence
    expect(await h.pushMediaCheck(stored.traceId!, 'risky')).toEqual({ ok: true, data: { updated: 1 } })
    const managerView = await h.invoke('listForActivity', { activityId: target }, h.secretary)
    expect(managerView.ok && (managerView.data as ActivityEvidence)).toMatchObject({
      photos: [expect.objectContaining({ id, review: 'reject' })],
      complete: false,
    })
    const memberView = await h.invoke('listForActivity', { activityId: target }, h.plainMember)
    expect(memberView.ok && (memberView.data as ActivityEvidence).photos).toEqual([])
    // A later push cannot turn the rejected photo back (only pending photos change).
    expect(await h.pushMediaCheck(stored.traceId!, 'pass')).toEqual({ ok: true, data: { updated: 0 } })
  })

  it('refuses a photo rejected at once: error, file deleted, nothing recorded', async () => {
    env.cloud.contentSecurity.answerNext('image', 'reject')
    const fileId = await h.upload(activityId, jpegBytes())
    const before = (await h.evidenceOf(activityId)).length
    expect(await h.invoke('addPhoto', { activityId, fileId }, h.secretary)).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('内容安全') },
    })
    expect(await h.stored(fileId)).toBe(false)
    expect(await h.evidenceOf(activityId)).toHaveLength(before)
  })

  it.each([
    ['reject', '不合规'],
    ['pending', '敏感'],
  ] as const)('refuses minutes text the check answers %s: Chinese error, nothing stored', async (state, words) => {
    env.cloud.contentSecurity.answerNext('text', state)
    const before = (await h.evidenceOf(activityId)).length
    const result = await h.invoke('addMinutesText', { activityId, text: '一段会议记录' }, h.secretary)
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(words) } })
    expect(await h.evidenceOf(activityId)).toHaveLength(before)
  })

  it.each([
    ['a secretary', () => h.secretary],
    ['a call without identity', () => null],
  ])('refuses check results sent by %s (only the platform pushes them)', async (_who, caller) => {
    const { id, traceId } = await addPending()
    expect(await h.invoke('mediaCheckResult', { traceId, suggest: 'pass' }, caller())).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(CHINESE) },
    })
    // Nor can a client dress its call up as the push.
    const dressedUp = await env.cloud.invoke('evidence', { Event: 'wxa_media_check', trace_id: traceId, result: { suggest: 'pass' } }, null)
    expect(dressedUp.ok).toBe(false)
    expect((await h.evidenceOf(activityId)).find((item) => item._id === id)?.review).toBe('pending')
  })
})
