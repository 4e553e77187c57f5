import { COLLECTIONS } from '../../../src/domain/collections'
import { DEFAULT_EVIDENCE_LIMITS } from '../../../src/domain/evidence'
import type { EvidenceLog } from '../../../src/domain/model'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { BRANCH, CHINESE, helpers, jpegBytes, pdfBytes, pngBytes, textBytes } from './helpers'

type Helpers = ReturnType<typeof helpers>

describe('evidence: uploads, checks and removal through the local runtime', () => {
  let env: TestCloud
  let h: Helpers
  const activityId = 'act-cs-teacher-202610-general'
  const otherActivityId = 'act-cs-teacher-202609-theme'

  beforeAll(async () => {
    env = await startSeededCloud()
    h = helpers(env)
  })
  afterAll(() => env.dispose())

  it('opens the gallery on the latest month that has photos, not on an empty one', async () => {
    const photosOf = async (month?: string) => {
      const result = await h.invoke('gallery', { branchId: BRANCH, ...(month ? { month } : {}) }, h.plainMember)
      if (!result.ok) throw new Error(result.error.message)
      return result.data as { month: { key: string }; activities: unknown[] }
    }
    const opened = await photosOf()
    expect(opened.activities.length).toBeGreaterThan(0)
    const later = ['2026-09', '2026-10', '2026-11'].filter((month) => month > opened.month.key)
    for (const month of later) expect((await photosOf(month)).activities).toEqual([])
  })

  it('registers a photo the secretary uploaded, with a log entry, and shows it with a URL', async () => {
    const fileId = await h.upload(activityId, jpegBytes())
    const result = await h.invoke('addPhoto', { activityId, fileId }, h.secretary)
    expect(result).toMatchObject({ ok: true, data: { kind: 'photo', review: 'pass', uploadedByName: h.secretary.name } })
    const stored = (await h.evidenceOf(activityId)).find((item) => item.fileId === fileId)
    expect(stored).toMatchObject({ branchId: BRANCH, review: 'pass', fileType: 'jpeg', size: 2048, uploadedBy: h.secretary._id })
    const logs = (await h.db.collection(COLLECTIONS.evidenceLogs.name).where({ evidenceId: stored!._id }).get()).data as EvidenceLog[]
    expect(logs).toEqual([expect.objectContaining({ action: 'add', actorId: h.secretary._id, kind: 'photo' })])
    const list = await h.invoke('listForActivity', { activityId }, h.plainMember)
    expect(list.ok && (list.data as { photos: { id: string; url: string }[] }).photos).toContainEqual(
      expect.objectContaining({ id: stored!._id, url: expect.stringContaining(`/files/evidence/${BRANCH}/${activityId}/`) }),
    )
  })

  it('shows the photos of a joint activity in the gallery of every participating branch', async () => {
    const guestBranchId = h.otherSecretary.branchId
    const posted = await env.cloud.invoke(
      'activities',
      {
        action: 'post',
        payload: {
          branchId: BRANCH,
          types: ['party_lecture'],
          topic: '联合党课：照片',
          startAt: '2026-11-21T06:00:00.000Z',
          endAt: '2026-11-21T07:30:00.000Z',
          place: '报告厅',
          speakerMemberId: h.secretary._id,
          audience: { kind: 'branches', branchIds: [guestBranchId] },
        },
      },
      h.secretary.openid!,
    )
    if (!posted.ok) throw new Error(posted.error.message)
    const jointId = (posted.data as { id: string }).id
    const answer = { activityId: jointId, branchId: guestBranchId, accept: true }
    expect((await env.cloud.invoke('activities', { action: 'respondToInvitation', payload: answer }, h.otherSecretary.openid!)).ok).toBe(true)
    const fileId = await h.upload(jointId, jpegBytes())
    expect((await h.invoke('addPhoto', { activityId: jointId, fileId }, h.secretary)).ok).toBe(true)
    const gallery = await h.invoke('gallery', { branchId: guestBranchId, month: '2026-11' }, h.otherSecretary)
    expect(gallery.ok && (gallery.data as { activities: { activityId: string }[] }).activities.map((entry) => entry.activityId)).toContain(jointId)
  })

  it('takes a PNG from a committee member (宣传委员)', async () => {
    const fileId = await h.upload(activityId, pngBytes(), 'png')
    expect(await h.invoke('addPhoto', { activityId, fileId }, h.publicity)).toMatchObject({ ok: true, data: { review: 'pass' } })
  })

  it('refuses a file that is not an image, and nothing stays stored', async () => {
    const before = (await h.evidenceOf(activityId)).length
    const fileId = await h.upload(activityId, textBytes())
    const result = await h.invoke('addPhoto', { activityId, fileId }, h.secretary)
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('JPG 或 PNG') } })
    expect(await h.stored(fileId)).toBe(false)
    expect(await h.evidenceOf(activityId)).toHaveLength(before)
  })

  it('refuses a photo over the size limit, and nothing stays stored', async () => {
    const before = (await h.evidenceOf(activityId)).length
    const fileId = await h.upload(activityId, jpegBytes(DEFAULT_EVIDENCE_LIMITS.maxPhotoBytes + 1))
    const result = await h.invoke('addPhoto', { activityId, fileId }, h.secretary)
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('超过每张 2.0 MB') } })
    expect(await h.stored(fileId)).toBe(false)
    expect(await h.evidenceOf(activityId)).toHaveLength(before)
  })

  it('refuses a file that was never uploaded, and one of another activity (which it leaves alone)', async () => {
    const missing = await h.invoke('addPhoto', { activityId, fileId: `cloud://local/evidence/${BRANCH}/${activityId}/nothing.jpg` }, h.secretary)
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('没有找到') } })
    const elsewhere = await h.upload(otherActivityId, jpegBytes())
    const result = await h.invoke('addPhoto', { activityId, fileId: elsewhere }, h.secretary)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('存储路径') } })
    expect(await h.stored(elsewhere)).toBe(true)
  })

  it('refuses registering the same file twice', async () => {
    const fileId = await h.upload(activityId, jpegBytes())
    expect((await h.invoke('addPhoto', { activityId, fileId }, h.secretary)).ok).toBe(true)
    expect(await h.invoke('addPhoto', { activityId, fileId }, h.secretary)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it(`stops at ${DEFAULT_EVIDENCE_LIMITS.maxPhotosPerActivity} photos per activity and deletes the extra file`, async () => {
    const target = 'act-cs-teacher-202607-general'
    const existing = (await h.evidenceOf(target)).filter((item) => item.kind === 'photo').length
    for (let n = existing; n < DEFAULT_EVIDENCE_LIMITS.maxPhotosPerActivity; n++) {
      expect((await h.invoke('addPhoto', { activityId: target, fileId: await h.upload(target, jpegBytes()) }, h.secretary)).ok).toBe(true)
    }
    const extra = await h.upload(target, jpegBytes())
    const result = await h.invoke('addPhoto', { activityId: target, fileId: extra }, h.secretary)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('最多上传 9 张') } })
    expect(await h.stored(extra)).toBe(false)
  })

  it('removes a photo: the record, the stored file, and logs who did it', async () => {
    const fileId = await h.upload(activityId, jpegBytes())
    const added = await h.invoke('addPhoto', { activityId, fileId }, h.secretary)
    const id = added.ok ? (added.data as { id: string }).id : ''
    expect(await h.invoke('remove', { evidenceId: id }, h.publicity)).toEqual({ ok: true, data: { removed: true } })
    expect(await h.stored(fileId)).toBe(false)
    expect((await h.evidenceOf(activityId)).some((item) => item._id === id)).toBe(false)
    const logs = (await h.db.collection(COLLECTIONS.evidenceLogs.name).where({ evidenceId: id }).get()).data as EvidenceLog[]
    expect(logs.map((log) => [log.action, log.actorId]).sort()).toEqual([
      ['add', h.secretary._id],
      ['remove', h.publicity._id],
    ])
    const list = await h.invoke('listForActivity', { activityId }, h.secretary)
    expect(list.ok && (list.data as { log: { description: string }[] }).log.map((entry) => entry.description)).toContain('删除照片')
  })

  it('stores typed minutes and a minutes document (PDF); refuses a fake document and deletes it', async () => {
    const text = await h.invoke('addMinutesText', { activityId, text: '会议由书记主持，传达学习了上级党组织会议精神。' }, h.secretary)
    expect(text).toMatchObject({ ok: true, data: { kind: 'minutes', review: 'pass', text: expect.stringContaining('书记主持') } })
    const pdf = await h.upload(activityId, pdfBytes(), 'pdf')
    expect(await h.invoke('addMinutesFile', { activityId, fileId: pdf, fileName: '十月支部大会记录.pdf' }, h.secretary)).toMatchObject({
      ok: true,
      data: { kind: 'minutes', fileName: '十月支部大会记录.pdf', url: expect.any(String) },
    })
    const fake = await h.upload(activityId, textBytes(), 'docx')
    expect(await h.invoke('addMinutesFile', { activityId, fileId: fake, fileName: '记录.docx' }, h.secretary)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('PDF 或 Word') },
    })
    expect(await h.stored(fake)).toBe(false)
  })

  describe('who may', () => {
    it.each([
      ['a plain member', () => h.plainMember],
      ["another branch's secretary", () => h.otherSecretary],
    ])('refuses %s adding a photo or minutes (FORBIDDEN) and keeps the file out of the record', async (_who, who) => {
      const fileId = await h.upload(activityId, jpegBytes())
      const photo = await h.invoke('addPhoto', { activityId, fileId }, who())
      expect(photo).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(CHINESE) } })
      const minutes = await h.invoke('addMinutesText', { activityId, text: '记录' }, who())
      expect(minutes).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect((await h.evidenceOf(activityId)).some((item) => item.fileId === fileId)).toBe(false)
    })

    it('refuses a plain member and another branch removing evidence', async () => {
      const [photo] = (await h.evidenceOf(activityId)).filter((item) => item.kind === 'photo')
      for (const who of [h.plainMember, h.otherSecretary]) {
        expect(await h.invoke('remove', { evidenceId: photo._id }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    })

    it('lets the general-branch admin above manage, and refuses another branch viewing', async () => {
      const fileId = await h.upload(activityId, jpegBytes())
      expect((await h.invoke('addPhoto', { activityId, fileId }, h.generalAdmin)).ok).toBe(true)
      expect(await h.invoke('listForActivity', { activityId }, h.otherSecretary)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await h.invoke('gallery', { branchId: BRANCH, month: '2026-10' }, h.otherSecretary)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
    })

    it('refuses callers without an identity', async () => {
      expect(await h.invoke('listForActivity', { activityId }, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    })

    it.each([
      ['addPhoto', { activityId }],
      ['addPhoto', { activityId, fileId: '' }],
      ['addMinutesText', { activityId, text: '   ' }],
      ['addMinutesText', { activityId, text: '长'.repeat(DEFAULT_EVIDENCE_LIMITS.maxMinutesChars + 1) }],
      ['addMinutesFile', { activityId, fileId: 'cloud://local/x.pdf' }],
      ['gallery', { branchId: BRANCH, month: '2026-13' }],
      ['remove', { evidenceId: 'x', extra: true }],
    ])('answers INVALID_INPUT in Chinese to %s (case %#)', async (action, payload) => {
      expect(await h.invoke(action, payload, h.secretary)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(CHINESE) },
      })
    })

    it('answers NOT_FOUND for an unknown activity', async () => {
      expect(await h.invoke('listForActivity', { activityId: 'no-such-activity' }, h.secretary)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringMatching(CHINESE) },
      })
    })
  })
})
