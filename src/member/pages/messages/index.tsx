import { Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import { useCallback, useState } from 'react'
import { formatInstant } from '../../../components/activity-format'
import { go, setTabBadge } from '../../../components/navigation'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { usePullToRefresh, useReloadOnShow } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import type { MessageView } from '../../../domain/contracts/messages'
import { fetchInbox, markAllRead, markRead } from '../../../services/messages'
import { PAGES } from '../../../routes'
import './index.css'

/** 消息 center: 预警, 督办, 审批结果 and 通报, newest first; opening one marks it read and goes to the page that resolves it. */
export default function MessagesPage() {
  const load = useCallback(() => fetchInbox(), [])
  const inbox = useRemote(load)
  useReloadOnShow(inbox.reload)
  usePullToRefresh(inbox.reload)
  const [more, setMore] = useState<{ messages: MessageView[]; hasMore: boolean } | null>(null)
  const [readIds, setReadIds] = useState<Set<string>>(new Set())
  const [unreadShown, setUnreadShown] = useState<number | null>(null)
  const showUnread = (count: number) => {
    setUnreadShown(count)
    setTabBadge(PAGES.me, count)
  }

  if (inbox.status === 'loading') return <LoadingView />
  if (inbox.status === 'error') return <ErrorView error={inbox.error} onRetry={inbox.reload} />
  const messages = [...inbox.data.messages, ...(more?.messages ?? [])]
  const hasMore = more ? more.hasMore : inbox.data.hasMore
  const unread = unreadShown ?? inbox.data.unread
  const isRead = (message: MessageView) => message.read || readIds.has(message.id)

  const open = (message: MessageView) => {
    if (!isRead(message)) {
      setReadIds((current) => new Set(current).add(message.id))
      void markRead(message.id).then(({ unread: left }) => showUnread(left), () => undefined)
    }
    // A link may be a tab (首页, 达标): go() opens it as a tab.
    go(`/${message.link}`)
  }
  const loadMore = async () => {
    const page = await fetchInbox(messages.at(-1))
    setMore({ messages: [...(more?.messages ?? []), ...page.messages], hasMore: page.hasMore })
  }
  const readAll = async () => {
    await markAllRead()
    setReadIds(new Set(messages.map((message) => message.id)))
    showUnread(0)
  }

  return (
    <View className='msg-page'>
      <View className='msg-head'>
        <Text className='msg-head__count'>{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
        {unread > 0 && (
          <Text className='msg-head__action' onClick={readAll}>
            全部标为已读
          </Text>
        )}
      </View>
      {messages.length === 0 && (
        <View className='msg-card'>
          <Text className='msg-empty'>暂无消息。预警、督办、审批结果和月度通报会出现在这里。</Text>
        </View>
      )}
      {messages.map((message) => (
        <View key={message.id} className={`msg-card ${isRead(message) ? 'msg-card--read' : ''}`} onClick={() => open(message)}>
          <View className='msg-card__top'>
            <Text className={`msg-kind msg-kind--${message.kind}`}>{message.kindLabel}</Text>
            {!isRead(message) && <Text className='msg-dot'>未读</Text>}
            <Text className='msg-time'>{formatInstant(message.createdAt)}</Text>
          </View>
          <Text className='msg-title'>{message.title}</Text>
          <Text className='msg-body'>{message.body}</Text>
          <Text className='msg-foot'>
            {message.pushLabel} · 去处理 ›
          </Text>
        </View>
      ))}
      {hasMore && (
        <AppButton small className='msg-more' onClick={loadMore}>
          加载更早的消息
        </AppButton>
      )}
    </View>
  )
}
