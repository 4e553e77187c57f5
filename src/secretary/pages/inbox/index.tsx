import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { formatInstant } from '../../../components/activity-format'
import { AppButton, ButtonRow } from '../../../components/button'
import { confirm, runAction } from '../../../components/confirm'
import { TextField, useFormCheck } from '../../../components/form'
import { useReloadOnShow, usePullToRefresh } from '../../../components/page-refresh'
import { EmptyView, ErrorView, LoadingView } from '../../../components/status-view'
import { useRemote } from '../../../components/use-remote'
import { activitiesContract } from '../../../domain/contracts/activities'
import { INBOX_KIND_LABELS, type HandledItem, type InboxItem } from '../../../domain/contracts/inbox'
import { BIND_METHOD_LABELS } from '../../../domain/model'
import { respondToInvitation, reviewLeave, reviewMakeup } from '../../../services/activities'
import { reviewSelfStudy } from '../../../services/compliance'
import { fetchInbox, fetchInboxHistory } from '../../../services/inbox'
import { decideClaim } from '../../../services/members'
import '../../../components/activity.css'

/** How each kind of request is said and decided. */
const DECISIONS: Record<InboxItem['kind'], { yes: string; no: string; yesQuestion: (item: InboxItem) => string }> = {
  leave: { yes: '同意', no: '不同意', yesQuestion: (item) => `同意${item.from}的请假？同意后记为请假，不算缺席。` },
  makeup: { yes: '认定', no: '退回', yesQuestion: (item) => `认定${item.from}已补学？认定后计入出勤。` },
  selfStudy: { yes: '认定', no: '退回', yesQuestion: (item) => `认定${item.from}的自学学时？` },
  binding: { yes: '同意', no: '拒绝', yesQuestion: (item) => `确认该微信用户就是「${item.from}」本人吗？同意后其微信将绑定该党员身份。` },
  invitation: { yes: '接受', no: '谢绝', yesQuestion: () => '接受后本支部全体党员都是参加对象，未到会的将记为缺席。' },
}

function decide(item: InboxItem, approve: boolean, reason?: string): Promise<unknown> {
  switch (item.kind) {
    case 'leave':
      return reviewLeave(item.activityId, item.memberId, approve, reason)
    case 'makeup':
      return reviewMakeup(item.activityId, item.memberId, approve, reason)
    case 'selfStudy':
      return reviewSelfStudy(item.recordId, approve, reason)
    case 'binding':
      return decideClaim(item.requestId, approve, reason)
    case 'invitation':
      return respondToInvitation(item.activityId, item.branchId, approve, reason)
  }
}

/** What the card says under its title, per kind. */
function detailOf(item: InboxItem): string {
  switch (item.kind) {
    case 'leave':
    case 'makeup':
      return `${item.subject}（${formatInstant(item.activityStartAt)}）`
    case 'selfStudy':
      return `${item.subject} · ${item.hours} 学时 · ${formatInstant(item.studiedAt)}`
    case 'binding':
      return `${item.subject} · ${item.memberNumber} · ${BIND_METHOD_LABELS[item.method]}`
    case 'invitation':
      return `${item.subject}（${formatInstant(item.activityStartAt)}，${item.place}）`
  }
}

/** The reason field follows the review contract (理由: required to decline, at most its limit). */
const reasonSchema = activitiesContract.reviewLeave.input

