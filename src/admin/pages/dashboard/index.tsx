import { Button, Text, View } from '@tarojs/components'
import { go } from '../../../components/navigation'
import { useRouter } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import type { BranchOverviewRow } from '../../../domain/contracts'
import { lightStatusClass, share } from '../../../components/compliance-format'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { useRemote } from '../../../components/use-remote'
import { fetchOverview } from '../../../services/compliance'
import '../../../components/activity.css'
import '../../../components/compliance.css'
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

export default function DashboardPage() {
  const { params } = useRouter()
  const orgId = params.orgId
  const load = useCallback(() => fetchOverview(orgId), [orgId])
  const overview = useRemote(load)
  const [filter, setFilter] = useState<(typeof FILTERS)[number]['id']>('all')
  const [sort, setSort] = useState<(typeof SORTS)[number]['id']>('light')
  const [shown, setShown] = useState(PAGE_SIZE)
  const rows = useMemo(() => {
    if (overview.status !== 'ready') return []
    return overview.data.branches
      .filter((row) => filter === 'all' || row.light === filter)
      .sort((a, b) =>
        sort === 'score' ? b.total - a.total : LIGHT_RANK[a.light] - LIGHT_RANK[b.light] || a.total - b.total,
      )
  }, [overview, filter, sort])
  if (overview.status === 'loading') return <LoadingView />
  if (overview.status === 'error') return <ErrorView error={overview.error} onRetry={overview.reload} />
  const { stats, scopeName, year } = overview.data
  return (
    <View className='act-page'>
      <View className='act-card'>
        <Text className='act-label'>
          {scopeName} · {year} 年
        </Text>
        <View className='stat-grid'>
          <View className='stat'>
            <Text className='stat__value'>{stats.branchCount}</Text>
            <Text className='stat__label'>支部</Text>
          </View>
          <View className='stat'>
            <Text className='stat__value'>{Math.round(stats.qualifiedRate * 100)}%</Text>
            <Text className='stat__label'>达标率</Text>
          </View>
          <View className='stat'>
            <Text className='stat__value status--missed'>{stats.red}</Text>
            <Text className='stat__label'>红灯</Text>
          </View>
        </View>
        <View className='bar' aria-label={`绿灯 ${stats.green}，黄灯 ${stats.amber}，红灯 ${stats.red}`}>
          <View className='bar__fill bar__fill--green' style={{ width: share(stats.green, stats.branchCount) }} />
          <View className='bar__fill bar__fill--amber' style={{ width: share(stats.amber, stats.branchCount) }} />
          <View className='bar__fill bar__fill--red' style={{ width: share(stats.red, stats.branchCount) }} />
        </View>
        <Text className='act-meta'>
          绿灯 {stats.green} · 黄灯 {stats.amber} · 红灯 {stats.red}
        </Text>
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
        {rows.length === 0 && <Text className='act-empty'>没有符合条件的支部</Text>}
        {rows.slice(0, shown).map((row) => (
          <View
            key={row.branchId}
            className='act-row'
            onClick={() => go(`${PAGES.branchStatus}?branchId=${row.branchId}`)}
          >
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
          <Button className='act-button' onClick={() => setShown((count) => count + PAGE_SIZE)}>
            加载更多（还有 {rows.length - shown} 个支部）
          </Button>
        )}
      </View>
    </View>
  )
}
