import { Button, Text, View } from '@tarojs/components'
import { confirm, runAction } from '../../../components/confirm'
import { formatInstant } from '../../../components/activity-format'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { useReloadOnShow } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import { BIND_METHOD_LABELS } from '../../../domain/model'
import { decideClaim, fetchApprovals } from '../../../services/members'
import '../../../components/people.css'

/** 绑定审批: pending claims of the branches the caller manages. */
export default function BindApprovalsPage() {
  const queue = useRemote(fetchApprovals)
  useReloadOnShow(queue.reload)
  if (queue.status === 'loading') return <LoadingView />
  if (queue.status === 'error') return <ErrorView error={queue.error} onRetry={queue.reload} />
  const decide = async (id: string, name: string, approve: boolean) => {
    const ok = approve
      ? await confirm('同意绑定', `确认该微信用户就是「${name}」本人吗？同意后其微信将绑定该党员身份。`)
      : await confirm('拒绝绑定', `确定拒绝绑定「${name}」的申请吗？`)
    if (!ok) return
    if (await runAction(() => decideClaim(id, approve), approve ? '已同意' : '已拒绝')) queue.reload()
  }
  const { items } = queue.data
  return (
    <View className='ppl-page'>
      <View className='ppl-card'>
        <Text className='ppl-label'>待审批的绑定申请（{items.length}）</Text>
        {items.length === 0 && <Text className='ppl-muted'>暂无待审批的绑定申请</Text>}
        {items.map((item) => (
          <View key={item.id} className='ppl-row'>
            <Text className='ppl-row__name'>
              {item.memberName} · {item.memberNumber}
            </Text>
            <Text className='ppl-meta'>
              {item.branchName} · {BIND_METHOD_LABELS[item.method]} · {formatInstant(item.createdAt)}
            </Text>
            <View className='ppl-actions'>
              <Button className='ppl-button ppl-small' size='mini' onClick={() => decide(item.id, item.memberName, true)}>
                同意
              </Button>
              <Button className='ppl-button ppl-button--plain ppl-small' size='mini' onClick={() => decide(item.id, item.memberName, false)}>
                拒绝
              </Button>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
