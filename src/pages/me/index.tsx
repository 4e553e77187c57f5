import { Text, View } from '@tarojs/components'
import { AppButton } from '../../components/button'
import { useEffect } from 'react'
import { go, setTabBadge, useTabBadges } from '../../components/navigation'

import { ErrorView, LoadingView } from '../../components/status-view'
import { useReloadOnShow } from '../../components/page-refresh'
import { useRemote } from '../../components/use-remote'
import { BIND_METHOD_LABELS, BRANCH_ROLE_LABELS, MEMBER_CATEGORY_LABELS, PARTY_STATUS_LABELS } from '../../domain/model'
import { fetchWhoami } from '../../services/identity'
import { fetchMe } from '../../services/members'
import '../../components/people.css'
import { PAGES } from '../../routes'


/** 我的: profile and binding state, the 消息 center (its unread count is this tab's badge), the roster pages for those who manage one. */
export default function MePage() {
  const me = useRemote(fetchMe)
  const whoami = useRemote(fetchWhoami)
  useReloadOnShow(() => Promise.all([me.reload(), whoami.reload()]))
  useTabBadges()
  const answer = whoami.status === 'ready' ? whoami.data : null
  const unread = answer?.unreadMessages ?? 0
  useEffect(() => {
    if (answer) setTabBadge(PAGES.me, answer.unreadMessages)
  }, [answer])
  if (me.status === 'loading') return <LoadingView />
  if (me.status === 'error') return <ErrorView error={me.error} onRetry={me.reload} />
  const data = me.data
  if (data.state === 'unbound') {
    return (
      <View className='ppl-page'>
        <View className='ppl-card'>
          <Text className='ppl-title'>尚未绑定党员身份</Text>
          {data.pending ? (
            <Text className='ppl-meta'>
              已申请绑定「{data.pending.branchName} · {data.pending.memberName}」（{BIND_METHOD_LABELS[data.pending.method]}），等待支部书记审批
            </Text>
          ) : (
            <Text className='ppl-meta'>绑定花名册中的党员身份后，才能查看支部活动、签到和学时。</Text>
          )}
          <AppButton kind='primary' className='ppl-gap' onClick={() => go(PAGES.bind)}>
            {data.pending ? '查看绑定申请' : '去绑定'}
          </AppButton>
        </View>
      </View>
    )
  }
  const { member, branch, managesRoster, rulesOrgs } = data
  const { details } = member
  return (
    <View className='ppl-page'>
      <View className='ppl-card ppl-hero'>
        <Text className='ppl-title'>{member.name}</Text>
        <Text className='ppl-meta'>{member.roles.map((role) => BRANCH_ROLE_LABELS[role]).join('、') || '党员'}</Text>
        <Text className='ppl-meta'>
          {MEMBER_CATEGORY_LABELS[member.category]} · {PARTY_STATUS_LABELS[details.partyStatus]} · {details.number}
        </Text>
      </View>
      <View className='ppl-card'>
        <Text className='ppl-label'>我的信息</Text>
        <Text className='ppl-text'>所在支部：{branch.name}</Text>
        {member.groupName && <Text className='ppl-text'>党小组：{member.groupName}</Text>}
        <Text className='ppl-text'>入党时间：{details.joinedOn}</Text>
        <Text className='ppl-text'>手机号：{details.phone ?? '未登记'}</Text>
        {(details.isLeadingCadre || details.isDualLeader) && (
          <View className='ppl-chips'>
            {details.isLeadingCadre && <Text className='ppl-tag'>党员领导干部</Text>}
            {details.isDualLeader && <Text className='ppl-tag'>双带头人</Text>}
          </View>
        )}
        <Text className='ppl-meta'>微信绑定：已绑定（如需解绑请联系支部书记）</Text>
      </View>
      <View className='ppl-card'>
        <View className='ppl-link' onClick={() => go(PAGES.messages)}>
          <Text>消息</Text>
          <Text className={unread > 0 ? 'ppl-unread' : ''}>{unread > 0 ? `${unread} 条未读 ›` : '›'}</Text>
        </View>
        <View className='ppl-link' onClick={() => go(`${PAGES.members}?branchId=${branch.id}`)}>
          <Text>支部成员</Text>
          <Text>›</Text>
        </View>
        {managesRoster && (
          <View className='ppl-link' onClick={() => go(`${PAGES.rosterImport}?branchId=${branch.id}`)}>
            <Text>导入花名册</Text>
            <Text>›</Text>
          </View>
        )}
        {managesRoster && (
          <View className='ppl-link' onClick={() => go(PAGES.orgTree)}>
            <Text>组织架构</Text>
            <Text>›</Text>
          </View>
        )}
        {managesRoster && (
          <View className='ppl-link' onClick={() => go(PAGES.inbox)}>
            <Text>待办审批（含绑定申请）</Text>
            <Text>›</Text>
          </View>
        )}
        {rulesOrgs.map((org) => (
          <View key={org.id} className='ppl-link' onClick={() => go(`${PAGES.rulesets}?orgId=${org.id}`)}>
            <Text>组织生活规则 · {org.name}</Text>
            <Text>›</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
