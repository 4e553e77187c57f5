import { COLLECTIONS } from '../../../src/domain/collections'
import { startSeededCloud, type TestCloud } from '../../support/local-cloud'
import { BRANCH_A, fixtures, type Fixtures } from '../members/fixtures'

jest.setTimeout(30_000)

/** members.claim told a bound name+工号 (CONFLICT) from an unknown one (NOT_FOUND), as fast as it was asked. */
describe('claims do not tell a stranger who is a Party member', () => {
  let env: TestCloud
  let f: Fixtures
  const claim = (payload: unknown, openid: string) => env.cloud.invoke('members', { action: 'claim', payload }, openid)

  beforeAll(async () => {
    env = await startSeededCloud()
    f = fixtures(env)
  })
  afterAll(() => env.dispose())

  it('answers a bound entry, a wrong name and an unknown number the same way', async () => {
    const bound = f.plainMemberOf(BRANCH_A)
    const answers = await Promise.all([
      claim({ method: 'number', name: bound.name, number: bound.number }, 'wx-curious-1'),
      claim({ method: 'number', name: '不是他', number: bound.number }, 'wx-curious-2'),
      claim({ method: 'number', name: bound.name, number: 'Z9999999' }, 'wx-curious-3'),
    ])
    expect(answers[0].ok).toBe(false)
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
  })

  it('answers an entry someone else already claimed like an unknown one', async () => {
    const target = await f.freshMember(BRANCH_A)
    expect((await claim({ method: 'number', name: target.name, number: target.number }, 'wx-first-claimer')).ok).toBe(true)
    const second = await claim({ method: 'number', name: target.name, number: target.number }, 'wx-second-claimer')
    const unknown = await claim({ method: 'number', name: target.name, number: 'Z8888888' }, 'wx-third-claimer')
    expect(second).toEqual(unknown)
  })

  it('stops one WeChat identity after a handful of attempts, however fast they come', async () => {
    const guesses = Array.from({ length: 40 }, (_, index) => ({ method: 'number', name: '张三', number: `G${String(index).padStart(6, '0')}` }))
    const answers = await Promise.all(guesses.map((guess) => claim(guess, 'wx-guesser')))
    const limited = answers.filter((answer) => !answer.ok && answer.error.code === 'RATE_LIMITED')
    expect(limited.length).toBeGreaterThanOrEqual(35)
    expect(limited[0]).toMatchObject({ ok: false, error: { message: expect.stringContaining('后再试') } })
    // Another identity is not held up, and nothing was written for the guesses.
    expect((await claim({ method: 'number', name: '张三', number: 'G999999' }, 'wx-someone-else')).ok).toBe(false)
    expect(await f.count(COLLECTIONS.bindRequests.name, { openid: 'wx-guesser' })).toBe(0)
  })
})
