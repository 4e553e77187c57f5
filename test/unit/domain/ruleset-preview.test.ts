import { previewSentence, type BranchPreview } from '../../../src/domain/ruleset/preview'

const change = (branchId: string, before: BranchPreview['before'], after: BranchPreview['after']): BranchPreview => ({
  branchId,
  branchName: branchId,
  before,
  after,
})

describe('previewSentence: what the admin reads before saving new rules', () => {
  it('counts the branches whose light changes and those that stop or start being 达标', () => {
    const changes = [
      change('a', { light: 'green', qualified: true }, { light: 'red', qualified: false }),
      change('b', { light: 'amber', qualified: true }, { light: 'red', qualified: true }),
      change('c', { light: 'green', qualified: false }, { light: 'amber', qualified: true }),
    ]
    expect(previewSentence(changes, { periodLabel: '2026年', evaluated: 6 })).toBe(
      '按新规则，2026年将有 2 个支部变为红灯、1 个支部变为黄灯，1 个支部不再达标、1 个支部变为达标（已评估 6 个支部）',
    )
  })

  it('says so when nothing changes', () => {
    expect(previewSentence([], { periodLabel: '2026年秋季学期', evaluated: 300 })).toBe(
      '按新规则，2026年秋季学期各支部的红黄绿灯和达标情况都不变（已评估 300 个支部）',
    )
  })
})
