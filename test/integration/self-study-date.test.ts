import { DEFAULT_RULESET } from '../../src/domain/ruleset'
import { studyDayStart } from '../../src/domain/study-hours'
import { wallClockOf } from '../../src/domain/time'
import { startSeededCloud, type TestCloud } from '../support/local-cloud'

/** 08:00 in Beijing (00:00 UTC): the morning a member files what they studied earlier today. */
const MORNING = new Date('2026-11-21T00:00:00.000Z')

describe('self-study filed for today in the morning', () => {
  let env: TestCloud
  beforeAll(async () => {
    env = await startSeededCloud({ now: () => MORNING })
  })
  afterAll(() => env.dispose())

  const member = () => env.demo.members.find((m) => m.active && m.openid && m.roles.length === 0 && m.adminOrgIds.length === 0)!
  const file = (studiedAt: Date) =>
    env.cloud.invoke('compliance', { action: 'submitSelfStudy', payload: { title: '学习强国专题学习', hours: 1, studiedAt: studiedAt.toISOString(), proofFileId: null } }, member().openid!)
  const today = wallClockOf(MORNING, DEFAULT_RULESET.timeZone).format('YYYY-MM-DD')

  it('is accepted at 08:00 for the day the member picks, as the form sends it', async () => {
    expect(today).toBe('2026-11-21')
    expect(studyDayStart(today, DEFAULT_RULESET.timeZone).toISOString()).toBe('2026-11-20T16:00:00.000Z')
    expect(await file(studyDayStart(today, DEFAULT_RULESET.timeZone))).toMatchObject({ ok: true, data: { status: 'pending' } })
  })

  it('is accepted at 08:00 even when a phone sends noon of today', async () => {
    expect(await file(new Date('2026-11-21T04:00:00.000Z'))).toMatchObject({ ok: true })
  })

  it('still refuses tomorrow', async () => {
    expect(await file(studyDayStart('2026-11-22', DEFAULT_RULESET.timeZone))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '学习日期不能晚于今天', fields: { studiedAt: '学习日期不能晚于今天' } },
    })
  })
})
