import type { ActivityEvidence } from '../../../src/domain/contracts'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { helpers, jpegBytes } from '../evidence/helpers'

jest.setTimeout(30_000)

describe('痕迹 already on record cannot be destroyed by a wrong call', () => {
  let env: TestCloud
  let h: ReturnType<typeof helpers>
  /** A held activity of the seed with its photos and minutes. */
  const heldActivity = 'act-cs-teacher-202610-general'

  beforeAll(async () => {
    env = await startSeededCloud()
    h = helpers(env)
  })
  afterAll(() => env.dispose())

  const evidence = async () => {
    const result = await h.invoke('listForActivity', { activityId: heldActivity }, h.secretary)
    if (!result.ok) throw new Error(result.error.message)
    return result.data as ActivityEvidence
  }

  it('addMinutesFile with the file id of a registered photo refuses and leaves the photo and its file alone', async () => {
    const fileId = await h.upload(heldActivity, jpegBytes())
    expect((await h.invoke('addPhoto', { activityId: heldActivity, fileId }, h.secretary)).ok).toBe(true)
    const misuse = await h.invoke('addMinutesFile', { activityId: heldActivity, fileId, fileName: '记录.pdf' }, h.secretary)
    expect(misuse).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await h.stored(fileId)).toBe(true)
    expect((await h.evidenceOf(heldActivity)).some((item) => item.fileId === fileId)).toBe(true)
  })

  it('keeps the last passed photo and the last minutes of a held activity', async () => {
    const before = await evidence()
    expect(before.activity.status).toBe('closed')
    for (const photo of before.photos.slice(1)) expect((await h.invoke('remove', { evidenceId: photo.id }, h.secretary)).ok).toBe(true)
    const [lastPhoto] = (await evidence()).photos
    const refused = await h.invoke('remove', { evidenceId: lastPhoto.id }, h.secretary)
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('唯一一张') } })
    for (const minutes of before.minutes.slice(1)) await h.invoke('remove', { evidenceId: minutes.id }, h.secretary)
    const [lastMinutes] = (await evidence()).minutes
    expect(await h.invoke('remove', { evidenceId: lastMinutes.id }, h.secretary)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await evidence()).complete).toBe(true)

    // Replacing is still possible: upload the right one first.
    const replacement = await h.upload(heldActivity, jpegBytes())
    expect((await h.invoke('addPhoto', { activityId: heldActivity, fileId: replacement }, h.secretary)).ok).toBe(true)
    expect((await h.invoke('remove', { evidenceId: lastPhoto.id }, h.secretary)).ok).toBe(true)
  })
})
