import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { formatInstant } from '../../../components/activity-format'
import { AppButton } from '../../../components/button'
import { confirm, runAction } from '../../../components/confirm'
import { usePullToRefresh } from '../../../components/page-refresh'
import { ErrorView, LoadingView } from '../../../components/status-view'
import type { MemberRow } from '../../../domain/contracts'
import { MEMBER_PAGE_SIZE_MAX } from '../../../domain/contracts/members'
import { BRANCH_ROLES, BRANCH_ROLE_LABELS, PARTY_STATUS_LABELS, type BranchRole } from '../../../domain/model'
import { ServiceError } from '../../../services/cloud'
import { assignGroup, createInvite, fetchMe, listMembers, transferMember, unbindMember } from '../../../services/members'
import { fetchOrgTree, setMemberFlags, setMemberRoles } from '../../../services/org'
import '../../../components/people.css'

const PAGE_SIZE = 20

interface Listing {
  items: MemberRow[]
  total: number
  groups: { id: string; name: string }[]
  managesRoster: boolean
  administersBranch: boolean
}

interface Draft {
  memberId: string
  roles: BranchRole[]
  isLeadingCadre: boolean
  isDualLeader: boolean
}

/** 支部成员: search, groups, roles; paginated; the secretary hands out invite codes and unbinds. */
export default function MembersPage() {
  const { params } = useRouter()
  const [branchId, setBranchId] = useState<string | null>(params.branchId ?? null)
  const [query, setQuery] = useState('')
  const [search, setSearch] = useState('')
  const [groupId, setGroupId] = useState<string | null>(null)
  const [listing, setListing] = useState<Listing | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ServiceError | null>(null)
  const [attempt, setAttempt] = useState(0)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [transferTargets, setTransferTargets] = useState<{ id: string; name: string }[] | null>(null)

  useEffect(() => {
    if (branchId) return
    fetchMe().then(
      (me) => (me.state === 'bound' ? setBranchId(me.branch.id) : setError(new ServiceError('NOT_BOUND', '请先绑定党员身份'))),
      (failure: unknown) => setError(failure instanceof ServiceError ? failure : new ServiceError('INTERNAL', '加载失败，请稍后重试')),
    )
  }, [branchId])

  const load = useCallback(
    async (offset: number, limit = PAGE_SIZE) => {
      if (!branchId) return
      const page = await listMembers({ branchId, offset, limit, ...(search ? { search } : {}), ...(groupId ? { groupId } : {}) })
      setListing((current) => ({
        items: offset === 0 || !current ? page.items : [...current.items, ...page.items],
        total: page.total,
        groups: page.groups,
        managesRoster: page.managesRoster,
        administersBranch: page.administersBranch,
      }))
    },
    [branchId, search, groupId],
  )

  useEffect(() => {
    let current = true
    setListing(null)
    setError(null)
    load(0).catch((failure: unknown) => {
      if (current) setError(failure instanceof ServiceError ? failure : new ServiceError('INTERNAL', '加载失败，请稍后重试'))
    })
    return () => {
      current = false
    }
  }, [load, attempt])

  // After a change or a pull: the members on screen again, in place (no 加载中…, no jump to the top).
  const shown = listing?.items.length ?? 0
  const reload = useCallback(
    () =>
      load(0, Math.min(Math.max(shown, PAGE_SIZE), MEMBER_PAGE_SIZE_MAX)).catch(() => {
        Taro.showToast({ title: '刷新失败，请稍后重试', icon: 'none' })
      }),
    [load, shown],
  )
  usePullToRefresh(reload)
  if (error) return <ErrorView error={error} onRetry={() => setAttempt((n) => n + 1)} />
  if (!listing) return <LoadingView />

  const more = async () => {
    setLoadingMore(true)
    try {
      await load(listing.items.length)
    } catch {
      Taro.showToast({ title: '加载失败，请重试', icon: 'none' })
    } finally {
      setLoadingMore(false)
    }
  }
  const invite = async (member: MemberRow) => {
    if (!(await confirm({ title: '生成邀请码', content: `为「${member.name}」生成绑定邀请码？邀请码只显示这一次，7 天内有效，只能使用一次。`, confirmText: '生成' }))) return
    try {
      const answer = await createInvite(member.id)
      await Taro.showModal({
        title: '邀请码（只显示一次）',
        content: `${answer.code}\n请发给 ${answer.memberName} 本人，有效期至 ${formatInstant(answer.expiresAt)}。`,
        showCancel: false,
        confirmColor: '#c8161d',
      })
    } catch (failure) {
      const message = failure instanceof ServiceError ? failure.message : '操作失败，请稍后重试'
      Taro.showModal({ title: '未能生成', content: message, showCancel: false })
    }
  }
  const unbind = async (member: MemberRow) => {
    if (!(await confirm({ title: '解除绑定', content: `确定解除「${member.name}」与其微信的绑定吗？解除后对方需重新申请绑定。`, confirmText: '解除绑定', cancelText: '暂不解除' }))) return
    if (await runAction(() => unbindMember(member.id), '已解除绑定')) void reload()
  }

  const openEditor = (member: MemberRow) => {
    setDraft({ memberId: member.id, roles: member.roles, isLeadingCadre: member.details?.isLeadingCadre ?? false, isDualLeader: member.details?.isDualLeader ?? false })
    if (listing.administersBranch && transferTargets === null) {
      fetchOrgTree().then(
        (tree) =>
          setTransferTargets(
            tree.orgs.filter((org) => org.kind === 'branch' && org.canManageCommittee && org.id !== branchId).map((org) => ({ id: org.id, name: org.name })),
          ),
        () => setTransferTargets([]),
      )
    }
  }
  const toggleRole = (role: BranchRole) =>
    setDraft((current) =>
      current && { ...current, roles: current.roles.includes(role) ? current.roles.filter((r) => r !== role) : [...current.roles, role] },
    )
  const saveOffices = async (member: MemberRow, current: Draft) => {
    const ok = await runAction(async () => {
      await setMemberRoles({ memberId: member.id, roles: current.roles })
      await setMemberFlags({ memberId: member.id, isLeadingCadre: current.isLeadingCadre, isDualLeader: current.isDualLeader })
    }, '已保存')
    if (ok) {
      setDraft(null)
      void reload()
    }
  }
  const moveToGroup = async (member: MemberRow, groupId: string | null) => {
    if (await runAction(() => assignGroup(member.id, groupId), '已调整')) {
      setDraft(null)
      void reload()
    }
  }
  const transfer = async (member: MemberRow, target: { id: string; name: string }) => {
    const text = `确定把「${member.name}」的组织关系转入「${target.name}」吗？其在本支部的职务和党小组将被清除，出勤与学时记录保留。`
    if (!(await confirm({ title: '组织关系转接', content: text, confirmText: '转接' }))) return
    if (await runAction(() => transferMember(member.id, target.id), '已转接')) {
      setDraft(null)
      void reload()
    }
  }

  return (
    <View className='ppl-page'>
      <View className='ppl-card'>
        <View className='ppl-actions' style={{ marginTop: 0 }}>
          <Input
            className='ppl-input'
            style={{ flex: 1, marginTop: 0 }}
            value={query}
            maxlength={30}
            placeholder='搜索姓名或学号/工号'
            confirmType='search'
            onInput={(event) => setQuery(event.detail.value)}
            onConfirm={() => setSearch(query.trim())}
          />
          <AppButton kind='primary' small onClick={() => setSearch(query.trim())}>
            搜索
          </AppButton>
        </View>
        {listing.groups.length > 0 && (
          <View className='ppl-chips'>
            <Text className={`ppl-chip ${groupId === null ? 'ppl-chip--active' : ''}`} onClick={() => setGroupId(null)}>
              全部
            </Text>
            {listing.groups.map((group) => (
              <Text
                key={group.id}
                className={`ppl-chip ${groupId === group.id ? 'ppl-chip--active' : ''}`}
                onClick={() => setGroupId(group.id)}
              >
                {group.name}
              </Text>
            ))}
          </View>
        )}
      </View>
      <View className='ppl-card'>
        <Text className='ppl-label'>共 {listing.total} 人</Text>
        {listing.items.length === 0 && <Text className='ppl-muted'>{search ? '没有找到符合条件的党员' : '本支部暂无党员'}</Text>}
        {listing.items.map((member) => (
          <View key={member.id} className='ppl-row'>
            <Text className='ppl-row__name'>{member.name}</Text>
            <View className='ppl-chips' style={{ marginTop: '8px' }}>
              {member.roles.map((role) => (
                <Text key={role} className='ppl-tag'>
                  {BRANCH_ROLE_LABELS[role]}
                </Text>
              ))}
              {member.details?.isLeadingCadre && <Text className='ppl-tag'>党员领导干部</Text>}
              {member.details?.isDualLeader && <Text className='ppl-tag'>双带头人</Text>}
            </View>
            {member.details ? (
              <>
                <Text className='ppl-meta'>
                  {member.details.number} · {PARTY_STATUS_LABELS[member.details.partyStatus]}
                  {member.groupName ? ` · ${member.groupName}` : ''}
                </Text>
                <Text className='ppl-meta'>
                  手机：{member.details.phone ?? '未登记'} · {member.details.bound ? '已绑定微信' : '未绑定微信'}
                </Text>
              </>
            ) : (
              member.groupName && <Text className='ppl-meta'>{member.groupName}</Text>
            )}
            {(listing.managesRoster || listing.administersBranch) && (
              <View className='ppl-actions'>
                <AppButton small onClick={() => (draft?.memberId === member.id ? setDraft(null) : openEditor(member))}>
                  {draft?.memberId === member.id ? '收起' : '调整'}
                </AppButton>
                {!listing.managesRoster ? null : member.details?.bound ? (
                  <AppButton kind='danger' small onClick={() => unbind(member)}>
                    解除绑定
                  </AppButton>
                ) : (
                  <AppButton small onClick={() => invite(member)}>
                    生成邀请码
                  </AppButton>
                )}
              </View>
            )}
            {draft?.memberId === member.id && (
              <View className='ppl-card' style={{ background: '#fafafa', marginTop: '16px', marginBottom: 0 }}>
                {listing.administersBranch && (
                  <>
                    <Text className='ppl-label'>职务（由上级党组织调整）</Text>
                    <View className='ppl-chips'>
                      {BRANCH_ROLES.map((role) => (
                        <Text key={role} className={`ppl-chip ${draft.roles.includes(role) ? 'ppl-chip--active' : ''}`} onClick={() => toggleRole(role)}>
                          {BRANCH_ROLE_LABELS[role]}
                        </Text>
                      ))}
                    </View>
                    <View className='ppl-chips'>
                      <Text
                        className={`ppl-chip ${draft.isLeadingCadre ? 'ppl-chip--active' : ''}`}
                        onClick={() => setDraft({ ...draft, isLeadingCadre: !draft.isLeadingCadre })}
                      >
                        党员领导干部
                      </Text>
                      <Text
                        className={`ppl-chip ${draft.isDualLeader ? 'ppl-chip--active' : ''}`}
                        onClick={() => setDraft({ ...draft, isDualLeader: !draft.isDualLeader })}
                      >
                        双带头人
                      </Text>
                    </View>
                    <AppButton kind='primary' small className='ppl-gap' onClick={() => saveOffices(member, draft)}>
                      保存职务与标记
                    </AppButton>
                  </>
                )}
                {listing.managesRoster && listing.groups.length > 0 && (
                  <>
                    <Text className='ppl-label' style={{ marginTop: '24px' }}>
                      党小组
                    </Text>
                    <View className='ppl-chips'>
                      {[{ id: null, name: '不在党小组' }, ...listing.groups].map((group) => (
                        <Text
                          key={group.id ?? 'none'}
                          className={`ppl-chip ${member.groupId === group.id ? 'ppl-chip--active' : ''}`}
                          onClick={() => moveToGroup(member, group.id)}
                        >
                          {group.name}
                        </Text>
                      ))}
                    </View>
                  </>
                )}
                {listing.administersBranch && (
                  <>
                    <Text className='ppl-label' style={{ marginTop: '24px' }}>
                      组织关系转接到
                    </Text>
                    {transferTargets === null && <Text className='ppl-meta'>加载中…</Text>}
                    {transferTargets?.length === 0 && <Text className='ppl-meta'>您管理的范围内没有其他党支部</Text>}
                    <View className='ppl-chips'>
                      {(transferTargets ?? []).map((target) => (
                        <Text key={target.id} className='ppl-chip' onClick={() => transfer(member, target)}>
                          {target.name}
                        </Text>
                      ))}
                    </View>
                  </>
                )}
              </View>
            )}
          </View>
        ))}
        {listing.items.length < listing.total && (
          <AppButton className='ppl-gap' loading={loadingMore} onClick={more}>
            加载更多（已显示 {listing.items.length}/{listing.total}）
          </AppButton>
        )}
      </View>
    </View>
  )
}
