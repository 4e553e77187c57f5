import { Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import { go, setTabBadge, useTabBadges } from '../../components/navigation'

import { BRANCH_ROLE_LABELS, COMMITTEE_ROLES, MEMBER_CATEGORY_LABELS, PARTY_STATUS_LABELS } from '../../domain/model'
import { ErrorView, LoadingView } from '../../components/status-view'
import { TodoCard } from '../../components/todo-card'
import { UpcomingActivities } from '../../components/upcoming-activities'
import { useReloadOnShow } from '../../components/page-refresh'
import { useRemote } from '../../components/use-remote'
import { fetchWhoami } from '../../services/identity'
import './index.css'
import { PAGES } from '../../routes'

export default function HomePage() {
  const whoami = useRemote(fetchWhoami)
  useReloadOnShow(whoami.reload)
  useTabBadges()
  // 消息 unread, on 我的 where the 消息 center is (首页 carries the 待办); each answer of whoami sets it.
  const answer = whoami.status === 'ready' ? whoami.data : null
  useEffect(() => {
    if (answer) setTabBadge(PAGES.me, answer.unreadMessages)
  }, [answer])
  if (whoami.status === 'loading') return <LoadingView />
  if (whoami.status === 'error') return <ErrorView error={whoami.error} onRetry={whoami.reload} />
  const { member, branch, group, ancestors, adminOrgs } = whoami.data
  const roleText = member.roles.map((role) => BRANCH_ROLE_LABELS[role]).join('、') || '党员'
  return (
    <View className='home'>
      <View className='home__card home__me'>
        <Text className='home__name'>{member.name}</Text>
        <Text className='home__role'>{roleText}</Text>
        <Text className='home__meta'>
          {MEMBER_CATEGORY_LABELS[member.category]} · {PARTY_STATUS_LABELS[member.partyStatus]} · {member.number}
        </Text>
        <Text className='home__meta' onClick={() => go(PAGES.me)}>
          我的资料与身份绑定 ›
        </Text>
      </View>
      <View className='home__card'>
        <Text className='home__label'>我的支部</Text>
        <Text className='home__branch'>{branch.name}</Text>
        <Text className='home__meta'>
          {ancestors.map((org) => org.name).join(' › ')}
          {branch.isCombined ? ' · 联合党支部' : ''}
        </Text>
        <Text className='home__meta'>
          党员 {branch.memberCount} 人{group ? ` · 所在党小组：${group.name}` : ''}
        </Text>
      </View>
      {(member.roles.some((role) => COMMITTEE_ROLES.includes(role)) || adminOrgs.length > 0) && <TodoCard />}
      <UpcomingActivities branchId={branch.id} />
      <View className='home__card home__entries'>
        <Text className='home__entry' onClick={() => go(PAGES.myHours)}>
          我的学时
        </Text>
        <Text className='home__entry' onClick={() => go(PAGES.branchStatus)}>
          支部达标
        </Text>
        <Text className='home__entry' onClick={() => go(PAGES.gallery)}>
          支部相册
        </Text>
        {(member.roles.some((role) => COMMITTEE_ROLES.includes(role)) || adminOrgs.length > 0) && (
          <Text className='home__entry' onClick={() => go(`${PAGES.ledger}?branchId=${branch.id}`)}>
            台账导出
          </Text>
        )}
        {member.roles.some((role) => COMMITTEE_ROLES.includes(role)) && (
          <Text className='home__entry' onClick={() => go(`${PAGES.supervision}?branchId=${branch.id}`)}>
            督办事项
          </Text>
        )}
      </View>
      {adminOrgs.length > 0 && (
        <View className='home__card'>
          <Text className='home__label'>我管理的组织</Text>
          {adminOrgs.map((org) => (
            <View
              key={org.id}
              className='home__admin-org'
              onClick={() => go(`${PAGES.dashboard}?orgId=${org.id}`)}
            >
              <Text className='home__branch'>{org.name}</Text>
              <Text className='home__link'>达标看板 ›</Text>
            </View>
          ))}
          <View className='home__admin-links'>
            <Text className='home__entry' onClick={() => go(PAGES.supervisions)}>
              督办跟踪
            </Text>
            <Text className='home__entry' onClick={() => go(PAGES.report)}>
              月度通报
            </Text>
          </View>
        </View>
      )}
    </View>
  )
}
