import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { formatInstantWithYear } from '../../../components/activity-format'
import { AppButton, ButtonRow } from '../../../components/button'
import { confirm, runAction } from '../../../components/confirm'
import { TextField, useFormCheck } from '../../../components/form'
import { go } from '../../../components/navigation'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { usePullToRefresh, useReloadOnShow } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import { useSubscriptions } from '../../../components/use-subscriptions'
import { ATTENDANCE_STATE_LABELS, REQUEST_STATUS_LABELS } from '../../../domain/model'
import { activitiesContract, type MyRecordItem } from '../../../domain/contracts/activities'
import { fetchMine, fileMakeup, withdrawLeave } from '../../../services/activities'
import '../../../components/activity.css'
import { PAGES } from '../../../routes'

/** 我的请假/补学: leave requests, absences and 补学 of the caller. */
export default function MyRequestsPage() {
  const mine = useRemote(fetchMine)
  useReloadOnShow(mine.reload)
  usePullToRefresh(mine.reload)

  if (mine.status === 'loading') return <LoadingView />
  if (mine.status === 'error') return <ErrorView error={mine.error} onRetry={mine.reload} />
  const withdraw = async (item: MyRecordItem) => {
    if (!(await confirm({ title: '撤回请假', content: `撤回「${item.activityTopic}」的请假？撤回后须按时到会签到。`, confirmText: '撤回请假', cancelText: '保留' }))) return
    if (await runAction(() => withdrawLeave(item.activityId), '已撤回')) void mine.reload()
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
          <Text className='act-row__title' onClick={() => go(`${PAGES.activity}?id=${item.activityId}`)}>
            {item.activityTopic}
          </Text>
          <Text className='act-row__sub'>{formatInstantWithYear(item.activityStartAt)}</Text>
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
          {item.canWithdrawLeave && (
            <ButtonRow>
              <AppButton small onClick={() => withdraw(item)}>
                撤回请假
              </AppButton>
            </ButtonRow>
          )}
          {item.canFileMakeup && <MakeupForm activityId={item.activityId} onDone={mine.reload} />}
        </View>
      ))}
    </View>
  )
}

const makeupSchema = activitiesContract.fileMakeup.input

/** 补学: the reflection, checked as it is typed against the contract the function uses. */
function MakeupForm({ activityId, onDone }: { activityId: string; onDone: () => unknown }) {
  const askSubscriptions = useSubscriptions()
  const [reflection, setReflection] = useState('')
  const check = useFormCheck(makeupSchema, { activityId, reflection })
  const submit = async () => {
    await askSubscriptions('request')
    if (await runAction(() => fileMakeup(activityId, reflection.trim()), '已提交')) {
      setReflection('')
      check.reset()
      void onDone()
    }
  }
  return (
    <View className='act-field' style={{ marginTop: '16px' }}>
      <TextField
        schema={makeupSchema}
        path='reflection'
        value={reflection}
        onChange={setReflection}
        check={check}
        multiline
        placeholder='学习会议记录后填写学习心得（至少 10 个字）'
      />
      <AppButton kind='primary' small disabled={!check.ok} onClick={submit}>
        提交补学
      </AppButton>
    </View>
  )
}
