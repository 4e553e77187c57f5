import { Button, Text, View } from '@tarojs/components'
import { formatInstant } from '../../../components/activity-format'
import { confirm, runAction } from '../../../components/confirm'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { useRemote } from '../../../components/use-remote'
import type { InvitationItem, PendingItem } from '../../../domain/contracts/activities'
import { fetchPending, respondToInvitation, reviewLeave, reviewMakeup } from '../../../services/activities'
import '../../../components/activity.css'

const KIND_LABELS = { leave: '请假', makeup: '补学' } as const

/** 请假与补学审批, and joint activities the branch is invited to, for the branch's secretary and committee. */
export default function ActivityApprovalsPage() {
  const pending = useRemote(fetchPending)
  if (pending.status === 'loading') return <LoadingView />
  if (pending.status === 'error') return <ErrorView error={pending.error} onRetry={pending.reload} />

  const review = async (item: PendingItem, approve: boolean) => {
    const verb = approve ? (item.kind === 'leave' ? '同意请假' : '确认补学') : item.kind === 'leave' ? '不同意请假' : '退回补学'
    if (!(await confirm(verb, `${item.memberName}：${item.activityTopic}`))) return
    const action = item.kind === 'leave' ? reviewLeave : reviewMakeup
    if (await runAction(() => action(item.activityId, item.memberId, approve), '已处理')) pending.reload()
  }

  const answer = async (invitation: InvitationItem, accept: boolean) => {
    const consequence = accept ? '接受后本支部全体党员都是参加对象，未到会的将记为缺席。' : '谢绝后本支部不参加该活动。'
    if (!(await confirm(accept ? '接受联合活动邀请' : '谢绝联合活动邀请', `${invitation.hostBranchName}：${invitation.activityTopic}。${consequence}`))) return
    if (await runAction(() => respondToInvitation(invitation.activityId, invitation.branchId, accept), accept ? '已接受' : '已谢绝')) pending.reload()
  }

  return (
    <View className='act-page'>
      {pending.data.invitations.map((invitation) => (
        <View key={`invitation-${invitation.activityId}`} className='act-card'>
          <Text className='act-row__title'>联合活动邀请 · {invitation.hostBranchName}</Text>
          <Text className='act-row__sub'>
            {invitation.activityTopic}（{formatInstant(invitation.activityStartAt)}，{invitation.place}）
          </Text>
          <Text className='act-meta'>邀请本支部联合参加；接受后本支部党员须到会签到。</Text>
          <View className='act-actions'>
            <Button className='act-button act-button--primary' size='mini' onClick={() => answer(invitation, true)}>
              接受
            </Button>
            <Button className='act-button' size='mini' onClick={() => answer(invitation, false)}>
              谢绝
            </Button>
          </View>
        </View>
      ))}
      {pending.data.items.length === 0 && pending.data.invitations.length === 0 && (
        <View className='act-card'>
          <Text className='act-empty'>没有待审批的请假、补学或联合活动邀请</Text>
        </View>
      )}
      {pending.data.items.map((item) => (
        <View key={`${item.kind}-${item.activityId}-${item.memberId}`} className='act-card'>
          <Text className='act-row__title'>
            {KIND_LABELS[item.kind]} · {item.memberName}
          </Text>
          <Text className='act-row__sub'>
            {item.activityTopic}（{formatInstant(item.activityStartAt)}）
          </Text>
          <Text className='act-meta'>{item.text}</Text>
          <Text className='act-row__sub'>提交于 {formatInstant(item.at)}</Text>
          <View className='act-actions'>
            <Button className='act-button act-button--primary' size='mini' onClick={() => review(item, true)}>
              {item.kind === 'leave' ? '同意' : '确认补学'}
            </Button>
            <Button className='act-button' size='mini' onClick={() => review(item, false)}>
              {item.kind === 'leave' ? '不同意' : '退回'}
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
}
