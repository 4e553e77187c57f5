import { Text, View } from '@tarojs/components'
import { AppButton } from './button'
import { go } from './navigation'

import { ATTENDANCE_STATE_LABELS } from '../domain/model'
import { listActivities } from '../services/activities'
import { formatSpan } from './activity-format'
import { ErrorView, LoadingView } from './status-view'
import { useReloadOnShow } from './page-refresh'
import { useRemote } from './use-remote'
import './activity.css'
import { PAGES } from '../routes'

const loadUpcoming = () => listActivities('upcoming')

/** 首页: upcoming activities of the member's branch (or group), 扫码签到, and the secretary's entries. */
export function UpcomingActivities({ branchId }: { branchId: string }) {
  const upcoming = useRemote(loadUpcoming)
  useReloadOnShow(upcoming.reload)
  return (
    <View className='act-card'>
      <View className='act-row'>
        <Text className='act-label'>近期活动</Text>
        <AppButton kind='primary' small onClick={() => go(PAGES.checkinScan)}>
          扫码签到
        </AppButton>
      </View>
      {upcoming.status === 'loading' && <LoadingView />}
      {upcoming.status === 'error' && <ErrorView error={upcoming.error} onRetry={upcoming.reload} />}
      {upcoming.status === 'ready' && (
        <>
          {upcoming.data.activities.length === 0 && <Text className='act-empty'>近期没有活动</Text>}
          {upcoming.data.activities.map((activity) => (
            <View key={activity.id} className='act-row' onClick={() => go(`${PAGES.activity}?id=${activity.id}`)}>
              <View className='act-row__main'>
                <Text className='act-row__title'>{activity.topic}</Text>
                <Text className='act-row__sub'>
                  {activity.typeLabels.join('、')} · {formatSpan(activity.startAt, activity.endAt)} · {activity.place}
                </Text>
              </View>
              {activity.myState && <Text className='act-badge'>{ATTENDANCE_STATE_LABELS[activity.myState]}</Text>}
            </View>
          ))}
          <View className='act-actions'>
            {upcoming.data.canManage && (
              <>
                <AppButton small onClick={() => go(`${PAGES.activityEdit}?branchId=${branchId}`)}>
                  发布活动
                </AppButton>
                <AppButton small onClick={() => go(PAGES.inbox)}>
                  待办审批
                </AppButton>
              </>
            )}
            <AppButton small onClick={() => go(PAGES.myRequests)}>
              我的请假/补学
            </AppButton>
          </View>
        </>
      )}
    </View>
  )
}