function PendingCard({ item, onDone }: { item: InboxItem; onDone: () => unknown }) {
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')
  const draft = { activityId: 'x', memberId: 'x', approve: false, reason: reason.trim() || undefined }
  const check = useFormCheck(reasonSchema, draft)
  const words = DECISIONS[item.kind]
  const approve = async () => {
    if (!(await confirm({ title: `${words.yes}${INBOX_KIND_LABELS[item.kind]}`, content: words.yesQuestion(item), confirmText: words.yes, cancelText: '暂不处理' }))) return
    if (await runAction(() => decide(item, true), `已${words.yes}`)) void onDone()
  }
  const decline = async () => {
    if (!check.ok) return check.showAll()
    if (await runAction(() => decide(item, false, reason.trim()), `已${words.no}`)) void onDone()
  }
  return (
    <View className='act-card inbox-item'>
      <Text className='act-row__title'>
        {INBOX_KIND_LABELS[item.kind]} · {item.from}
      </Text>
      <Text className='act-row__sub'>{detailOf(item)}</Text>
      <Text className='act-meta'>{item.text}</Text>
      {item.kind === 'selfStudy' && item.proofUrl && (
        <Image className='act-qr' src={item.proofUrl} mode='aspectFit' onClick={() => Taro.previewImage({ urls: [item.proofUrl!] })} />
      )}
      <Text className='act-row__sub'>
        {item.branchName} · 提交于 {formatInstant(item.at)}
      </Text>
      {declining ? (
        <View>
          <TextField schema={reasonSchema} path='reason' value={reason} onChange={setReason} check={check} multiline placeholder={`请写明${words.no}的理由，对方会看到`} />
          <ButtonRow>
            <AppButton kind='danger' small onClick={decline}>
              确认{words.no}
            </AppButton>
            <AppButton small onClick={() => setDeclining(false)}>
              返回
            </AppButton>
          </ButtonRow>
        </View>
      ) : (
        <ButtonRow>
          <AppButton kind='primary' small onClick={approve}>
            {words.yes}
          </AppButton>
          <AppButton small onClick={() => setDeclining(true)}>
            {words.no}
          </AppButton>
        </ButtonRow>
      )}
    </View>
  )
}

function HandledRow({ item }: { item: HandledItem }) {
  return (
    <View className='act-row'>
      <View className='act-row__main'>
        <Text className='act-row__title'>
          {INBOX_KIND_LABELS[item.kind]} · {item.from} · {item.decisionLabel}
        </Text>
        <Text className='act-row__sub'>{item.subject}</Text>
        {item.reason && <Text className='act-meta'>理由：{item.reason}</Text>}
        <Text className='act-row__sub'>
          {item.decidedByName} · {formatInstant(item.decidedAt)}
        </Text>
      </View>
    </View>
  )
}

const HISTORY_PAGE = 20

/** 待办审批: every request waiting for the caller (请假, 补学, 自学学时, 身份绑定, 联合活动邀请), and what was handled. */
export default function InboxPage() {
  const [view, setView] = useState<'pending' | 'history'>('pending')
  const [historyLimit, setHistoryLimit] = useState(HISTORY_PAGE)
  const pending = useRemote(fetchInbox)
  const loadHistory = useCallback(() => fetchInboxHistory(historyLimit), [historyLimit])
  const history = useRemote(loadHistory)
  const { reload: reloadPending } = pending
  const { reload: reloadHistory } = history
  const reloadAll = useCallback(() => Promise.all([reloadPending(), reloadHistory()]), [reloadPending, reloadHistory])
  useReloadOnShow(reloadAll)
  usePullToRefresh(reloadAll)

  return (
    <View className='act-page'>
      <View className='act-tags'>
        <Text className={`act-tag ${view === 'pending' ? '' : 'act-tag--off'}`} onClick={() => setView('pending')}>
          待处理{pending.status === 'ready' ? `（${pending.data.items.length}）` : ''}
        </Text>
        <Text className={`act-tag ${view === 'history' ? '' : 'act-tag--off'}`} onClick={() => setView('history')}>
          已处理
        </Text>
      </View>
      {view === 'pending' &&
        (pending.status === 'loading' ? (
          <LoadingView />
        ) : pending.status === 'error' ? (
          <ErrorView error={pending.error} onRetry={pending.reload} />
        ) : pending.data.items.length === 0 ? (
          <View className='act-card'>
            <EmptyView text='没有待审批的请假、补学、自学学时、绑定或联合活动邀请' />
          </View>
        ) : (
          pending.data.items.map((item) => <PendingCard key={item.key} item={item} onDone={reloadAll} />)
        ))}
      {view === 'history' &&
        (history.status === 'loading' ? (
          <LoadingView />
        ) : history.status === 'error' ? (
          <ErrorView error={history.error} onRetry={history.reload} />
        ) : (
          <View className='act-card'>
            {history.data.items.length === 0 && <EmptyView text='还没有处理过的申请' />}
            {history.data.items.map((item) => (
              <HandledRow key={`${item.key}-${item.decidedAt}`} item={item} />
            ))}
            {history.data.hasMore && (
              <AppButton small onClick={() => setHistoryLimit((limit) => limit + HISTORY_PAGE)}>
                加载更多
              </AppButton>
            )}
          </View>
        ))}
    </View>
  )
}
