import type { Db } from '@cloudbase/database'
import { COLLECTIONS } from '../../../src/domain/collections'
import type { Evidence, Reminder } from '../../../src/domain/model'
import { startSeededCloud, TEST_NOW, type TestCloud } from '../../support/local-cloud'
import { helpers, jpegBytes } from '../evidence/helpers'

jest.setTimeout(30_000)

/**
 * The production entry points (`index.ts` → `main`) with WeChat's context stubbed: what
 * `getWXContext()` says decides whether an invocation is the platform's. A client once could
 * send `{ Type: 'Timer' }` to run the reminders timer, start a full rebuild through
 * compliance-timer, or post a content-check result.
 */
const mockPlatform: { db: Db | null; wx: { OPENID?: string; SOURCE?: string }; sent: unknown[] } = { db: null, wx: {}, sent: [] }

jest.mock('wx-server-sdk', () => ({
  __esModule: true,
  default: {
    init: () => undefined,
    DYNAMIC_CURRENT_ENV: 'current-env',
    getWXContext: () => mockPlatform.wx,
    getTempFileURL: async ({ fileList }: { fileList: string[] }) => ({ fileList: fileList.map((fileID) => ({ fileID, tempFileURL: 'https://tmp/x' })) }),
    openapi: { subscribeMessage: { send: async (message: unknown) => void mockPlatform.sent.push(message) } },
  },
}))
jest.mock('@cloudbase/node-sdk', () => ({
  __esModule: true,
  default: { SYMBOL_CURRENT_ENV: 'current-env', init: () => ({ database: () => mockPlatform.db }) },
}))

type Main = (event: unknown) => Promise<{ ok: boolean; error?: { code: string } }>

describe('timer and push entry points answer only the platform', () => {
  let env: TestCloud
  let mains: { reminders: Main; complianceTimer: Main; evidence: Main }
  const asClient = { OPENID: 'wx-curious-client', SOURCE: 'wx_client' }

  beforeAll(async () => {
    env = await startSeededCloud()
    mockPlatform.db = env.cloud.db()
    mains = {
      reminders: (await import('../../../cloudfunctions/reminders/index')).main as Main,
      complianceTimer: (await import('../../../cloudfunctions/compliance-timer/index')).main as Main,
      evidence: (await import('../../../cloudfunctions/evidence/index')).main as Main,
    }
  })
  afterAll(() => env.dispose())

  it('reminders: a client sending { Type: "Timer" } sends nothing; the timer trigger does', async () => {
    const reminder: Reminder = {
      _id: 'r-platform-test', activityId: 'act-missing', memberId: 'm', openid: 'wx-m', templateId: 't',
      startAt: TEST_NOW, status: 'pending', createdAt: TEST_NOW, sentAt: null, error: null,
    }
    await env.cloud.db().collection(COLLECTIONS.reminders.name).add(reminder)
    const status = async () => ((await env.cloud.db().collection(COLLECTIONS.reminders.name).doc(reminder._id).get()).data[0] as Reminder).status
    mockPlatform.wx = asClient
    expect((await mains.reminders({ Type: 'Timer', TriggerName: 'activityReminders' })).ok).toBe(false)
    expect((await mains.reminders({ action: 'sendDue', payload: {} })).error?.code).toBe('FORBIDDEN')
    expect(await status()).toBe('pending')
    mockPlatform.wx = { SOURCE: 'wx_trigger' }
    expect((await mains.reminders({ Type: 'Timer', TriggerName: 'activityReminders' })).ok).toBe(true)
    expect(await status()).not.toBe('pending')
  })

  it('compliance-timer: a client call is refused and starts no rebuild', async () => {
    const jobs = async () => (await env.cloud.db().collection(COLLECTIONS.jobs.name).where({}).get()).data
    const before = await jobs()
    mockPlatform.wx = asClient
    expect(await mains.complianceTimer({})).toMatchObject({ ok: false })
    expect(await mains.complianceTimer({ action: 'rebuild', payload: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await jobs()).toEqual(before)
  })

  it('evidence: a client cannot post a content-check result, dressed up as the push or as the action', async () => {
    const h = helpers(env)
    const activityId = 'act-cs-teacher-202611-theme'
    env.cloud.contentSecurity.answerNext('image', 'pending')
    const added = await h.invoke('addPhoto', { activityId, fileId: await h.upload(activityId, jpegBytes()) }, h.secretary)
    const id = (added as { data: { id: string } }).data.id
    const stored = async () => (await h.db.collection(COLLECTIONS.evidence.name).doc(id).get()).data[0] as Evidence
    const { traceId } = await stored()
    mockPlatform.wx = asClient
    expect((await mains.evidence({ Event: 'wxa_media_check', trace_id: traceId, result: { suggest: 'pass' } })).ok).toBe(false)
    expect((await mains.evidence({ action: 'mediaCheckResult', payload: { traceId, suggest: 'pass' } })).error?.code).toBe('FORBIDDEN')
    expect((await stored()).review).toBe('pending')
    mockPlatform.wx = { SOURCE: 'wx_unknown' }
    expect(await mains.evidence({ Event: 'wxa_media_check', trace_id: traceId, result: { suggest: 'pass' } })).toEqual({ ok: true, data: { updated: 1 } })
    expect((await stored()).review).toBe('pass')
  })
})
