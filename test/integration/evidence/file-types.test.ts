import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { concatBytes, sampleDoc, sampleDocx, WEB_PAGE } from '../../support/sample-files'
import { helpers, jpegBytes, pdfBytes, pngBytes } from './helpers'

describe('evidence: a file must be what it says it is, not only begin like it', () => {
  let env: TestCloud
  let h: ReturnType<typeof helpers>
  const activityId = 'act-cs-teacher-202610-general'

  beforeAll(async () => {
    env = await startSeededCloud()
    h = helpers(env)
  })
  afterAll(() => env.dispose())

  it.each([
    ['FF D8 FF + a web page', concatBytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), WEB_PAGE), 'jpg'],
    ['a JPEG with a web page after it', concatBytes(jpegBytes(), WEB_PAGE), 'jpg'],
    ['the PNG signature + a web page', concatBytes(pngBytes().subarray(0, 8), WEB_PAGE), 'png'],
  ])('refuses %s as a photo and deletes the upload', async (_, bytes, extension) => {
    const before = (await h.evidenceOf(activityId)).length
    const fileId = await h.upload(activityId, bytes, extension)
    expect(await h.invoke('addPhoto', { activityId, fileId }, h.secretary)).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('JPG 或 PNG') },
    })
    expect(await h.stored(fileId)).toBe(false)
    expect(await h.evidenceOf(activityId)).toHaveLength(before)
  })

  it.each([
    ['%PDF- + a web page', concatBytes(new TextEncoder().encode('%PDF-1.4\n'), WEB_PAGE), 'pdf'],
    ['a PDF with a web page after %%EOF', concatBytes(pdfBytes(), WEB_PAGE), 'pdf'],
    ['a ZIP header + a web page', concatBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), WEB_PAGE), 'docx'],
  ])('refuses %s as minutes and deletes the upload', async (_, bytes, extension) => {
    const fileId = await h.upload(activityId, bytes, extension)
    expect(await h.invoke('addMinutesFile', { activityId, fileId, fileName: `记录.${extension}` }, h.secretary)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('PDF 或 Word') },
    })
    expect(await h.stored(fileId)).toBe(false)
  })

  it('takes a real .docx and .doc as minutes', async () => {
    for (const [bytes, extension] of [[sampleDocx(), 'docx'], [sampleDoc(), 'doc']] as const) {
      const fileId = await h.upload(activityId, bytes, extension)
      expect(await h.invoke('addMinutesFile', { activityId, fileId, fileName: `记录.${extension}` }, h.secretary)).toMatchObject({
        ok: true,
        data: { kind: 'minutes', fileName: `记录.${extension}` },
      })
    }
  })
})
