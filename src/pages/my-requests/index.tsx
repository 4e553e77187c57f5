import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { formatInstant } from '../../components/activity-format'
import { runAction } from '../../components/confirm'
import { ErrorView, LoadingView } from '../../components/status-view'
import { useReloadOnShow } from '../../components/page-refresh'
import { useRemote } from '../../components/use-remote'
import { ATTENDANCE_STATE_LABELS, REQUEST_STATUS_LABELS } from '../../domain/model'
import { fetchMine, fileMakeup } from '../../services/activities'
import '../../components/activity.css'
import { PAGES } from '../../routes'

/** 我的请假/补学: leave requests, absences and 补学 of the caller. */
export default function MyRequestsPage() {
  const mine = useRemote(fetchMine)
  useReloadOnShow(mine.reload)
  const [drafts, setDrafts] = useState<Record<string, string>>({})

  if (mine.status === 'loading') return <LoadingView />
  if (mine.status === 'error') return <ErrorView error={mine.error} onRetry={mine.reload} />
  const submit = async (activityId: string) => {
    if (await runAction(() => fileMakeup(activityId, (drafts[activityId] ?? '').trim()), '已提交')) mine.reload()
  }
  return (
    <View className='act-page'>
      {mine.data.items.length === 0 && (
        <View className='act-card'>
          <Text className='act-empty'>暂无请假、缺席或补学记录</Text>
        </View>
      )}
      {mine.data.items.map((item) => (
        <View key={item.activityId} className='act-card'>
          <Text className='act-row__title' onClick={() => Taro.navigateTo({ url: `${PAGES.activity}?id=${item.activityId}` })}>
            {item.activityTopic}
          </Text>
          <Text className='act-row__sub'>{formatInstant(item.activityStartAt)}</Text>
          {item.attendanceState && <Text className='act-meta'>出勤：{ATTENDANCE_STATE_LABELS[item.attendanceState]}</Text>}
          {item.leave && (
            <Text className='act-meta'>
              请假：{REQUEST_STATUS_LABELS[item.leave.status]}（{item.leave.text}）{item.leave.reviewNote ? ` 备注：${item.leave.reviewNote}` : ''}
            </Text>
          )}
          {item.makeup && (
            <Text className='act-meta'>
              补学：{REQUEST_STATUS_LABELS[item.makeup.status]}
              {item.makeup.reviewNote ? ` 备注：${item.makeup.reviewNote}` : ''}
            </Text>
          )}
          {item.canFileMakeup && (
            <View className='act-field' style={{ marginTop: '16px' }}>
              <Textarea
                className='act-textarea'
                maxlength={2000}
                value={drafts[item.activityId] ?? ''}
                placeholder='学习会议记录后填写学习心得（至少 10 个字）'
                onInput={(event) => setDrafts((current) => ({ ...current, [item.activityId]: event.detail.value }))}
              />
              <Button
                className='act-button'
                size='mini'
                disabled={(drafts[item.activityId] ?? '').trim().length < 10}
                onClick={() => submit(item.activityId)}
              >
                提交补学
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
