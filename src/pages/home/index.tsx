import { Text, View } from '@tarojs/components'
import { BRANCH_ROLE_LABELS, MEMBER_CATEGORY_LABELS, PARTY_STATUS_LABELS } from '../../domain/model'
import { ErrorView, LoadingView } from '../../components/status-view'
import { useRemote } from '../../components/use-remote'
import { fetchWhoami } from '../../services/identity'
import './index.css'

export default function HomePage() {
  const whoami = useRemote(fetchWhoami)
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
      {adminOrgs.length > 0 && (
        <View className='home__card'>
          <Text className='home__label'>我管理的组织</Text>
          {adminOrgs.map((org) => (
            <Text key={org.id} className='home__branch'>
              {org.name}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}
