import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { PAGES } from '../../src/routes'
import { startWeappJourney, type WeappJourney } from './journey'

/** 07:00 on 1 December 2026 in Beijing: the monthly timer's first run of the month. */
const FIRST_OF_DECEMBER = Date.parse('2026-11-30T23:00:00.000Z')
const GENERAL_BRANCH = 'org-cs'

/**
 * 月度通报 on a fixed clock: the monthly timer writes November's report on 1 December; the
 * 党总支 admin finds it in 消息, opens the page and downloads the xlsx and the PDF on the phone.
 */
describe('weapp: the 月度通报 from the timer to the phone', () => {
  let journey: WeappJourney
  beforeAll(async () => {
    journey = await startWeappJourney()
  })
  afterAll(() => journey?.close())

  it('the first-of-month run writes the report; the admin opens it from 消息 and downloads the xlsx and the PDF', async () => {
    await journey.advanceClock(FIRST_OF_DECEMBER - journey.world.clock.nowMs())
    const run = await journey.env.cloud.invokeFromPlatform('reports', 'timer')
    expect(run).toMatchObject({ ok: true, data: { reports: 3, done: true } })

    const admin = journey.env.demo.members.find((m) => m.adminOrgIds.includes(GENERAL_BRANCH) && m.openid)!
    const phone = await journey.phone(admin.openid!)
    phone.switchTab(PAGES.me)
    await journey.world.settle()
    await phone.tap('消息')
    await phone.tap(phone.page.find('.msg-card', { hasText: '通报' }))
    expect(phone.page.route).toBe(PAGES.report.slice(1))
    expect(phone.page.query.id).toBe(`${GENERAL_BRANCH}_2026-11`)
    const text = phone.page.text()
    expect(text).toContain('2026年11月组织生活')
    expect(text).toContain('达标率')
    expect(text).toContain('各支部')
    journey.keep(phone, 'report-01-page')

    await phone.tap('下载 Excel')
    expect(phone.device.toasts).toContain('已打开')
    const [xlsx] = phone.device.calledApis('openDocument')
    expect(xlsx.options.fileType).toBe('xlsx')
    // Opened under its readable name, not a temp file's random one.
    expect(String(xlsx.options.filePath)).toMatch(/^wxfile:\/\/usr\/.+组织生活通报\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(readFileSync(phone.device.diskPathOf(String(xlsx.options.filePath))) as unknown as ArrayBuffer)
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String))
    expect(cells.some((cell) => cell.includes('2026年11月'))).toBe(true)

    await phone.tap('下载 PDF')
    const pdf = phone.device.calledApis('openDocument')[1]
    expect(pdf.options.fileType).toBe('pdf')
    expect(readFileSync(phone.device.diskPathOf(String(pdf.options.filePath))).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // Each download was a natural moment to ask for the next report's push, from the tap.
    expect(phone.device.calledApis('requestSubscribeMessage')).toHaveLength(2)
  })
})
