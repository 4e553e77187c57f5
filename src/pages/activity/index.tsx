import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { z } from 'zod'
import { formatInstant, formatSpan, STATUS_LABELS } from '../../components/activity-format'
import { AppButton, ButtonRow } from '../../components/button'
import { confirm, runAction } from '../../components/confirm'
import { TextField, useFormCheck } from '../../components/form'
import { go } from '../../components/navigation'
import { ErrorView, LoadingView } from '../../components/status-view'
import { useReloadOnShow } from '../../components/page-refresh'
import { useRemote } from '../../components/use-remote'
import { useSubscriptions } from '../../components/use-subscriptions'
import { ATTENDANCE_STATE_LABELS, REQUEST_STATUS_LABELS, type ActivityLogAction } from '../../domain/model'
import { activitiesContract } from '../../domain/contracts/activities'
import { cancelActivity, fetchActivity, fileMakeup, requestLeave, withdrawLeave } from '../../services/activities'
import { fetchReminderSettings, remindMe } from '../../services/reminders'
import '../../components/activity.css'
import { PAGES } from '../../routes'

export default function ActivityPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const load = useCallback(() => fetchActivity(id), [id])
  const detail = useRemote(load)
  const settings = useRemote(fetchReminderSettings)
  useReloadOnShow(detail.reload)
  const askSubscriptions = useSubscriptions()
  const [reason, setReason] = useState('')
  const [reflection, setReflection] = useState('')
  const [cancelReason, setCancelReason] = useState('')
  const [cancelling, setCancelling] = useState(false)

  if (detail.status === 'loading') return <LoadingView />
  if (detail.status === 'error') return <ErrorView error={detail.error} onRetry={detail.reload} />
  const { activity, canManage, myAttendance, myLeave, myMakeup } = detail.data
  const scheduled = activity.status === 'scheduled'
  const beforeStart = Date.now() < Date.parse(activity.startAt)
  const templateId = settings.status === 'ready' ? settings.data.templateId : null

  // A leave or a 补学 waits for the secretary's decision: ask for its push (审批结果) from this tap.
  const submitLeave = async () => {
    await askSubscriptions('request')
    if (await runAction(() => requestLeave(id, reason.trim()), '已提交')) {
      setReason('')
      detail.reload()
    }
  }
  const submitMakeup = async () => {
    await askSubscriptions('request')
    if (await runAction(() => fileMakeup(id, reflection.trim()), '已提交')) {
      setReflection('')
      detail.reload()
    }
  }
  const withdraw = async () => {
    const content = myLeave?.status === 'approved' ? '撤回后不再记为请假，您需要按时到会签到。' : '撤回后支部不再审批这条请假申请。'
    if (!(await confirm({ title: '撤回请假', content, confirmText: '撤回请假', cancelText: '保留' }))) return
    if (await runAction(() => withdrawLeave(id), '已撤回')) void detail.reload()
  }
  const cancel = async () => {
    if (!(await confirm({ title: '确认取消活动', content: `确定取消“${activity.topic}”吗？参加对象会看到取消原因，取消后不能恢复。`, confirmText: '取消活动', cancelText: '暂不取消' }))) return
    if (await runAction(() => cancelActivity(id, cancelReason.trim()), '已取消')) {
      setCancelling(false)
      void detail.reload()
    }
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
              <AppButton small onClick={() => go(`${PAGES.evidence}?activityId=${id}`)}>
                活动照片与记录
              </AppButton>
            )}
            {scheduled && !myAttendance && (
              <AppButton kind='primary' small onClick={() => go(PAGES.checkinScan)}>
                扫码签到
              </AppButton>
            )}
            {scheduled && beforeStart && !myAttendance && templateId && (
              <AppButton small onClick={remind}>
                提醒我
              </AppButton>
            )}
            {detail.data.canWithdrawLeave && (
              <AppButton small onClick={withdraw}>
                撤回请假
              </AppButton>
            )}
          </View>
          {detail.data.canRequestLeave && (
            <ContractForm
              schema={activitiesContract.requestLeave.input}
              activityId={id}
              path='reason'
              label='请假事由（须在活动开始前提出）'
              value={reason}
              onChange={setReason}
              placeholder='请填写请假事由'
              submitLabel='提交请假'
              onSubmit={submitLeave}
            />
          )}
          {detail.data.canFileMakeup && (
            <ContractForm
              schema={activitiesContract.fileMakeup.input}
              activityId={id}
              path='reflection'
              label='补学：学习会议记录后提交学习心得'
              value={reflection}
              onChange={setReflection}
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
              <AppButton kind='primary' small onClick={() => go(`${PAGES.checkinCode}?id=${id}`)}>
                出示签到码
              </AppButton>
            )}
            <AppButton small onClick={() => go(`${PAGES.attendanceLive}?id=${id}`)}>
              签到情况
            </AppButton>
            <AppButton small onClick={() => go(`${PAGES.evidence}?activityId=${id}`)}>
              痕迹（照片与记录）
            </AppButton>
            {detail.data.editable && (
              <AppButton small onClick={() => go(`${PAGES.activityEdit}?id=${id}`)}>
                编辑
              </AppButton>
            )}
            {scheduled && !cancelling && (
              <AppButton kind='danger' small onClick={() => setCancelling(true)}>
                取消活动…
              </AppButton>
            )}
          </View>
          {scheduled && cancelling && (
            <ContractForm
              schema={activitiesContract.cancel.input}
              activityId={id}
              path='reason'
              value={cancelReason}
              onChange={setCancelReason}
              placeholder='取消原因（必填，参加对象会看到）'
              submitLabel='取消活动'
              danger
              onSubmit={cancel}
              onBack={() => setCancelling(false)}
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

/**
 * One text field of an activity action, checked as it is typed against the action's contract
 * (its Chinese name, length counter and limits come from there); submitting is possible once it passes.
 */
function ContractForm(props: {
  schema: z.ZodType
  activityId: string
  path: string
  label?: string
  value: string
  onChange: (value: string) => void
  placeholder: string
  submitLabel: string
  danger?: boolean
  onSubmit: () => unknown
  onBack?: () => void
}) {
  const check = useFormCheck(props.schema, { activityId: props.activityId, [props.path]: props.value })
  return (
    <View className='act-field' style={{ marginTop: '24px' }}>
      <TextField
        schema={props.schema}
        path={props.path}
        label={props.label}
        value={props.value}
        onChange={props.onChange}
        check={check}
        multiline
        placeholder={props.placeholder}
      />
      <ButtonRow>
        <AppButton kind={props.danger ? 'danger' : 'primary'} small disabled={!check.ok} onClick={props.onSubmit}>
          {props.submitLabel}
        </AppButton>
        {props.onBack && (
          <AppButton small onClick={props.onBack}>
            暂不取消
          </AppButton>
        )}
      </ButtonRow>
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
