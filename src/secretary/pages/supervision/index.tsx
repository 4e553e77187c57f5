import { Picker, Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import { formatInstant } from '../../../components/activity-format'
import { runAction } from '../../../components/confirm'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { SupervisionCard } from '../../../components/supervision-card'
import { usePullToRefresh, useReloadOnShow } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import { useSubscriptions } from '../../../components/use-subscriptions'
import { supervisionContract } from '../../../domain/contracts/supervision'
import { TextField, useFormCheck } from '../../../components/form'
import { PAGES } from '../../../routes'
import {
  answerSupervision,
  assignAlertTopic,
  fetchAlertRouting,
  fetchAnswerOptions,
  fetchBranchSupervisions,
  fetchSupervision,
} from '../../../services/supervision'
import '../../../components/activity.css'

/** The branch's side of a 督办: `?id=` one 督办 (opening it marks it 已查看) and its answer; `?branchId=` the branch's record of 督办. */
const ANSWER_INPUT = supervisionContract.answer.input

export default function SupervisionPage() {
  const { id, branchId } = useRouter().params
  if (id) return <SupervisionDetail id={id} />
  return <BranchRecord branchId={branchId ?? ''} />
}

function BranchRecord({ branchId }: { branchId: string }) {
  const load = useCallback(() => fetchBranchSupervisions(branchId), [branchId])
  const list = useRemote(load)
  useReloadOnShow(list.reload)
  usePullToRefresh(list.reload)
  if (list.status === 'loading') return <LoadingView />
  if (list.status === 'error') return <ErrorView error={list.error} onRetry={list.reload} />
  return (
    <View className='act-page'>
      {list.data.items.length === 0 && (
        <View className='act-card'>
          <Text className='act-empty'>本支部没有收到过督办</Text>
        </View>
      )}
      {list.data.items.map((item) => (
        <SupervisionCard key={item.id} item={item} onClick={() => Taro.navigateTo({ url: `${PAGES.supervision}?id=${item.id}` })} />
      ))}
      <AlertRouting branchId={branchId} />
    </View>
  )
}

/** Who gets the branch's 预警: the secretary always, and the 支委 made responsible for each topic. */
function AlertRouting({ branchId }: { branchId: string }) {
  const load = useCallback(() => fetchAlertRouting(branchId), [branchId])
  const routing = useRemote(load)
  usePullToRefresh(routing.reload)
  if (routing.status !== 'ready') return null
  const { leads, topics, candidates, canAssign } = routing.data
  const choices = ['不指定', ...candidates.map((candidate) => `${candidate.name}（${candidate.roleLabels}）`)]
  const assign = async (topic: string, index: number) => {
    const memberId = index === 0 ? null : candidates[index - 1].memberId
    if (await runAction(() => assignAlertTopic(branchId, topic, memberId), '已设置')) routing.reload()
  }
  return (
    <View className='act-card'>
      <Text className='act-row__title'>预警接收人</Text>
      <Text className='act-meta'>
        书记始终收到：{leads.map((lead) => `${lead.name}${lead.bound ? '' : '（未绑定微信）'}`).join('、') || '暂无书记'}
      </Text>
      {topics.map((topic) => (
        <View key={topic.id} className='act-field'>
          <Text className='act-meta'>{topic.label}</Text>
          {canAssign ? (
            <Picker mode='selector' range={choices} onChange={(event) => void assign(topic.id, Number(event.detail.value))}>
              <Text className='act-meta'>负责支委：{topic.memberName ?? '不指定'} ›</Text>
            </Picker>
          ) : (
            <Text className='act-meta'>负责支委：{topic.memberName ?? '不指定'}</Text>
          )}
        </View>
      ))}
    </View>
  )
}

function SupervisionDetail({ id }: { id: string }) {
  const load = useCallback(async () => {
    const supervision = await fetchSupervision(id)
    const options = supervision.canAnswer ? (await fetchAnswerOptions(id)).activities : []
    return { supervision, options }
  }, [id])
  const detail = useRemote(load)
  const askSubscriptions = useSubscriptions()
  const [choice, setChoice] = useState(-1)
  const [reply, setReply] = useState('')
  const chosenId = detail.status === 'ready' && choice >= 0 ? (detail.data.options[choice]?.id ?? null) : null
  const draft = useMemo(() => ({ id, activityId: chosenId, reply: reply.trim() ? reply : null }), [id, chosenId, reply])
  const check = useFormCheck(ANSWER_INPUT, draft)
  if (detail.status === 'loading') return <LoadingView />
  if (detail.status === 'error') return <ErrorView error={detail.error} onRetry={detail.reload} />
  const { supervision, options } = detail.data
  const chosen = choice >= 0 ? options[choice] : null
  // Answering a 督办 plans the branch's next step: ask for the 预警 and 督办 pushes from this tap.
  const submit = async () => {
    if (!check.ok) return check.showAll()
    await askSubscriptions('manage')
    if (await runAction(() => answerSupervision(id, chosen?.id ?? null, reply.trim() || null), '已回复')) detail.reload()
  }
  return (
    <View className='act-page'>
      <SupervisionCard item={supervision} />
      {supervision.canAnswer && (
        <View className='act-card'>
          <Text className='act-row__title'>回复督办</Text>
          <Text className='act-meta'>选择为此安排的活动（达到要求后自动标为“已解决”），或填写回复。</Text>
          {options.length > 0 ? (
            <Picker mode='selector' range={options.map((option) => `${option.topic}（${formatInstant(option.startAt)}，${option.statusLabel}）`)} onChange={(event) => setChoice(Number(event.detail.value))}>
              <View className='act-field'>
                <Text className='act-meta'>{chosen ? `已选：${chosen.topic}` : '点此选择活动 ›'}</Text>
              </View>
            </Picker>
          ) : (
            <Text className='act-meta' onClick={() => Taro.navigateTo({ url: `${PAGES.activityEdit}?branchId=${supervision.branchId}` })}>
              还没有可用的活动，去发布活动 ›
            </Text>
          )}
          <TextField
            schema={ANSWER_INPUT}
            path='reply'
            multiline
            value={reply}
            onChange={setReply}
            check={check}
            placeholder='回复（可选）：例如“已定于下周三召开”'
          />
          <AppButton kind='primary' onClick={submit}>
            提交回复
          </AppButton>
        </View>
      )}
    </View>
  )
}
