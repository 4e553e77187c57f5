import { refreshBranchSummary } from '../../../cloudfunctions/_shared/summaries'
import { COLLECTIONS } from '../../../src/domain/collections'
import type { SupervisionView } from '../../../src/domain/contracts'
import type { Message } from '../../../src/domain/messages'
import { TEST_NOW } from '../../support/local-cloud'
import { castOf, type Cast, type CallerKind } from '../authorization/cast'
import { BRANCH_A } from '../members/fixtures'

jest.setTimeout(60_000)

describe('督办: from the 党总支 to a red or amber branch, answered, resolved when the requirement is met', () => {
  let cast: Cast
  let targetKey: string
  let sent: SupervisionView
  const invoke = async (action: string, payload: unknown, who: CallerKind) => cast.invoke('supervision', action, payload, who)
  const ok = async <T = SupervisionView>(action: string, payload: unknown, who: CallerKind): Promise<T> => {
    const result = await invoke(action, payload, who)
    if (!result.ok) throw new Error(`${action} by ${who}: ${result.error.code} ${result.error.message}`)
    return result.data as T
  }
  const refused = async (action: string, payload: unknown, who: CallerKind) => {
    const result = await invoke(action, payload, who)
    return result.ok ? 'ok' : result.error.code
  }
  const messagesOf = async (who: CallerKind) =>
    (await cast.env.cloud.db().collection(COLLECTIONS.messages.name).where({ memberId: cast.people[who as keyof Cast['people']]._id, kind: 'supervision' }).get())
      .data as Message[]

  beforeAll(async () => {
    cast = await castOf()
    targetKey = await cast.freshTarget()
  })
  afterAll(() => cast.dispose())

  it('lets the 总支 admin send one with a note; the secretary gets it in the 消息 center', async () => {
    const targets = await ok<{ light: string; options: { key: string; openSupervisionId: string | null }[] }>('targets', { branchId: BRANCH_A }, 'gbAdmin')
    expect(targets.light).toBe('amber')
    expect(targets.options.find((option) => option.key === targetKey)).toMatchObject({ openSupervisionId: null })
    sent = await ok('send', { branchId: BRANCH_A, targetKey, note: '请于本周内补齐照片和会议记录' }, 'gbAdmin')
    expect(sent).toMatchObject({ state: 'sent', stateLabel: '已发送', fromOrgName: '计算机学院党总支', canAnswer: false })
    const [message] = await messagesOf('secretary')
    expect(message).toMatchObject({ title: expect.stringContaining('督办'), link: `secretary/pages/supervision/index?id=${sent.id}` })
    expect(await refused('send', { branchId: BRANCH_A, targetKey, note: '再督办一次' }, 'pcAdmin')).toBe('CONFLICT')
  })

  it('refuses an admin of another 党总支, a plain member and a secretary of another branch', async () => {
    expect(await refused('send', { branchId: BRANCH_A, targetKey, note: '越权督办' }, 'otherGbAdmin')).toBe('FORBIDDEN')
    expect(await refused('targets', { branchId: BRANCH_A }, 'secretary')).toBe('FORBIDDEN')
    for (const who of ['member', 'otherSecretary', 'siblingSecretary', 'otherGbAdmin'] as const) {
      expect(await refused('detail', { id: sent.id }, who)).toBe('FORBIDDEN')
      expect(await refused('answer', { id: sent.id, activityId: null, reply: '越权回复' }, who)).toBe('FORBIDDEN')
      expect(await refused('forBranch', { branchId: BRANCH_A }, who)).toBe('FORBIDDEN')
    }
    expect(await refused('forOrg', { orgId: 'org-cs' }, 'otherGbAdmin')).toBe('FORBIDDEN')
    // The sender follows it but does not answer for the branch.
    expect(await refused('answer', { id: sent.id, activityId: null, reply: '代为回复' }, 'gbAdmin')).toBe('FORBIDDEN')
  })

  it('turns 已查看 when the secretary opens it (not when the admin does), 已安排 when answered', async () => {
    expect(await ok('detail', { id: sent.id }, 'gbAdmin')).toMatchObject({ state: 'sent' })
    expect(await ok('detail', { id: sent.id }, 'secretary')).toMatchObject({ state: 'viewed', stateLabel: '已查看', canAnswer: true })
    const answered = await ok('answer', { id: sent.id, activityId: null, reply: '周五前补齐' }, 'secretary')
    expect(answered).toMatchObject({ state: 'arranged', stateLabel: '已安排', answer: { reply: '周五前补齐', activityId: null } })
    expect((await messagesOf('gbAdmin')).map((message) => message.title)).toEqual(['督办已安排：计算机学院教工党支部'])
  })

  it('is 已解决 once what it is about is met, tells the sender once, and stays on the branch record', async () => {
    const activityId = targetKey.split('|')[2]
    await cast.evidenceOn(activityId)
    await cast.invoke('evidence', 'addMinutesText', { activityId, text: '会议记录：学习党章，讨论发展对象。' }, 'secretary')
    await refreshBranchSummary(cast.env.cloud.contextFor(null), BRANCH_A, TEST_NOW.getUTCFullYear())
    const { items } = await ok<{ items: SupervisionView[] }>('forOrg', { orgId: 'org-cs' }, 'gbAdmin')
    expect(items.find((item) => item.id === sent.id)).toMatchObject({ state: 'resolved', stateLabel: '已解决' })
    await ok('detail', { id: sent.id }, 'gbAdmin')
    expect((await messagesOf('gbAdmin')).map((message) => message.title).sort()).toEqual(['督办已安排：计算机学院教工党支部', '督办已解决：计算机学院教工党支部'])
    expect(await refused('answer', { id: sent.id, activityId: null, reply: '再回复' }, 'secretary')).toBe('CONFLICT')
    const record = await ok<{ items: SupervisionView[] }>('forBranch', { branchId: BRANCH_A }, 'secretary')
    expect(record.items.map((item) => [item.id, item.state])).toContainEqual([sent.id, 'resolved'])
  })
})
