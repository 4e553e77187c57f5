import { Button, Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import type { RequirementLineView } from '../../domain/contracts'
import { formatDate } from '../../components/compliance-format'
import { go, useTabBadges, useTabQuery } from '../../components/navigation'
import { usePullToRefresh } from '../../components/page-refresh'
import { ErrorView, LoadingView } from '../../components/status-view'
import { useRemote } from '../../components/use-remote'
import { fetchBranchStatus } from '../../services/compliance'
import '../../components/activity.css'
import '../../components/compliance.css'
import { PAGES } from '../../routes'

const PERIOD_TABS = [
  { kind: 'month', label: '月度', pattern: /^\d{4}-\d{2}$/ },
  { kind: 'quarter', label: '季度', pattern: /^\d{4}-Q\d$/ },
  { kind: 'semester', label: '学期', pattern: /^\d{4}-(spring|autumn)$/ },
  { kind: 'year', label: '年度', pattern: /^\d{4}$/ },
] as const

/** Periods that have started, newest first; within one, what still needs doing first. */
const STATUS_ORDER: Record<RequirementLineView['status'], number> = { missed: 0, due_soon: 1, open: 2, done: 3, not_applicable: 4 }

function linesOf(lines: RequirementLineView[], pattern: RegExp, asOf: string): RequirementLineView[] {
  return lines
    .filter((line) => pattern.test(line.periodKey))
    .filter((line) => line.periodStart <= asOf && (line.status !== 'open' || line.periodEnd > asOf))
    .sort((a, b) => b.periodEnd.localeCompare(a.periodEnd) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
}

export default function BranchStatusPage() {
  const branchId = useTabQuery().branchId
  useTabBadges()
  const load = useCallback(() => fetchBranchStatus(branchId), [branchId])
  const status = useRemote(load)
  usePullToRefresh(status.reload)
  const [tab, setTab] = useState(0)
  if (status.status === 'loading') return <LoadingView />
  if (status.status === 'error') return <ErrorView error={status.error} onRetry={status.reload} />
  const data = status.data
  const lines = linesOf(data.lines, PERIOD_TABS[tab].pattern, data.asOf)
  return (
    <View className='act-page'>
      <View className={`light-banner light-banner--${data.light}`}>
        <Text className='light-banner__title'>
          {data.branchName} · {data.lightLabel}
        </Text>
        <Text className='light-banner__meta'>
          {data.year} 年 · 统计于 {formatDate(data.asOf)}
        </Text>
        {data.reasons.slice(0, 3).map((reason) => (
          <Text key={reason.message} className='light-banner__meta'>
            · {reason.message}
          </Text>
        ))}
      </View>
      <Button
        className='act-button act-button--primary'
        onClick={() => go(`${PAGES.scoreSheet}?branchId=${data.branchId}`)}
      >
        查看达标测评表
      </Button>
      <View className='tabs'>
        {PERIOD_TABS.map((item, index) => (
          <Text key={item.kind} className={`tabs__item ${index === tab ? 'tabs__item--active' : ''}`} onClick={() => setTab(index)}>
            {item.label}
          </Text>
        ))}
      </View>
      <View className='act-card'>
        {lines.length === 0 && <Text className='act-empty'>这一类周期暂无要求</Text>}
        {lines.map((line) => (
          <View key={`${line.requirementId}-${line.periodKey}-${line.groupName ?? ''}`} className='act-row'>
            <View className='act-row__main'>
              <Text className='act-row__title'>
                {line.label}
                {line.groupName ? ` · ${line.groupName}` : ''}
              </Text>
              <Text className='act-row__sub'>
                {line.periodLabel} · 完成 {line.counted}/{line.required}
                {line.status === 'open' || line.status === 'due_soon' ? ` · 剩 ${line.daysLeft} 天` : ''}
              </Text>
              {line.uncounted.map((activity) => (
                <Text key={activity.activityId} className='act-row__sub'>
                  「{activity.topic}」未计入：{activity.reasons.join('、')}
                </Text>
              ))}
              {line.note && <Text className='act-row__sub'>{line.note}</Text>}
            </View>
            <Text className={`status--${line.status}`}>{line.statusLabel}</Text>
          </View>
        ))}
      </View>
      <View className='act-card'>
        <Text className='act-label'>待补痕迹（{data.awaitingEvidence.length}）</Text>
        {data.awaitingEvidence.length === 0 && <Text className='act-empty'>没有待补痕迹的活动</Text>}
        {data.awaitingEvidence.map((gap) => (
          <View
            key={gap.activityId}
            className='act-row'
            onClick={() => go(`${PAGES.activity}?id=${gap.activityId}`)}
          >
            <View className='act-row__main'>
              <Text className='act-row__title'>{gap.topic}</Text>
              <Text className='act-row__sub'>
                {formatDate(gap.startAt)} · 缺少{gap.missing.map((kind) => (kind === 'photo' ? '照片' : '会议记录')).join('和')}
              </Text>
            </View>
          </View>
        ))}
      </View>
      <View className='act-card'>
        <Text className='act-label'>
          {data.canManage ? `学时进度落后（${data.membersBehind.length}）· ` : '学时 · '}已达标 {data.studyHours.metCount}/{data.studyHours.memberCount} 人
        </Text>
        {data.membersBehind.length === 0 && (
          <Text className='act-empty'>{data.canManage ? '全体党员学时进度正常' : '您的学时进度正常'}</Text>
        )}
        {data.membersBehind.map((member) => (
          <View key={member.memberId} className='act-row'>
            <View className='act-row__main'>
              <Text className='act-row__title'>{member.name}</Text>
              <Text className='act-row__sub'>
                已有 {member.totalHours} 学时，按进度应有 {member.expectedByNow}（全年 {member.target}）
              </Text>
            </View>
          </View>
        ))}
      </View>
      {data.canManage && (
        <View className='act-card'>
          <View className='act-row' onClick={() => go(PAGES.inbox)}>
            <Text className='act-label'>自学学时审核在「待办审批」中</Text>
            <Text>›</Text>
          </View>
        </View>
      )}
      <View className='act-card'>
        <Text className='act-label'>组织设置与换届</Text>
        {data.setupChecks.map((check) => (
          <View key={check.id} className='act-row'>
            <View className='act-row__main'>
              <Text className='act-row__title'>{check.label}</Text>
              <Text className='act-row__sub'>{check.message}</Text>
            </View>
            <Text className={check.status === 'ok' ? 'status--done' : check.status === 'warning' ? 'status--due_soon' : 'status--missed'}>
              {check.statusLabel}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}
