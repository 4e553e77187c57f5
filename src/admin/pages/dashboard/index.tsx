import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import type { BranchOverviewRow, ComplianceOverview } from '../../../domain/contracts'
import type { OverviewStats } from '../../../domain/compliance/stats'
import { DIRECT_BRANCHES_LABEL } from '../../../domain/compliance/measures'
import { percentOf, TREND_MONTHS } from '../../../domain/reports/build'
import { AppButton } from '../../../components/button'
import { lightStatusClass, share } from '../../../components/compliance-format'
import { go } from '../../../components/navigation'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { useRemote } from '../../../components/use-remote'
import { fetchOverview } from '../../../services/compliance'
import { fetchReports } from '../../../services/reports'
import '../../../components/activity.css'
import '../../../components/compliance.css'
import './index.css'
import { PAGES } from '../../../routes'

const FILTERS = [
  { id: 'all', label: '全部' },
  { id: 'red', label: '红灯' },
  { id: 'amber', label: '黄灯' },
  { id: 'green', label: '绿灯' },
] as const
const SORTS = [
  { id: 'light', label: '按状态' },
  { id: 'score', label: '按得分' },
] as const
const LIGHT_RANK: Record<BranchOverviewRow['light'], number> = { red: 0, amber: 1, green: 2 }
const PAGE_SIZE = 20

/** Green, amber and red as one bar, each its share of the branches. */
function LightsBar({ stats }: { stats: OverviewStats }) {
  return (
    <View className='bar' aria-label={`绿灯 ${stats.green}，黄灯 ${stats.amber}，红灯 ${stats.red}`}>
      <View className='bar__fill bar__fill--green' style={{ width: share(stats.green, stats.branchCount) }} />
      <View className='bar__fill bar__fill--amber' style={{ width: share(stats.amber, stats.branchCount) }} />
      <View className='bar__fill bar__fill--red' style={{ width: share(stats.red, stats.branchCount) }} />
    </View>
  )
}

const byParent = (row: BranchOverviewRow) => row.parentName || DIRECT_BRANCHES_LABEL

/** Both in parallel; a refusal is the overview's (it names what the page is for), whichever answers first. */
async function loadDashboard(orgId: string | undefined) {
  const [overview, reports] = await Promise.allSettled([fetchOverview(orgId), fetchReports(orgId)])
  if (overview.status === 'rejected') throw overview.reason
  if (reports.status === 'rejected') throw reports.reason
  return { overview: overview.value, reports: reports.value }
}

function Measures({ overview }: { overview: ComplianceOverview }) {
  const { stats, measures, scopeName, year } = overview
  return (
    <View className='act-card'>
      <Text className='act-label'>
        {scopeName} · {year} 年 · {stats.branchCount} 个支部
      </Text>
      <View className='measure'>
        <View className='measure__head'>
          <Text className='measure__name'>达标率</Text>
          <Text className='measure__value'>{percentOf(stats.qualifiedRate)}</Text>
        </View>
        <View className='bar'>
          <View className='bar__fill' style={{ width: share(stats.qualifiedRate, 1) }} />
        </View>
        <Text className='measure__how'>{measures.qualifiedRate}</Text>
      </View>
      <View className='measure'>
        <View className='measure__head'>
          <Text className='measure__name'>灯</Text>
          <Text className='measure__value'>
            <Text className='status--done'>绿 {stats.green}</Text> · <Text className='status--due_soon'>黄 {stats.amber}</Text> ·{' '}
            <Text className='status--missed'>红 {stats.red}</Text>
          </Text>
        </View>
        <LightsBar stats={stats} />
        <Text className='measure__how'>{measures.lights}</Text>
      </View>
    </View>
  )
}

