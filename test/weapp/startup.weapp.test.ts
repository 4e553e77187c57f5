import { branchCast } from '../support/local-cloud'
import { startWeappJourney, type WeappJourney } from './journey'

// Issue 13's budget. Taro's runtime, React's reconciler and zod are about 320 KB of it; main-package code
// the home page does not run goes into later-common (config/index.ts) and does not count here.
const START_UP_CODE_LIMIT_BYTES = 400 * 1024
const START_UP_ROUND_TRIPS = 2

/** The member's cold start (issue 13's budget): measured in the host on the built mini program. */
describe('weapp: a member’s cold start to the home page', () => {
  let journey: WeappJourney
  beforeAll(async () => {
    journey = await startWeappJourney()
  })
  afterAll(() => journey?.close())

  it('runs at most 400 KB of code, downloads only the main package and shows the member’s data after at most 2 cloud round trips', async () => {
    const member = branchCast(journey.env.demo, 'org-cs-teacher').plainMembers[0]
    const phone = await journey.phone(member.openid!)
    const mark = phone.page.firstMeaningfulRender
    expect(mark).not.toBeNull()
    expect(mark!.evaluatedBytes).toBeLessThanOrEqual(START_UP_CODE_LIMIT_BYTES)
    expect(mark!.cloudRounds).toBeLessThanOrEqual(START_UP_ROUND_TRIPS)
    expect(phone.downloads.filter((download) => download.reason !== 'preload').map((download) => download.packageName)).toEqual(['__APP__'])
    expect(phone.sandbox.loaded.map((file) => file.packageName)).not.toContain('secretary')
    expect(phone.page.find('.home__name').text).toBe(member.name)
    expect(phone.page.text()).toContain('近期活动')
  })
})
