import { Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import { runAction } from '../../../components/confirm'
import { TextField, useFormCheck } from '../../../components/form'
import { supervisionContract } from '../../../domain/contracts/supervision'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { SupervisionCard } from '../../../components/supervision-card'
import { usePullToRefresh, useReloadOnShow } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import { SUPERVISION_STATE_LABELS, SUPERVISION_STATES, type SupervisionState } from '../../../domain/supervision/model'
import { PAGES } from '../../../routes'
import { askSubscriptions, fetchSubscriptions } from '../../../services/subscriptions'
import { fetchOrgSupervisions, fetchSupervision, fetchTargets, sendSupervision } from '../../../services/supervision'
import '../../../components/activity.css'
import '../../../components/compliance.css'

const SEND_INPUT = supervisionContract.send.input

/**
 * The admin's side of 督办: `?branchId=` sends one to a red or amber branch (from the dashboard),
 * `?id=` follows one, otherwise every 督办 under the 党总支 or 党委 (`?orgId=`), by state.
 */
export default function SupervisionsPage() {
  const { id, branchId, orgId } = useRouter().params
  if (id) return <OneSupervision id={id} />
  if (branchId) return <SendForm branchId={branchId} />
  return <OrgSupervisions orgId={orgId} />
}

function OneSupervision({ id }: { id: string }) {
  const load = useCallback(() => fetchSupervision(id), [id])
  const detail = useRemote(load)
  usePullToRefresh(detail.reload)
  if (detail.status === 'loading') return <LoadingView />
  if (detail.status === 'error') return <ErrorView error={detail.error} onRetry={detail.reload} />
  return (
    <View className='act-page'>
      <SupervisionCard item={detail.data} />
    </View>
  )
}

function SendForm({ branchId }: { branchId: string }) {
  const load = useCallback(async () => {
    const [targets, subscriptions] = await Promise.all([fetchTargets(branchId), fetchSubscriptions()])
    return { targets, templates: subscriptions.items }
  }, [branchId])
  const form = useRemote(load)
  const [key, setKey] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const draft = useMemo(() => ({ branchId, targetKey: key ?? '', note }), [branchId, key, note])
  const check = useFormCheck(SEND_INPUT, draft)
  if (form.status === 'loading') return <LoadingView />
  if (form.status === 'error') return <ErrorView error={form.error} onRetry={form.reload} />
  const { targets, templates } = form.data
  const send = async () => {
    if (!key) return
    if (!check.ok) return check.showAll()
    await askSubscriptions('supervise', templates)
    if (await runAction(() => sendSupervision(branchId, key, note.trim()), '已发送督办')) form.reload()
  }
  return (
    <View className='act-page'>
      <View className='act-card'>
        <Text className='act-row__title'>
          {targets.branchName}（{targets.lightLabel}）
        </Text>
        {targets.options.length === 0 && <Text className='act-empty'>该支部目前没有需要督办的事项</Text>}
        {targets.options.map((option) => (
          <View
            key={option.key}
            className='act-field'
            onClick={() =>
              option.openSupervisionId
                ? Taro.navigateTo({ url: `${PAGES.supervisions}?id=${option.openSupervisionId}` })
                : setKey(option.key)
            }
          >
            <Text className={key === option.key ? 'tabs__item tabs__item--active' : 'tabs__item'}>
              {option.statusLabel}：{option.title}
              {option.openSupervisionId ? '（已督办，查看 ›）' : ''}
            </Text>
          </View>
        ))}
      </View>
      {targets.options.some((option) => !option.openSupervisionId) && (
        <View className='act-card'>
          <TextField
            schema={SEND_INPUT}
            path='note'
            multiline
            value={note}
            onChange={setNote}
            check={check}
            placeholder='例如“请于月底前召开并上传痕迹”'
          />
          <AppButton kind='primary' disabled={!key} onClick={send}>
            发送督办
          </AppButton>
        </View>
      )}
    </View>
  )
}

function OrgSupervisions({ orgId }: { orgId?: string }) {
  const load = useCallback(() => fetchOrgSupervisions(orgId), [orgId])
  const list = useRemote(load)
  useReloadOnShow(list.reload)
  usePullToRefresh(list.reload)
  const [state, setState] = useState<SupervisionState | null>(null)
  if (list.status === 'loading') return <LoadingView />
  if (list.status === 'error') return <ErrorView error={list.error} onRetry={list.reload} />
  const shown = list.data.items.filter((item) => !state || item.state === state)
  return (
    <View className='act-page'>
      <View className='act-card'>
        <Text className='act-row__title'>{list.data.orgName}的督办</Text>
        <View className='act-field'>
          <Text className={state === null ? 'tabs__item tabs__item--active' : 'tabs__item'} onClick={() => setState(null)}>
            全部 {list.data.items.length}
          </Text>
          {SUPERVISION_STATES.map((candidate) => (
            <Text key={candidate} className={state === candidate ? 'tabs__item tabs__item--active' : 'tabs__item'} onClick={() => setState(candidate)}>
              {SUPERVISION_STATE_LABELS[candidate]} {list.data.items.filter((item) => item.state === candidate).length}
            </Text>
          ))}
        </View>
      </View>
      {shown.length === 0 && (
        <View className='act-card'>
          <Text className='act-empty'>暂无督办。在达标看板中点红灯或黄灯支部的“督办”发起。</Text>
        </View>
      )}
      {shown.map((item) => (
        <SupervisionCard key={item.id} item={item} onClick={() => Taro.navigateTo({ url: `${PAGES.supervisions}?id=${item.id}` })} />
      ))}
    </View>
  )
}
