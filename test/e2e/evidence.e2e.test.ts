import { renderDemoPhotos } from '../../cloud-runtime/seed/photos'
import { COLLECTIONS } from '../../src/domain/collections'
import type { Evidence } from '../../src/domain/model'
import { DEFAULT_RULESET } from '../../src/domain/ruleset'
import { wallClockOf } from '../../src/domain/time'
import { settle, startJourney, type Journey } from './browser'
import { PAGES } from '../../src/routes'

describe('痕迹 and 台账 on phones: upload a photo, review states, gallery, ledger export', () => {
  let journey: Journey
  beforeAll(async () => {
    journey = await startJourney()
  })
  afterAll(() => journey?.close())

  it('lets the secretary add a compressed photo and minutes, delete after confirming, browse the gallery and export', async () => {
    const { env } = journey
    const branchId = 'org-cs-teacher'
    // The branch's latest closed 支部党员大会 (the demo is seeded as of today).
    const general = env.demo.activities
      .filter((a) => a.branchId === branchId && a.status === 'closed' && a.types.includes('party_congress'))
      .sort((a, b) => b.startAt.getTime() - a.startAt.getTime())[0]
    const activityId = general._id
    const month = wallClockOf(general.startAt, DEFAULT_RULESET.timeZone).format('YYYY-MM')
    const secretary = env.demo.members.find((m) => m.branchId === branchId && m.roles.includes('secretary'))!
    const evidenceOf = async () =>
      (await env.cloud.db().collection(COLLECTIONS.evidence.name).where({ activityId }).limit(100).get()).data as Evidence[]
    const before = await evidenceOf()

    const phone = await journey.signIn(secretary.openid!)
    await phone.goto(`${journey.server.url}${PAGES.evidence}?activityId=${activityId}`)
    await phone.getByText('添加照片').waitFor()
    await settle(phone)
    await journey.screenshot(phone, '60-evidence')

    // Upload: the browser's file chooser, then canvas compression to JPEG, /api/upload and addPhoto.
    // WeChat's image check answers later: the photo shows as 审核中 to the committee meanwhile.
    env.cloud.contentSecurity.answerNext('image', 'pending')
    const chooser = phone.waitForEvent('filechooser')
    await phone.getByText('添加照片').click()
    await (await chooser).setFiles({ name: 'meeting.png', mimeType: 'image/png', buffer: Buffer.from(renderDemoPhotos().meetingRoom) })
    await phone.waitForFunction((count) => document.querySelectorAll('.evidence__thumb').length > count, before.filter((e) => e.kind === 'photo').length)
    const added = (await evidenceOf()).find((item) => !before.some((old) => old._id === item._id))!
    expect(added).toMatchObject({ kind: 'photo', fileType: 'jpeg', review: 'pending' })
    expect(added.fileId).toMatch(new RegExp(`^cloud://local/evidence/${branchId}/${activityId}/\\w+\\.jpg$`))

    await phone.getByText('审核中').waitFor()
    await journey.screenshot(phone, '61-evidence-photo-under-review')

    // Minutes rejected by the content check: the Chinese error, nothing stored.
    env.cloud.contentSecurity.answerNext('text', 'reject')
    await phone.locator('textarea').fill('会议记录：传达学习上级会议精神。')
    await phone.getByText('保存会议记录').click()
    await phone.getByText('会议记录含有不合规内容', { exact: false }).waitFor()
    await journey.screenshot(phone, '62-evidence-minutes-rejected')
    await phone.getByText('知道了').last().click()
    expect((await evidenceOf()).filter((item) => item.kind === 'minutes')).toHaveLength(before.filter((item) => item.kind === 'minutes').length)

    // Delete asks first.
    const thumbs = await phone.locator('.evidence__thumb').count()
    await phone.locator('.evidence__thumb .evidence__delete').last().click()
    await phone.getByText('确定删除这张照片吗', { exact: false }).waitFor()
    await phone.getByText('确认删除', { exact: true }).last().click()
    await phone.waitForFunction((count) => document.querySelectorAll('.evidence__thumb').length < count, thumbs)

    await phone.goto(`${journey.server.url}${PAGES.gallery}?branchId=${branchId}&month=${month}`)
    await phone.getByText(`${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`, { exact: true }).waitFor()
    await phone.locator('.gallery__image').first().waitFor()
    // Photos come through signed, expiring temporary URLs: they must really load (the first one; the rest load lazily).
    await phone.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('.gallery__image img')
      return image !== null && image.complete && image.naturalWidth > 0
    })
    await settle(phone)
    await journey.screenshot(phone, '63-gallery')

    await phone.goto(`${journey.server.url}${PAGES.ledger}?branchId=${branchId}`)
    await phone.getByText('生成台账').waitFor()
    await phone.getByText('生成台账').click()
    await phone.getByText('下载文件').waitFor()
    // The export was made at TEST_NOW, 10:00 in Beijing (02:00 UTC, the phone's zone).
    await phone.getByText('11月21日 10:00', { exact: false }).first().waitFor()
    await settle(phone)
    await journey.screenshot(phone, '64-ledger-done')
    // The spreadsheet arrives as a download under its own name, never shown in the app's origin.
    const download = phone.waitForEvent('download')
    await phone.getByText('下载文件').first().click()
    expect((await download).suggestedFilename()).toMatch(/^组织生活台账-.+\.xlsx$/)
  })
})
