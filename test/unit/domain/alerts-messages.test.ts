import { DEFAULT_ALERT_SCHEDULE, dueStages, stageFor, termStages } from '../../../src/domain/alerts'
import { linkTo, templateFields } from '../../../src/domain/messages'
import { DEFAULT_RULESET } from '../../../src/domain/ruleset'

describe('alert steps', () => {
  it('warns when a requirement turns 临期 (the ruleset’s dueSoonDays) and again 3 days before', () => {
    expect(dueStages(DEFAULT_RULESET, DEFAULT_ALERT_SCHEDULE)).toEqual([DEFAULT_RULESET.dueSoonDays, 3])
  })

  it('answers the step due now, never an earlier one after a missed day, and none before the first', () => {
    const stages = [7, 3]
    expect([9, 8, 7, 5, 4, 3, 1, 0].map((days) => stageFor(days, stages))).toEqual([null, null, 7, 7, 7, 3, 3, 3])
  })

  it('warns of the 换届 with the setup check, a month before and on the day', () => {
    expect(termStages(DEFAULT_RULESET, DEFAULT_ALERT_SCHEDULE)).toEqual([DEFAULT_RULESET.branchSetup.termExpiryWarningDays, 30, 0])
  })
})

describe('subscribe-message fields', () => {
  it('shortens a thing to WeChat’s 20 characters and keeps time as given', () => {
    const fields = templateFields('alert', ['一二三四五六七八九十一二三四五六七八九十一二', '  请   尽快 ', '2026年11月24日 09:00'])
    expect(fields).toEqual({ thing1: '一二三四五六七八九十一二三四五六七八九…', thing2: '请 尽快', time3: '2026年11月24日 09:00' })
    expect([...fields.thing1]).toHaveLength(20)
  })

  it('refuses a phrase WeChat would refuse and a wrong number of values', () => {
    expect(() => templateFields('result', ['请假', 'approved', '无', '2026年11月24日 09:00'])).toThrow(/phrase2/)
    expect(() => templateFields('report', ['通报'])).toThrow(/3 fields/)
  })

  it('links to a page with its query encoded', () => {
    expect(linkTo('evidence', { activityId: 'a 1' })).toBe('member/pages/evidence/index?activityId=a%201')
    expect(linkTo('messages')).toBe('member/pages/messages/index')
  })
})