export default function DashboardPage() {
  const { params } = useRouter()
  const orgId = params.orgId
  const load = useCallback(() => loadDashboard(orgId), [orgId])
  const dashboard = useRemote(load)
  const [filter, setFilter] = useState<(typeof FILTERS)[number]['id']>('all')
  const [sort, setSort] = useState<(typeof SORTS)[number]['id']>('light')
  const [parent, setParent] = useState<string | null>(null)
  const [shown, setShown] = useState(PAGE_SIZE)
  const rows = useMemo(() => {
    if (dashboard.status !== 'ready') return []
    return dashboard.data.overview.branches
      .filter((row) => filter === 'all' || row.light === filter)
      .filter((row) => parent === null || byParent(row) === parent)
      .sort((a, b) => (sort === 'score' ? b.total - a.total : LIGHT_RANK[a.light] - LIGHT_RANK[b.light] || a.total - b.total))
  }, [dashboard, filter, sort, parent])
  if (dashboard.status === 'loading') return <LoadingView />
  if (dashboard.status === 'error') return <ErrorView error={dashboard.error} onRetry={dashboard.reload} />
  const { overview, reports } = dashboard.data
  const trend = reports.reports.slice(0, TREND_MONTHS).reverse()
  return (
    <View className='act-page'>
      <Measures overview={overview} />
      {overview.groups.length > 1 && (
        <View className='act-card'>
          <Text className='act-label'>各党总支（点一行只看其支部）</Text>
          {overview.groups.map((group) => (
            <View
              key={group.orgName}
              className={`rollup ${parent === group.orgName ? 'rollup--chosen' : ''}`}
              onClick={() => setParent((current) => (current === group.orgName ? null : group.orgName))}
            >
              <View className='rollup__head'>
                <Text className='rollup__name'>{group.orgName}</Text>
                <Text className='rollup__rate'>达标率 {percentOf(group.stats.qualifiedRate)}</Text>
              </View>
              <LightsBar stats={group.stats} />
              <Text className='act-row__sub'>
                {group.stats.branchCount} 个支部 · 绿 {group.stats.green} · 黄 {group.stats.amber} · 红 {group.stats.red}
              </Text>
            </View>
          ))}
        </View>
      )}
      <View className='act-card'>
        <Text className='act-label'>按月趋势（月度通报，月末统计）</Text>
        {trend.length === 0 && <Text className='act-row__sub'>还没有月度通报：每月 1 日生成上月的通报，趋势从那时起逐月累积。</Text>}
        {[...trend.map((report) => ({ key: report.id, label: report.monthLabel, stats: report.stats })), { key: 'now', label: '现在', stats: overview.stats }].map(
          (point) => (
            <View key={point.key} className='trend'>
              <Text className='trend__label'>{point.label}</Text>
              <View className='trend__bar'>
                <LightsBar stats={point.stats} />
              </View>
              <Text className='trend__rate'>{percentOf(point.stats.qualifiedRate)}</Text>
            </View>
          ),
        )}
        <Text className='act-row__sub'>条形为绿、黄、红灯支部占比，右侧为达标率</Text>
      </View>
      <View className='tabs'>
        {FILTERS.map((item) => (
          <Text key={item.id} className={`tabs__item ${filter === item.id ? 'tabs__item--active' : ''}`} onClick={() => setFilter(item.id)}>
            {item.label}
          </Text>
        ))}
      </View>
      <View className='tabs'>
        {SORTS.map((item) => (
          <Text key={item.id} className={`tabs__item ${sort === item.id ? 'tabs__item--active' : ''}`} onClick={() => setSort(item.id)}>
            {item.label}
          </Text>
        ))}
      </View>
      <View className='act-card'>
        {parent !== null && (
          <View className='act-row' onClick={() => setParent(null)}>
            <Text className='act-row__title'>只看：{parent}</Text>
            <Text className='act-row__sub'>全部党总支 ›</Text>
          </View>
        )}
        {rows.length === 0 && <Text className='act-empty'>没有符合条件的支部</Text>}
        {rows.slice(0, shown).map((row) => (
          <View key={row.branchId} className='act-row' onClick={() => go(`${PAGES.branchStatus}?branchId=${row.branchId}`)}>
            <View className={`light light--${row.light}`} />
            <View className='act-row__main'>
              <Text className='act-row__title'>{row.branchName}</Text>
              <Text className='act-row__sub'>
                {row.parentName ? `${row.parentName} · ` : ''}
                {row.total} 分 · {row.gradeLabel}
              </Text>
              {row.topReasons.map((reason) => (
                <Text key={reason} className='act-row__sub'>
                  · {reason}
                </Text>
              ))}
            </View>
            <View className='act-row__side'>
              <Text className={lightStatusClass(row.light)}>{row.lightLabel}</Text>
              {row.light !== 'green' && (
                <Text
                  className='tabs__item tabs__item--active'
                  onClick={(event) => {
                    event.stopPropagation()
                    go(`${PAGES.supervisions}?branchId=${row.branchId}`)
                  }}
                >
                  督办
                </Text>
              )}
            </View>
          </View>
        ))}
        {rows.length > shown && (
          <AppButton onClick={() => setShown((count) => count + PAGE_SIZE)}>加载更多（还有 {rows.length - shown} 个支部）</AppButton>
        )}
      </View>
    </View>
  )
}
