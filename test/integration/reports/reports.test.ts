import { rebuildSummaries } from '../../../cloudfunctions/_shared/summaries'
import { COLLECTIONS } from '../../../src/domain/collections'
import type { ReportView } from '../../../src/domain/contracts'
import type { Message } from '../../../src/domain/messages'
import type { Member } from '../../../src/domain/model'
import ExcelJS from 'exceljs'
import { call, refusal } from '../../support/actions'
import { pdfText } from '../../support/pdf-text'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'

jest.setTimeout(120_000)

describe('月度通报: on the first of the month, the previous month for each 党总支 and the 党委', () => {
  let env: TestCloud
  let clock = TEST_NOW
  const generate = async () => {
    const result = await env.cloud.invokeFromPlatform('reports', 'timer')
    if (!result.ok) throw new Error(result.error.message)
    return result.data as { refreshed: number; reports: number; done: boolean }
  }
  const adminOf = (orgId: string) => env.demo.members.find((m) => m.adminOrgIds.includes(orgId))!
  const secretary = () => env.demo.members.find((m) => m.roles.includes('secretary'))! as Member

  beforeAll(async () => {
    env = await startSeededCloud({ now: () => clock })
    let done = false
    while (!done) done = (await rebuildSummaries(env.cloud.contextFor(null), { budgetMs: 60_000 })).done
  })
  afterAll(() => env.dispose())

  it('waits for summaries computed after the month ended, then writes each report once and tells its admins', async () => {
    clock = new Date('2026-11-30T23:00:00.000Z') // 07:00 on 1 December in Beijing
    const first = await generate()
    // The stored summaries were computed in November: recomputed before the report.
    expect(first).toMatchObject({ refreshed: 6, reports: 3, done: true })
    expect(await generate()).toEqual({ refreshed: 0, reports: 0, done: true })
    const stored = (await env.cloud.db().collection(COLLECTIONS.monthlyReports.name).where({ monthKey: '2026-11' }).get()).data as { orgId: string }[]
    expect(stored.map((report) => report.orgId).sort()).toEqual(['org-cs', 'org-fl', 'org-university'])
    const messages = (await env.cloud.db().collection(COLLECTIONS.messages.name).where({ kind: 'report' }).get()).data as Message[]
    expect(messages.map((message) => [message.memberId, message.link]).sort()).toEqual(
      [
        [adminOf('org-cs')._id, 'admin/pages/report/index?id=org-cs_2026-11'],
        [adminOf('org-fl')._id, 'admin/pages/report/index?id=org-fl_2026-11'],
        [adminOf('org-university')._id, 'admin/pages/report/index?id=org-university_2026-11'],
      ].sort(),
    )
  })

  it('gives lights per branch, 达标率, what was missed in the month and the 学时 laggards', async () => {
    const report = await call<ReportView>(env.cloud, 'reports', 'detail', { id: 'org-university_2026-11' }, adminOf('org-university').openid!)
    expect(report).toMatchObject({ monthKey: '2026-11', monthLabel: '2026年11月', orgName: expect.any(String) })
    expect(report.branches).toHaveLength(6)
    expect(report.stats.branchCount).toBe(6)
    expect(report.stats.green + report.stats.amber + report.stats.red).toBe(6)
    expect(report.trend.at(-1)).toEqual({ monthKey: '2026-11', monthLabel: '2026年11月', qualifiedRate: report.stats.qualifiedRate })
    expect(report.missed.every((item) => item.title.startsWith('2026年11月') || item.title.includes('2026年'))).toBe(true)
    expect(report.rateChange).toBeNull()
    const cs = await call<ReportView>(env.cloud, 'reports', 'detail', { id: 'org-cs_2026-11' }, adminOf('org-cs').openid!)
    expect(cs.branches.every((row) => env.demo.orgs.find((org) => org._id === row.branchId)!.ancestorIds.includes('org-cs'))).toBe(true)
  })

  it('shows the trend against last month', async () => {
    clock = new Date('2026-12-31T23:00:00.000Z')
    let done = false
    while (!done) done = (await rebuildSummaries(env.cloud.contextFor(null), { budgetMs: 60_000 })).done
    await generate()
    const report = await call<ReportView>(env.cloud, 'reports', 'detail', { id: 'org-cs_2026-12' }, adminOf('org-cs').openid!)
    expect(report.trend.map((point) => point.monthKey)).toEqual(['2026-11', '2026-12'])
    expect(report.rateChange).not.toBeNull()
    const list = await call<{ reports: { id: string; stats: ReportView['stats'] }[] }>(env.cloud, 'reports', 'list', { orgId: 'org-cs' }, adminOf('org-cs').openid!)
    expect(list.reports.map((row) => row.id)).toEqual(['org-cs_2026-12', 'org-cs_2026-11'])
    // The dashboard's trend: each month's lights and 达标率 as the report stored them.
    expect(list.reports[0].stats).toEqual(report.stats)
  })

  it('is for the org’s admins only', async () => {
    expect(await refusal(env.cloud, 'reports', 'detail', { id: 'org-cs_2026-11' }, adminOf('org-fl').openid!)).toMatchObject({ code: 'FORBIDDEN' })
    expect(await refusal(env.cloud, 'reports', 'detail', { id: 'org-university_2026-11' }, adminOf('org-cs').openid!)).toMatchObject({ code: 'FORBIDDEN' })
    expect(await refusal(env.cloud, 'reports', 'list', {}, secretary().openid!)).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('downloads as xlsx and PDF in the 台账 style, made once and then reused', async () => {
    const admin = adminOf('org-cs').openid!
    const stored = async () =>
      ((await env.cloud.db().collection(COLLECTIONS.monthlyReports.name).doc('org-cs_2026-11').get()).data[0] as { files: Record<string, string> }).files
    const xlsx = await call<{ fileName: string; url: string }>(env.cloud, 'ledger', 'report', { reportId: 'org-cs_2026-11', format: 'xlsx' }, admin)
    expect(xlsx.fileName).toMatch(/2026年11月组织生活通报\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await env.cloud.storage.downloadFile((await stored()).xlsx)) as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['各支部情况', '未完成事项', '学时落后', '督办'])
    const branches = workbook.getWorksheet('各支部情况')!
    expect(String(branches.getCell(1, 1).value)).toContain('2026年11月组织生活通报')
    expect(branches.getRow(2).values).toEqual([undefined, '序号', '支部', '上级党组织', '状态', '得分', '等级', '本月未完成（项）', '学时落后（人）'])
    const first = (await stored()).xlsx
    await call(env.cloud, 'ledger', 'report', { reportId: 'org-cs_2026-11', format: 'xlsx' }, admin)
    expect((await stored()).xlsx).toBe(first)
    await call(env.cloud, 'ledger', 'report', { reportId: 'org-cs_2026-11', format: 'pdf' }, admin)
    const text = pdfText(await env.cloud.storage.downloadFile((await stored()).pdf))
    expect(text).toContain('2026年11月组织生活通报')
    expect(text).toContain('各支部情况')
    expect(await refusal(env.cloud, 'ledger', 'report', { reportId: 'org-cs_2026-11', format: 'pdf' }, adminOf('org-fl').openid!)).toMatchObject({ code: 'FORBIDDEN' })
  })
})
