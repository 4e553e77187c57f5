import { Input, Picker, Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import { go } from '../../../components/navigation'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { wallDate } from '../../../components/activity-format'
import { confirm, runAction } from '../../../components/confirm'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { usePullToRefresh, useReloadOnShow } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import type { OrgNode } from '../../../domain/contracts'
import { MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS, ORG_KIND_LABELS, type MemberCategory, type OrgKind } from '../../../domain/model'
import { createOrg, deleteOrg, fetchOrgTree, moveOrg, renameOrg, setCommitteeTerm } from '../../../services/org'
import '../../../components/people.css'
import { PAGES } from '../../../routes'

const CHILD_KIND: Partial<Record<OrgKind, OrgKind>> = { party_committee: 'general_branch', general_branch: 'branch', branch: 'group' }

type Editing =
  | { kind: 'create'; node: OrgNode; childKind: OrgKind }
  | { kind: 'rename'; node: OrgNode }
  | { kind: 'move'; node: OrgNode }
  | { kind: 'term'; node: OrgNode }

/** Depth-first order: every org right after its parent. */
function ordered(orgs: OrgNode[]): { node: OrgNode; depth: number }[] {
  const children = new Map<string | null, OrgNode[]>()
  for (const org of orgs) children.set(org.parentId, [...(children.get(org.parentId) ?? []), org])
  const known = new Set(orgs.map((org) => org.id))
  const roots = orgs.filter((org) => org.parentId === null || !known.has(org.parentId))
  const result: { node: OrgNode; depth: number }[] = []
  const visit = (node: OrgNode, depth: number) => {
    result.push({ node, depth })
    for (const child of children.get(node.id) ?? []) visit(child, depth + 1)
  }
  roots.forEach((root) => visit(root, 0))
  return result
}

/** A branch's committee is managed from above; a group can be created by whoever administers its branch. */
function mayCreateUnder(node: OrgNode): boolean {
  if (node.kind === 'group') return false
  return node.kind === 'branch' ? node.canManageCommittee : node.canManageStructure
}

/** 组织架构: 党委 → 党总支 → 党支部 → 党小组, with what the caller may change. */
export default function OrgTreePage() {
  const tree = useRemote(fetchOrgTree)
  useReloadOnShow(tree.reload)
  usePullToRefresh(tree.reload)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [name, setName] = useState('')
  const [category, setCategory] = useState<MemberCategory>('student')
  const [termStart, setTermStart] = useState('')

  if (tree.status === 'loading') return <LoadingView />
  if (tree.status === 'error') return <ErrorView error={tree.error} onRetry={tree.reload} />
  const rows = ordered(tree.data.orgs)
  const generalBranches = tree.data.orgs.filter((org) => org.kind === 'general_branch')

  const open = (next: Editing) => {
    setEditing(next)
    setName(next.kind === 'rename' ? next.node.name : '')
    setTermStart(next.node.committeeTermStart ? wallDate(next.node.committeeTermStart) : '')
    Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
  }
  const finish = async (action: () => Promise<unknown>, done: string) => {
    if (await runAction(action, done)) {
      setEditing(null)
      tree.reload()
    }
  }
  const remove = async (node: OrgNode) => {
    if (!(await confirm({ title: '删除组织', content: `确定删除「${node.name}」吗？只有没有下级组织、党员和活动的组织才能删除，删除后不可恢复。`, confirmText: '确认删除', cancelText: '暂不删除' }))) return
    await finish(() => deleteOrg(node.id), '已删除')
  }
  const move = async (node: OrgNode, target: OrgNode) => {
    if (!(await confirm({ title: '移动党支部', content: `确定把「${node.name}」移到「${target.name}」下吗？`, confirmText: '移动' }))) return
    await finish(() => moveOrg(node.id, target.id), '已移动')
  }

  return (
    <View className='ppl-page'>
      {editing && (
        <View className='ppl-card'>
          <Text className='ppl-label'>
            {editing.kind === 'create' && `在「${editing.node.name}」下新增${ORG_KIND_LABELS[editing.childKind]}`}
            {editing.kind === 'rename' && `重命名「${editing.node.name}」`}
            {editing.kind === 'move' && `把「${editing.node.name}」移到`}
            {editing.kind === 'term' && `「${editing.node.name}」支委会任期开始日期（换届日期）`}
          </Text>
          {(editing.kind === 'create' || editing.kind === 'rename') && (
            <Input className='ppl-input' value={name} maxlength={40} placeholder='组织名称' onInput={(event) => setName(event.detail.value)} />
          )}
          {editing.kind === 'create' && editing.childKind === 'branch' && (
            <View className='ppl-chips'>
              {MEMBER_CATEGORIES.map((item) => (
                <Text key={item} className={`ppl-chip ${category === item ? 'ppl-chip--active' : ''}`} onClick={() => setCategory(item)}>
                  {MEMBER_CATEGORY_LABELS[item]}党支部
                </Text>
              ))}
            </View>
          )}
          {editing.kind === 'move' && (
            <View className='ppl-chips'>
              {generalBranches
                .filter((org) => org.id !== editing.node.parentId)
                .map((org) => (
                  <Text key={org.id} className='ppl-chip' onClick={() => move(editing.node, org)}>
                    {org.name}
                  </Text>
                ))}
            </View>
          )}
          {editing.kind === 'term' && (
            <Picker mode='date' value={termStart} onChange={(event) => setTermStart(String(event.detail.value))}>
              <View className='ppl-input'>{termStart || '选择日期'}</View>
            </Picker>
          )}
          <View className='ppl-actions'>
            {editing.kind === 'create' && (
              <AppButton
                kind='primary'
                small
                onClick={() =>
                  finish(
                    () =>
                      createOrg({
                        parentId: editing.node.id,
                        name: name.trim(),
                        ...(editing.childKind === 'branch' ? { category } : {}),
                      }),
                    '已新增',
                  )
                }
              >
                保存
              </AppButton>
            )}
            {editing.kind === 'rename' && (
              <AppButton kind='primary' small onClick={() => finish(() => renameOrg(editing.node.id, name.trim()), '已保存')}>
                保存
              </AppButton>
            )}
            {editing.kind === 'term' && (
              <AppButton kind='primary' small onClick={() => finish(() => setCommitteeTerm(editing.node.id, termStart || null), '已保存')}>
                保存
              </AppButton>
            )}
            <AppButton small onClick={() => setEditing(null)}>
              取消
            </AppButton>
          </View>
        </View>
      )}
      <View className='ppl-card'>
        {rows.map(({ node, depth }) => {
          const childKind = CHILD_KIND[node.kind]
          return (
            <View key={node.id} className='ppl-row' style={{ paddingLeft: `${depth * 32}px` }}>
              <Text className='ppl-row__name'>{node.name}</Text>
              <Text className='ppl-meta'>
                {ORG_KIND_LABELS[node.kind]}
                {node.category ? ` · ${MEMBER_CATEGORY_LABELS[node.category]}` : ''}
                {node.isCombined ? ' · 联合党支部' : ''}
                {node.kind === 'branch' ? ` · 换届日期：${node.committeeTermStart ? wallDate(node.committeeTermStart) : '未设立支委会'}` : ''}
              </Text>
              <View className='ppl-actions'>
                {node.kind === 'branch' && (
                  <AppButton small onClick={() => go(`${PAGES.members}?branchId=${node.id}`)}>
                    成员
                  </AppButton>
                )}
                {childKind && mayCreateUnder(node) && (
                  <AppButton small onClick={() => open({ kind: 'create', node, childKind })}>
                    新增{ORG_KIND_LABELS[childKind]}
                  </AppButton>
                )}
                {node.canManageStructure && (
                  <AppButton small onClick={() => open({ kind: 'rename', node })}>
                    重命名
                  </AppButton>
                )}
                {node.kind === 'branch' && node.canManageStructure && (
                  <AppButton small onClick={() => open({ kind: 'move', node })}>
                    移动
                  </AppButton>
                )}
                {node.kind === 'branch' && node.canManageCommittee && (
                  <AppButton small onClick={() => open({ kind: 'term', node })}>
                    换届日期
                  </AppButton>
                )}
                {node.canManageStructure && node.parentId !== null && (
                  // Destructive: red on pink, apart from the others at the row's end.
                  <AppButton kind='danger' small className='ppl-apart' onClick={() => remove(node)}>
                    删除
                  </AppButton>
                )}
              </View>
            </View>
          )
        })}
      </View>
    </View>
  )
}
