import { Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import { AWAITING_EVIDENCE_LABEL } from '../domain/compliance/labels'
import { INBOX_KINDS, INBOX_KIND_LABELS } from '../domain/contracts/inbox'
import { PAGES } from '../routes'
import { fetchInboxSummary } from '../services/inbox'
import { go, setTabBadge } from './navigation'
import { useReloadOnShow } from './page-refresh'
import { useRemote } from './use-remote'
import './todo-card.css'

/**
 * 待办 on 首页 for a secretary, committee member or admin: what waits for their decision by kind,
 * the branch's 待补痕迹 and 临期 items; the waiting count is the 首页 tab's badge.
 */
export function TodoCard() {
  const summary = useRemote(fetchInboxSummary)
  useReloadOnShow(summary.reload)
  const waiting = summary.status === 'ready' ? summary.data.waiting : 0
  useEffect(() => setTabBadge(PAGES.home, waiting), [waiting])
  if (summary.status !== 'ready') return null
  const { counts, branch } = summary.data
  const cells = [
    ...INBOX_KINDS.map((kind) => ({ key: kind, label: INBOX_KIND_LABELS[kind], count: counts[kind], open: () => go(PAGES.inbox) })),
    ...(branch
      ? [
          { key: 'evidence', label: AWAITING_EVIDENCE_LABEL, count: branch.awaitingEvidence, open: () => go(PAGES.branchStatus) },
          { key: 'due', label: '临期事项', count: branch.dueSoon + branch.atRisk, open: () => go(PAGES.branchStatus) },
        ]
      : []),
  ]
  return (
    <View className='todo'>
      <View className='todo__head' onClick={() => go(PAGES.inbox)}>
        <Text className='todo__title'>待办</Text>
        <Text className='todo__link'>{waiting > 0 ? `${waiting} 项待审批 ›` : '待办审批 ›'}</Text>
      </View>
      <View className='todo__grid'>
        {cells.map((cell) => (
          <View key={cell.key} className={`todo__cell ${cell.count > 0 ? 'todo__cell--due' : ''}`} onClick={cell.open}>
            <Text className='todo__count'>{cell.count}</Text>
            <Text className='todo__label'>{cell.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
