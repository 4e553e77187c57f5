import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { formatInstant, formatSpan, STATUS_LABELS } from '../../components/activity-format'
import { confirm, runAction } from '../../components/confirm'
import { ErrorView, LoadingView } from '../../components/status-view'
import { useReloadOnShow } from '../../components/use-reload-on-show'
import { useRemote } from '../../components/use-remote'
import { ATTENDANCE_STATE_LABELS, REQUEST_STATUS_LABELS, type ActivityLogAction } from '../../domain/model'
import { cancelActivity, fetchActivity, fileMakeup, requestLeave } from '../../services/activities'
import { fetchReminderSettings, remindMe } from '../../services/reminders'
import '../../components/activity.css'
import { PAGES } from '../../routes'

const go = (url: string) => Taro.navigateTo({ url })

export default function ActivityPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const load = useCallback(() => fetchActivity(id), [id])
  const detail = useRemote(load)
  const settings = useRemote(fetchReminderSettings)
  useReloadOnShow(detail.reload)
  const [reason, setReason] = useState('')
  const [reflection, setReflection] = useState('')
  const [cancelReason, setCancelReason] = useState('')

  if (detail.status === 'loading') return <LoadingView />
  if (detail.status === 'error') return <ErrorView error={detail.error} onRetry={detail.reload} />
  const { activity, canManage, myAttendance, myLeave, myMakeup } = detail.data
  const scheduled = activity.status === 'scheduled'
  const beforeStart = Date.now() < Date.parse(activity.startAt)
  const templateId = settings.status === 'ready' ? settings.data.templateId : null

  const submitLeave = async () => {
    if (await runAction(() => requestLeave(id, reason.trim()), '已提交')) {
      setReason('')
      detail.reload()
    }
  }
  const submitMakeup = async () => {
    if (await runAction(() => fileMakeup(id, reflection.trim()), '已提交')) {
      setReflection('')
      detail.reload()
    }
  }
  const cancel = async () => {
    if (!(await confirm('取消活动', `确定取消“${activity.topic}”吗？取消后不能恢复。`))) return
    if (await runAction(() => cancelActivity(id, cancelReason.trim()), '已取消')) detail.reload()
  }
  const remind = () => {
    if (templateId) void runAction(() => remindMe(id, templateId), '将在开始前提醒')
  }

  return (
    <View className='act-page'>
      <View className='act-card'>
        <Text className='act-title'>{activity.topic}</Text>
        <View className='act-tags'>
          {activity.typeLabels.map((label) => (
            <Text key={label} className='act-tag'>
              {label}
            </Text>
          ))}
        </View>
        <Text className='act-meta'>时间：{formatSpan(activity.startAt, activity.endAt)}</Text>
        <Text className='act-meta'>地点：{activity.place}</Text>
        {activity.speakerName && <Text className='act-meta'>主讲人：{activity.speakerName}</Text>}
        <Text className='act-meta'>
          参加对象：{activity.audienceLabel}（{activity.branchName}）
        </Text>
        <Text className='act-meta'>学时：{activity.creditHours}</Text>
        <Text className='act-meta'>
          签到时间：{formatInstant(activity.checkinOpensAt)} 至 {formatInstant(activity.checkinClosesAt)}
          {activity.checkinRadiusMeters ? `，须在活动地点 ${activity.checkinRadiusMeters} 米内` : ''}
        </Text>
        <Text className={`act-badge ${activity.status === 'cancelled' ? 'act-badge--bad' : ''}`}>
          {STATUS_LABELS[activity.status]}
          {activity.cancelReason ? `：${activity.cancelReason}` : ''}
        </Text>
      </View>

      {detail.data.inAudience && (
        <View className='act-card'>
          <Text className='act-label'>我的出勤</Text>
          <Text className='act-row__title'>
            {myAttendance
              ? `${ATTENDANCE_STATE_LABELS[myAttendance.state]}${myAttendance.signedInAt ? ` · ${formatInstant(myAttendance.signedInAt)}` : ''}${myAttendance.makeupConfirmed ? ' · 已补学' : ''}`
              : scheduled
                ? '尚未签到'
                : '无记录'}
          </Text>
          {myLeave && (
            <Text className='act-meta'>
              请假：{REQUEST_STATUS_LABELS[myLeave.status]}（{myLeave.text}）{myLeave.reviewNote ? ` 备注：${myLeave.reviewNote}` : ''}
            </Text>
          )}
          {myMakeup && (
            <Text className='act-meta'>
              补学：{REQUEST_STATUS_LABELS[myMakeup.status]}
              {myMakeup.reviewNote ? ` 备注：${myMakeup.reviewNote}` : ''}
            </Text>
          )}
          <View className='act-actions'>
            {!canManage && activity.status === 'closed' && (
              <Button className='act-button' size='mini' onClick={() => go(`${PAGES.evidence}?activityId=${id}`)}>
                活动照片与记录
              </Button>
            )}
            {scheduled && !myAttendance && (
              <Button className='act-button act-button--primary' size='mini' onClick={() => go(PAGES.checkinScan)}>
                扫码签到
              </Button>
            )}
            {scheduled && beforeStart && templateId && (
              <Button className='act-button' size='mini' onClick={remind}>
                提醒我
              </Button>
            )}
          </View>
          {detail.data.canRequestLeave && (
            <TextForm
              label='请假（须在活动开始前提出）'
              value={reason}
              onChange={setReason}
              maxLength={200}
              minLength={2}
              placeholder='请填写请假事由'
              submitLabel='提交请假'
              onSubmit={submitLeave}
            />
          )}
          {detail.data.canFileMakeup && (
            <TextForm
              label='补学：学习会议记录后提交学习心得'
              value={reflection}
              onChange={setReflection}
              maxLength={2000}
              minLength={10}
              placeholder='学习心得（至少 10 个字）'
              submitLabel='提交补学'
              onSubmit={submitMakeup}
            />
          )}
        </View>
      )}

      {canManage && (
        <View className='act-card'>
          <Text className='act-label'>管理</Text>
          <View className='act-actions'>
            {scheduled && (
              <Button className='act-button act-button--primary' size='mini' onClick={() => go(`${PAGES.checkinCode}?id=${id}`)}>
                出示签到码
              </Button>
            )}
            <Button className='act-button' size='mini' onClick={() => go(`${PAGES.attendanceLive}?id=${id}`)}>
              签到情况
            </Button>
            <Button className='act-button' size='mini' onClick={() => go(`${PAGES.evidence}?activityId=${id}`)}>
              痕迹（照片与记录）
            </Button>
            {detail.data.editable && (
              <Button className='act-button' size='mini' onClick={() => go(`${PAGES.activityEdit}?id=${id}`)}>
                编辑
              </Button>
            )}
          </View>
          {scheduled && (
            <TextForm
              label='取消活动'
              value={cancelReason}
              onChange={setCancelReason}
              maxLength={200}
              minLength={2}
              placeholder='取消原因（必填）'
              submitLabel='取消活动'
              onSubmit={cancel}
            />
          )}
          <Text className='act-label' style={{ marginTop: '24px' }}>
            变更记录
          </Text>
          {detail.data.log.length === 0 && <Text className='act-empty'>暂无记录</Text>}
          {detail.data.log.map((entry, index) => (
            <View key={index} className='act-row'>
              <View className='act-row__main'>
                <Text className='act-row__title'>
                  {entry.actorName} · {LOG_LABELS[entry.action] ?? entry.action}
                </Text>
                {entry.changes.map((change, i) => (
                  <Text key={i} className='act-row__sub'>
                    {change.field}：{change.before ?? '无'} → {change.after ?? '无'}
                  </Text>
                ))}
                {entry.note && <Text className='act-row__sub'>{entry.note}</Text>}
                <Text className='act-row__sub'>{formatInstant(entry.at)}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

/** A labelled text box with its submit button, enabled once the text is at least `minLength` long. */
function TextForm(props: {
  label: string
  value: string
  onChange: (value: string) => void
  maxLength: number
  minLength: number
  placeholder: string
  submitLabel: string
  onSubmit: () => void
}) {
  return (
    <View className='act-field' style={{ marginTop: '24px' }}>
      <Text className='act-label'>{props.label}</Text>
      <Textarea
        className='act-textarea'
        value={props.value}
        maxlength={props.maxLength}
        placeholder={props.placeholder}
        onInput={(event) => props.onChange(event.detail.value)}
      />
      <Button className='act-button' size='mini' disabled={props.value.trim().length < props.minLength} onClick={props.onSubmit}>
        {props.submitLabel}
      </Button>
    </View>
  )
}

const LOG_LABELS: Record<ActivityLogAction, string> = {
  post: '发布活动',
  edit: '修改活动',
  cancel: '取消活动',
  close: '结束活动',
  leave_review: '审批请假',
  manual_signin: '代签到',
  makeup_review: '审核补学',
  joint_response: '答复联合活动邀请',
}
