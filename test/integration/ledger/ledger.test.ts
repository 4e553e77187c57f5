import ExcelJS from 'exceljs'
import { expectedAudience } from '../../../src/domain/attendance'
import { COLLECTIONS } from '../../../src/domain/collections'
import type { LedgerJobView } from '../../../src/domain/contracts'
import type { Activity, LedgerJob, Member } from '../../../src/domain/model'
import { DEFAULT_RULESET } from '../../../src/domain/ruleset'
import { formatLocalDate, periodCalendar } from '../../../src/domain/time'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { pdfText } from '../../support/pdf-text'
import { CHINESE } from '../../support/actions'

const BRANCH = 'org-cs-teacher'
const PERIOD = '2026-autumn'
const squash = (text: string) => text.replace(/\s+/g, '')

// Building a PDF embeds a CJK font: give slow CI machines room (a limit, not a performance assertion).
jest.setTimeout(60_000)

describe('ledger: 台账 exports through the local runtime', () => {
  let env: TestCloud
  const member = (predicate: (member: Member) => boolean): Member => env.demo.members.find(predicate)!
  const secretary = () => member((m) => m.branchId === BRANCH && m.roles.includes('secretary'))
  const invoke = (action: string, payload: unknown, who: Member | null) =>
    env.cloud.invoke('ledger', { action, payload }, who ? who.openid! : null)

  beforeAll(async () => {
    env = await startSeededCloud()
  })
  afterAll(() => env.dispose())

  async function exportFile(kind: string, periodKey = PERIOD): Promise<{ view: LedgerJobView; bytes: Uint8Array }> {
    const result = await invoke('start', { branchId: BRANCH, kind, periodKey }, secretary())
    if (!result.ok) throw new Error(result.error.message)
    const view = result.data as LedgerJobView
    const job = (await env.cloud.db().collection(COLLECTIONS.ledgerJobs.name).doc(view.id).get()).data[0] as LedgerJob
    expect(job.fileId).toMatch(new RegExp(`^cloud://local/ledgers/${BRANCH}/`))
    return { view, bytes: await env.cloud.storage.downloadFile(job.fileId!) }
  }

  const periodActivities = (): Activity[] => {
    const period = periodCalendar(DEFAULT_RULESET).periodFromKey(PERIOD)
    return env.demo.activities
      .filter((a) => a.branchId === BRANCH && a.status !== 'cancelled' && a.startAt >= period.start && a.startAt < period.end)
      .sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || a._id.localeCompare(b._id))
  }

  it('exports the 组织生活台账 as xlsx whose cells match the records', async () => {
    const { view, bytes } = await exportFile('activities_xlsx')
    expect(view).toMatchObject({ status: 'done', progress: 100, url: expect.stringContaining('/files/ledgers/'), periodLabel: '2026年秋季学期' })
    expect(view.fileName).toMatch(/^组织生活台账-.+-2026年秋季学期\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('组织生活台账')!
    const header = (sheet.getRow(2).values as unknown[]).slice(1)
    expect(header).toEqual(expect.arrayContaining(['日期', '主题', '地点', '主讲人', '应到', '出席', '迟到', '请假', '缺席', '学时', '照片（张）', '会议记录摘要']))
    const column = (name: string) => header.indexOf(name) + 1
    const activities = periodActivities()
    expect(activities.length).toBeGreaterThan(5)
    expect(sheet.rowCount).toBe(2 + activities.length)
    activities.forEach((activity, index) => {
      const row = sheet.getRow(3 + index)
      const cell = (name: string) => row.getCell(column(name)).value
      const members = env.demo.members.filter((m) => m.branchId === BRANCH)
      const expected = expectedAudience(activity, members)
      const records = env.demo.attendance.filter((record) => record.activityId === activity._id)
      const count = (state: string) => records.filter((record) => record.state === state && expected.some((m) => m._id === record.memberId)).length
      expect(cell('主题')).toBe(activity.topic)
      expect(cell('日期')).toBe(formatLocalDate(activity.startAt, DEFAULT_RULESET.timeZone))
      expect(cell('地点')).toBe(activity.place)
      expect(cell('应到')).toBe(expected.length)
      expect(cell('出席')).toBe(count('present'))
      expect(cell('迟到')).toBe(count('late'))
      expect(cell('请假')).toBe(count('leave'))
      if (activity.status === 'closed') expect(cell('缺席')).toBe(expected.length - count('present') - count('late') - count('leave'))
      expect(cell('学时')).toBe(activity.creditHours)
      const photos = env.demo.evidence.filter((e) => e.activityId === activity._id && e.kind === 'photo' && e.review === 'pass')
      expect(cell('照片（张）')).toBe(photos.length)
      const minutes = env.demo.evidence.find((e) => e.activityId === activity._id && e.kind === 'minutes')
      if (minutes?.text) expect(String(cell('会议记录摘要'))).toBe(minutes.text.replace(/\s+/g, ' ').trim().slice(0, 120) + (minutes.text.replace(/\s+/g, ' ').trim().length > 120 ? '…' : ''))
      const presentNames = records.filter((r) => r.state === 'present').map((r) => env.demo.members.find((m) => m._id === r.memberId)!.name)
      for (const name of presentNames) expect(String(cell('出席名单'))).toContain(name)
    })
    const summary = workbook.getWorksheet('完成情况汇总')!
    expect(summary.rowCount).toBeGreaterThan(3)
    const statuses = new Set<string>()
    summary.eachRow((row, number) => {
      if (number > 2 && row.getCell(6).value) statuses.add(String(row.getCell(6).value))
    })
    expect([...statuses].every((status) => ['已完成', '进行中', '临期', '未完成', '不适用'].includes(status))).toBe(true)
  })

  it('exports the printable PDF with every activity topic', async () => {
    const { view, bytes } = await exportFile('activities_pdf')
    expect(view.fileName).toMatch(/\.pdf$/)
    expect(bytes.length).toBeGreaterThan(10_000)
    const text = squash(pdfText(bytes))
    for (const activity of periodActivities()) expect(text).toContain(squash(activity.topic))
  })

  it('exports the 党员信息台账 with masked phone numbers', async () => {
    const { bytes } = await exportFile('members_xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('党员信息台账')!
    const header = (sheet.getRow(2).values as unknown[]).slice(1)
    const active = env.demo.members.filter((m) => m.branchId === BRANCH && m.active)
    expect(sheet.rowCount).toBe(2 + active.length)
    const phones: string[] = []
    const names: string[] = []
    for (let n = 3; n <= sheet.rowCount; n++) {
      phones.push(String(sheet.getRow(n).getCell(header.indexOf('手机号') + 1).value ?? ''))
      names.push(String(sheet.getRow(n).getCell(header.indexOf('姓名') + 1).value))
    }
    expect(names.sort()).toEqual(active.map((m) => m.name).sort())
    for (const phone of phones) expect(phone === '' || /^\d{3}\*{4}\d{4}$/.test(phone)).toBe(true)
    for (const m of active) if (m.phone) expect(phones).not.toContain(m.phone)
  })

  it('reports progress on a job the app names, readable with status and recent', async () => {
    const result = await invoke('start', { branchId: BRANCH, kind: 'activities_xlsx', periodKey: '2026-11', jobId: 'job-from-app-0001' }, secretary())
    expect(result).toMatchObject({ ok: true, data: { id: 'job-from-app-0001', status: 'done' } })
    expect(await invoke('status', { jobId: 'job-from-app-0001' }, secretary())).toMatchObject({ ok: true, data: { progress: 100, step: '已完成' } })
    const recent = await invoke('recent', { branchId: BRANCH }, secretary())
    expect(recent.ok && (recent.data as { jobs: LedgerJobView[] }).jobs.map((job) => job.id)).toContain('job-from-app-0001')
    expect(await invoke('start', { branchId: BRANCH, kind: 'activities_xlsx', periodKey: '2026-11', jobId: 'job-from-app-0001' }, secretary())).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })

  it('lets the general-branch admin above export', async () => {
    const admin = member((m) => m.adminOrgIds.includes('org-cs'))
    expect(await invoke('start', { branchId: BRANCH, kind: 'members_xlsx', periodKey: '2026' }, admin)).toMatchObject({ ok: true })
  })

  it('fails clearly in Chinese when the PDF font is missing, and marks the job failed', async () => {
    const saved = process.env.LEDGER_FONT_PATH
    process.env.LEDGER_FONT_PATH = '/nonexistent/font.ttc'
    try {
      const result = await invoke('start', { branchId: BRANCH, kind: 'activities_pdf', periodKey: '2026-11', jobId: 'job-no-font-0001' }, secretary())
      expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('中文字体') } })
      expect(await invoke('status', { jobId: 'job-no-font-0001' }, secretary())).toMatchObject({ ok: true, data: { status: 'failed', error: expect.stringContaining('LEDGER_FONT_PATH') } })
    } finally {
      if (saved === undefined) delete process.env.LEDGER_FONT_PATH
      else process.env.LEDGER_FONT_PATH = saved
    }
  })

  describe('who may', () => {
    it.each([
      ['a plain member', (m: Member) => m.branchId === BRANCH && m.roles.length === 0 && m.adminOrgIds.length === 0],
      ["another branch's secretary", (m: Member) => m.branchId === 'org-fl-teacher' && m.roles.includes('secretary')],
    ])('refuses %s (FORBIDDEN), for exports and job status', async (_who, predicate) => {
      const who = member(predicate)
      for (const kind of ['activities_xlsx', 'members_xlsx']) {
        expect(await invoke('start', { branchId: BRANCH, kind, periodKey: PERIOD }, who)).toEqual({
          ok: false,
          error: { code: 'FORBIDDEN', message: expect.stringMatching(CHINESE) },
        })
      }
      expect(await invoke('status', { jobId: 'job-from-app-0001' }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })

    it.each([
      [{ branchId: BRANCH, kind: 'activities_xlsx', periodKey: '2026-13' }],
      [{ branchId: BRANCH, kind: 'activities_xlsx', periodKey: 'last month' }],
      [{ branchId: BRANCH, kind: 'dues_xlsx', periodKey: '2026' }],
      [{ branchId: BRANCH, kind: 'activities_xlsx' }],
      [{ branchId: BRANCH, kind: 'activities_xlsx', periodKey: '2026', jobId: 'bad id!' }],
    ])('answers INVALID_INPUT in Chinese (case %#)', async (payload) => {
      expect(await invoke('start', payload, secretary())).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(CHINESE) },
      })
    })

    it('answers NOT_FOUND for a branch that does not exist', async () => {
      expect(await invoke('start', { branchId: 'org-none', kind: 'activities_xlsx', periodKey: PERIOD }, secretary())).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })
  })
})
