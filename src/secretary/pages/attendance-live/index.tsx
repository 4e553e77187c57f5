import { Input, Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { formatInstant, percent } from '../../../components/activity-format'
import { confirm, runAction } from '../../../components/confirm'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { usePullToRefresh } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import { useSubscriptions } from '../../../components/use-subscriptions'
import { closeActivity, fetchLive } from '../../../services/activities'
import { manualSignIn } from '../../../services/checkin'
import '../../../components/activity.css'

const POLL_MS = 5000

/** 签到情况: live lists and counts, manual sign-in, closing the activity. */
export default function AttendanceLivePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const load = useCallback(() => fetchLive(id), [id])
  const live = useRemote(load)
  usePullToRefresh(live.reload)
  const askSubscriptions = useSubscriptions()
  const [search, setSearch] = useState('')
  const { reload } = live
  const scheduled = live.status === 'ready' && live.data.activity.status === 'scheduled'

  useEffect(() => {
    if (!scheduled) return
    const timer = setInterval(reload, POLL_MS)
    return () => clearInterval(timer)
  }, [scheduled, reload])

  if (live.status === 'loading') return <LoadingView />
  if (live.status === 'error') return <ErrorView error={live.error} onRetry={reload} />
  const { activity, counts, rate, quorum } = live.data

  const manual = async (memberId: string, name: string) => {
    if (!(await confirm({ title: '代签到', content: `确认 ${name} 已到会？`, confirmText: '代签到' }))) return
    if (await runAction(() => manualSignIn(id, memberId), '已签到')) reload()
  }
  const close = async () => {
    // After closing, 痕迹 are due within a day: ask for the 预警 and 督办 pushes from this tap (not after the confirm dialog, which loses the gesture).
    await askSubscriptions('manage')
    const absent = counts.unrecorded
    const text = `结束后签到关闭${absent > 0 ? `，尚未签到的 ${absent} 人将记为缺席` : ''}，到会人员计入 ${activity.creditHours} 学时。确定结束吗？`
    if (!(await confirm({ title: '结束活动', content: text, confirmText: '结束活动', cancelText: '暂不结束' }))) return
    if (await runAction(() => closeActivity(id), '活动已结束')) reload()
  }

  type Person = { memberId: string; name: string; signedInAt?: string | null; madeUp?: boolean }
  const section = (title: string, people: Person[], withManual = false) => {
    const query = withManual ? search.trim() : ''
    const listed = query ? people.filter((person) => person.name.includes(query)) : people
    return (
      <View className='act-card'>
        <Text className='act-label'>
          {title}（{people.length}）
        </Text>
        {withManual && scheduled && people.length > 0 && (
          <Input
            className='act-input'
            value={search}
            placeholder='搜索姓名，为其代签到'
            confirmType='search'
            onInput={(event) => setSearch(event.detail.value)}
          />
        )}
        {listed.length === 0 && <Text className='act-empty'>{query ? '没有找到此人' : '无'}</Text>}
        {listed.map((person) => (
          <View key={person.memberId} className='act-row'>
            <View className='act-row__main'>
              <Text className='act-row__title'>{person.name}</Text>
              {person.signedInAt && <Text className='act-row__sub'>{formatInstant(person.signedInAt)}</Text>}
              {person.madeUp && <Text className='act-row__sub'>已补学</Text>}
            </View>
            {withManual && scheduled && (
              <AppButton small onClick={() => manual(person.memberId, person.name)}>
                代签到
              </AppButton>
            )}
          </View>
        ))}
      </View>
    )
  }

  return (
    <View className='act-page'>
      <View className='act-card'>
        <Text className='act-title'>{activity.topic}</Text>
        <View className='act-counts'>
          {(
            [
              ['应到', counts.expected],
              ['出席', counts.present],
              ['迟到', counts.late],
              ['请假', counts.leave],
              [scheduled ? '未签到' : '缺席', scheduled ? counts.unrecorded : counts.absent + counts.madeUp],
            ] as const
          ).map(([label, value]) => (
            <View key={label} className='act-count'>
              <Text className='act-count__value'>{value}</Text>
              <Text className='act-count__label'>{label}</Text>
            </View>
          ))}
        </View>
        <Text className='act-meta'>出勤率：{percent(rate)}</Text>
        {quorum.required && (
          <Text className={`act-badge ${quorum.reached ? '' : 'act-badge--warn'}`}>
            {quorum.reached ? '已达到' : '未达到'}法定人数（到会须超过应到人数的 {Math.round((quorum.share ?? 0) * 100)}%）
          </Text>
        )}
        {scheduled && <Text className='act-meta'>每 5 秒自动刷新</Text>}
        {scheduled && (
          <AppButton kind='primary' onClick={close}>
            结束活动
          </AppButton>
        )}
      </View>
      {section('出席', live.data.present)}
      {section('迟到', live.data.late)}
      {section('请假', live.data.leave)}
      {scheduled && section('未签到', live.data.notYet, true)}
      {!scheduled && section('缺席', live.data.absent)}
    </View>
  )
}
