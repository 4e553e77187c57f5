import { DIRECT_BRANCHES_LABEL, measureExplanations, rollupByParent } from '../../../src/domain/compliance/measures'
import { DEFAULT_RULESET, resolveRuleset } from '../../../src/domain/ruleset'

describe('the dashboard’s two measures', () => {
  it('explain themselves from the rules in force: the 达标 line and the due-soon days', () => {
    expect(measureExplanations(DEFAULT_RULESET)).toEqual({
      qualifiedRate: '达标率看全年质量：达标测评表得分 80 分（达标）及以上的支部占全部支部的比例，人工评分项未评时按 0 分计',
      lights: '灯看时效：有要求过期未完成为红灯；有要求临期（周期结束前 7 天内）或活动待补痕迹为黄灯；其余为绿灯',
    })
    const stricter = resolveRuleset({ dueSoonDays: 14, scoring: { gradeThresholds: { qualified: 85 } } })
    expect(measureExplanations(stricter).qualifiedRate).toContain('得分 85 分')
    expect(measureExplanations(stricter).lights).toContain('周期结束前 14 天内')
  })

  it('roll branches up per 党总支, with the committee’s own branches under one name', () => {
    const rollup = rollupByParent([
      { parentName: '计算机学院党委', light: 'green', qualified: true },
      { parentName: '计算机学院党委', light: 'red', qualified: true },
      { parentName: '外国语学院党总支', light: 'amber', qualified: false },
      { parentName: '', light: 'green', qualified: false },
    ])
    expect(rollup).toEqual([
      { orgName: '计算机学院党委', stats: { branchCount: 2, green: 1, amber: 0, red: 1, qualifiedRate: 1 } },
      { orgName: '外国语学院党总支', stats: { branchCount: 1, green: 0, amber: 1, red: 0, qualifiedRate: 0 } },
      { orgName: DIRECT_BRANCHES_LABEL, stats: { branchCount: 1, green: 1, amber: 0, red: 0, qualifiedRate: 0 } },
    ])
  })
})
