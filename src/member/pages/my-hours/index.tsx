import { Text, View } from '@tarojs/components'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { usePullToRefresh } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import { formatDate, share } from '../../../components/compliance-format'
import { fetchMyHours } from '../../../services/compliance'
import { SelfStudyForm } from '../../../components/self-study-form'
import '../../../components/activity.css'
import '../../../components/compliance.css'

const STUDY_STATUS_LABELS: Record<string, string> = { approved: '已认定', pending: '待审核', rejected: '未通过' }

export default function MyHoursPage() {
  const hours = useRemote(fetchMyHours)
  usePullToRefresh(hours.reload)
  if (hours.status === 'loading') return <LoadingView />
  if (hours.status === 'error') return <ErrorView error={hours.error} onRetry={hours.reload} />
  const data = hours.data
  const quarterMax = Math.max(...data.quarters.map((quarter) => quarter.hours), 1)
  return (
    <View className='act-page'>
      <View className='act-card'>
        <Text className='act-label'>{data.year} 年学时进度</Text>
        <Text className='act-title'>
          {data.totalHours} / {data.target} 学时
        </Text>
        <View className='bar'>
          <View className='bar__fill' style={{ width: share(data.totalHours, data.target) }} />
        </View>
        <Text className={`act-meta ${data.pace.status === 'behind' ? 'status--missed' : 'status--done'}`}>
          {data.pace.label}
          {data.pace.status === 'behind' ? `：按进度此时应达到 ${data.pace.expectedByNow} 学时，请及时参加学习` : ''}
        </Text>
        <Text className='act-meta'>
          组织生活 {data.activityHours} 学时 · 自学 {data.selfStudyHours} 学时
        </Text>
      </View>
      <View className='act-card'>
        <Text className='act-label'>按季度</Text>
        {data.quarters.map((quarter) => (
          <View key={quarter.label} className='act-row'>
            <View className='act-row__main'>
              <Text className='act-row__sub'>{quarter.label}</Text>
              <View className='bar'>
                <View className='bar__fill' style={{ width: share(quarter.hours, quarterMax) }} />
              </View>
            </View>
            <Text>{quarter.hours} 学时</Text>
          </View>
        ))}
      </View>
      <View className='act-card'>
        <Text className='act-label'>计入学时的活动（{data.credited.length}）</Text>
        {data.credited.length === 0 && <Text className='act-empty'>今年还没有计入学时的活动</Text>}
        {data.credited.map((activity) => (
          <View key={activity.activityId} className='act-row'>
            <View className='act-row__main'>
              <Text className='act-row__title'>{activity.topic}</Text>
              <Text className='act-row__sub'>{formatDate(activity.startAt)}</Text>
            </View>
            <Text>{activity.hours} 学时</Text>
          </View>
        ))}
      </View>
      <View className='act-card'>
        <Text className='act-label'>申报自学学时</Text>
        <SelfStudyForm memberId={data.memberId} onFiled={hours.reload} />
      </View>
      <View className='act-card'>
        <Text className='act-label'>自学申报（{data.selfStudy.length}）</Text>
        {data.selfStudy.length === 0 && <Text className='act-empty'>今年还没有自学申报</Text>}
        {data.selfStudy.map((record) => (
          <View key={record.id} className='act-row'>
            <View className='act-row__main'>
              <Text className='act-row__title'>{record.title}</Text>
              <Text className='act-row__sub'>
                {formatDate(record.studiedAt)} · {STUDY_STATUS_LABELS[record.status] ?? record.status}
              </Text>
            </View>
            <Text>{record.hours} 学时</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
