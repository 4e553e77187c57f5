import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { formatInstantWithYear, formatSpan, STATUS_LABELS } from '../../components/activity-format'
import { AppButton } from '../../components/button'
import { go, useTabBadges } from '../../components/navigation'
import { usePullToRefresh, useReloadOnShow } from '../../components/page-refresh'
import { EmptyView, ErrorView, LoadingView } from '../../components/status-view'
import { useRemote } from '../../components/use-remote'
import { ATTENDANCE_STATE_LABELS } from '../../domain/model'
import { listActivities, type ActivityListResult } from '../../services/activities'
import { PAGES } from '../../routes'
import '../../components/activity.css'

const PAGE_SIZE = 20
const WHEN = [
  { key: 'upcoming', label: '近期' },
  { key: 'recent', label: '已举行' },
] as const

/** The 活动 tab: the branch's coming activities and those already held, page by page (加载更多). */
export default function ActivitiesPage() {
  const [when, setWhen] = useState<'upcoming' | 'recent'>('upcoming')
  const [pages, setPages] = useState(1)
  // A reload asks again for every page shown, so what is on screen and its place stay.
  const load = useCallback(async (): Promise<ActivityListResult> => {
    const shown: ActivityListResult = { activities: [], canManage: false, hasMore: true }
    for (let page = 0; page < pages && shown.hasMore; page++) {
      const next = await listActivities(when, page * PAGE_SIZE, PAGE_SIZE)
      shown.activities.push(...next.activities)
      shown.canManage = next.canManage
      shown.hasMore = next.hasMore
    }
    return shown
  }, [when, pages])
  const list = useRemote<ActivityListResult>(load)
  useReloadOnShow(list.reload)
  useTabBadges()
  usePullToRefresh(list.reload)
  const choose = (next: 'upcoming' | 'recent') => {
    setWhen(next)
    setPages(1)
  }
  return (
    <View className='act-page'>
      <View className='act-tags'>
        {WHEN.map((choice) => (
          <Text key={choice.key} className={`act-tag ${when === choice.key ? '' : 'act-tag--off'}`} onClick={() => choose(choice.key)}>
            {choice.label}
          </Text>
        ))}
      </View>
      {list.status === 'loading' && <LoadingView />}
      {list.status === 'error' && <ErrorView error={list.error} onRetry={list.reload} />}
      {list.status === 'ready' && (
        <View className='act-card'>
          {list.data.activities.length === 0 && <EmptyView text={when === 'upcoming' ? '近期没有活动' : '还没有举行过的活动'} />}
          {list.data.activities.map((activity) => (
            <View key={activity.id} className='act-row' onClick={() => go(`${PAGES.activity}?id=${activity.id}`)}>
              <View className='act-row__main'>
                <Text className='act-row__title'>{activity.topic}</Text>
                <Text className='act-row__sub'>
                  {activity.typeLabels.join('、')} · {when === 'upcoming' ? formatSpan(activity.startAt, activity.endAt) : formatInstantWithYear(activity.startAt)} ·{' '}
                  {activity.place}
                </Text>
              </View>
              <Text className={`act-badge ${activity.status === 'cancelled' ? 'act-badge--bad' : ''}`}>
                {activity.myState ? ATTENDANCE_STATE_LABELS[activity.myState] : STATUS_LABELS[activity.status]}
              </Text>
            </View>
          ))}
          {list.data.hasMore && (
            <AppButton small loading={list.refreshing} onClick={() => setPages((count) => count + 1)}>
              加载更多
            </AppButton>
          )}
        </View>
      )}
    </View>
  )
}
