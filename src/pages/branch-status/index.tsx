import { Text, View } from '@tarojs/components'
import { useCallback, useMemo, useState } from 'react'
import type { RequirementLineView } from '../../domain/contracts'
import {
  attentionLabel,
  CELL_TONE_LABELS,
  COUNTING_RULE_LABEL,
  shortfallLabel,
  statusGrids,
  type CellTone,
  type GridCell,
} from '../../domain/compliance/grid'
import { AppButton } from '../../components/button'
import { formatDate } from '../../components/compliance-format'
import { go, useTabBadges, useTabQuery } from '../../components/navigation'
import { usePullToRefresh } from '../../components/page-refresh'
import { ErrorView, LoadingView } from '../../components/status-view'
import { useRemote } from '../../components/use-remote'
import { fetchBranchStatus } from '../../services/compliance'
import '../../components/activity.css'
import '../../components/compliance.css'
import './index.css'
import { PAGES } from '../../routes'

/** Above this many columns a cell shows only its count (12 months at 320 px wide). */
const WIDE_COLUMNS = 4
const ATTENTION_SHOWN = 4
const BEHIND_SHOWN = 3
/** 临期 and 有风险 share a colour and so one legend entry. */
const LEGEND: { tone: CellTone; label: string }[] = [
  { tone: 'done', label: CELL_TONE_LABELS.done },
  { tone: 'open', label: CELL_TONE_LABELS.open },
  { tone: 'at_risk', label: `${CELL_TONE_LABELS.due_soon}/${CELL_TONE_LABELS.at_risk}` },
  { tone: 'missed', label: CELL_TONE_LABELS.missed },
  { tone: 'future', label: CELL_TONE_LABELS.future },
]

type Cell = GridCell<RequirementLineView>

function CellDetail({ cell, onClose }: { cell: Cell; onClose: () => void }) {
  const { line } = cell
  const missing = shortfallLabel(line)
  return (
    <View className='grid-sheet' onClick={onClose}>
      <View className='grid-sheet__body grid-detail' onClick={(event) => event.stopPropagation()}>
        <Text className='act-title'>
          {line.periodLabel} · {line.name}
          {line.groupName ? ` · ${line.groupName}` : ''}
        </Text>
        <View className='act-row'>
          <Text className='act-meta'>
            完成 {line.counted}/{line.required}
            {missing ? ` · ${missing}` : ''}
            {cell.tone === 'open' || cell.tone === 'at_risk' || cell.tone === 'due_soon' ? ` · 剩 ${line.daysLeft} 天` : ''}
          </Text>
          <Text className={`status--${cell.tone}`}>{CELL_TONE_LABELS[cell.tone]}</Text>
        </View>
        <Text className='act-label'>要求</Text>
        <Text className='act-meta'>{line.label}</Text>
        <Text className='act-meta'>{COUNTING_RULE_LABEL}</Text>
        {line.note && <Text className='act-meta'>{line.note}</Text>}
        <Text className='act-label grid-detail__heading'>已计入（{line.countedActivities.length}）</Text>
        {line.countedActivities.length === 0 && <Text className='act-empty'>还没有计入的活动</Text>}
        {line.countedActivities.map((activity) => (
          <View key={activity.activityId} className='act-row' onClick={() => go(`${PAGES.activity}?id=${activity.activityId}`)}>
            <Text className='act-row__title'>{activity.topic}</Text>
            <Text>›</Text>
          </View>
        ))}
        {line.uncounted.length > 0 && <Text className='act-label grid-detail__heading'>未计入（{line.uncounted.length}）</Text>}
        {line.uncounted.map((activity) => (
          <View key={activity.activityId} className='act-row' onClick={() => go(`${PAGES.activity}?id=${activity.activityId}`)}>
            <View className='act-row__main'>
              <Text className='act-row__title'>{activity.topic}</Text>
              <Text className='act-row__sub'>{activity.reasons.join('、')}</Text>
            </View>
            <Text>›</Text>
          </View>
        ))}
        <AppButton onClick={onClose}>关闭</AppButton>
      </View>
    </View>
  )
}

export default function BranchStatusPage() {
  const branchId = useTabQuery().branchId
  useTabBadges()
  const load = useCallback(() => fetchBranchStatus(branchId), [branchId])
  const status = useRemote(load)
  usePullToRefresh(status.reload)
  const [tab, setTab] = useState(0)
  const [opened, setOpened] = useState<Cell | null>(null)
  const grids = useMemo(() => (status.status === 'ready' ? statusGrids(status.data.lines, status.data.asOf) : []), [status])
  if (status.status === 'loading') return <LoadingView />
  if (status.status === 'error') return <ErrorView error={status.error} onRetry={status.reload} />
  const data = status.data
  const grid = grids[Math.min(tab, grids.length - 1)]
  const wide = grid ? grid.columns.length <= WIDE_COLUMNS : false
  const problems = data.setupChecks.filter((check) => check.status !== 'ok')
  return (
    <View className='act-page'>
      <View className={`light-banner light-banner--${data.light} status-banner`}>
        <Text className='light-banner__title'>
          {data.branchName} · {data.lightLabel}
        </Text>
        <Text className='light-banner__meta'>
          {data.year} 年 · 统计于 {formatDate(data.asOf)}
        </Text>
        {data.reasons.slice(0, 2).map((reason) => (
          <Text key={reason.message} className='light-banner__meta'>
            · {reason.message}
          </Text>
        ))}
      </View>
      <View className='tabs'>
        {grids.map((item, index) => (
          <Text key={item.kind} className={`tabs__item ${item === grid ? 'tabs__item--active' : ''}`} onClick={() => setTab(index)}>
            {item.label}
            {item.attention.length > 0 ? ` ${item.attention.length}` : ''}
          </Text>
        ))}
      </View>
      <View className='act-card'>
        {!grid && <Text className='act-empty'>今年暂无适用的要求</Text>}
        {grid && (
          <View className='grid'>
            <View className='grid-row grid-row--head'>
              <Text className='grid-row__title'>{data.year} 年</Text>
              {grid.columns.map((column) => (
                <Text key={column.periodKey} className={`grid-head ${column.current ? 'grid-head--current' : ''}`}>
                  {column.shortLabel}
                </Text>
              ))}
            </View>
            {grid.rows.map((row) => (
              <View key={row.key} className='grid-row'>
                <Text className='grid-row__title'>{row.title}</Text>
                {row.cells.map((cell, index) =>
                  cell ? (
                    <View
                      key={grid.columns[index].periodKey}
                      className={`grid-cell grid-cell--${cell.tone} ${wide ? 'grid-cell--wide' : ''}`}
                      onClick={() => setOpened(cell)}
                    >
                      <Text className='grid-cell__text'>{wide ? cell.text || CELL_TONE_LABELS[cell.tone] : cell.text && String(cell.line.counted)}</Text>
                      {wide && cell.text && (
                        <Text className='grid-cell__sub'>
                          {cell.tone === 'done' || cell.tone === 'missed' ? CELL_TONE_LABELS[cell.tone] : `剩 ${cell.line.daysLeft} 天`}
                        </Text>
                      )}
                    </View>
                  ) : (
                    <View key={grid.columns[index].periodKey} className='grid-cell grid-cell--none' />
                  ),
                )}
              </View>
            ))}
            <View className='grid-legend'>
              {LEGEND.map((entry) => (
                <View key={entry.tone} className='grid-legend__item'>
                  <View className={`grid-legend__swatch grid-cell--${entry.tone}`} />
                  <Text className='grid-legend__label'>{entry.label}</Text>
                </View>
              ))}
            </View>
            {!wide && <Text className='act-row__sub'>格中数字为已计入的活动数，点格子看详情</Text>}
          </View>
        )}
      </View>
      {grid && grid.attention.length > 0 && (
        <View className='act-card'>
          <Text className='act-label'>需要关注（{grid.attention.length}）</Text>
          {grid.attention.slice(0, ATTENTION_SHOWN).map((cell) => (
            <View key={`${cell.line.requirementId}-${cell.line.periodKey}-${cell.line.groupName ?? ''}`} className='act-row' onClick={() => setOpened(cell)}>
              <Text className={`act-row__title attention--${cell.tone}`}>{attentionLabel(cell.line, cell.tone)}</Text>
              <Text>›</Text>
            </View>
          ))}
          {grid.attention.length > ATTENTION_SHOWN && (
            <Text className='act-row__sub'>还有 {grid.attention.length - ATTENTION_SHOWN} 项，见上表</Text>
          )}
        </View>
      )}
      <View className='act-card'>
        <View className='act-row' onClick={() => go(`${PAGES.scoreSheet}?branchId=${data.branchId}`)}>
          <Text className='act-row__title'>查看达标测评表</Text>
          <Text>›</Text>
        </View>
        {data.awaitingEvidence.map((gap) => (
          <View key={gap.activityId} className='act-row' onClick={() => go(`${PAGES.activity}?id=${gap.activityId}`)}>
            <View className='act-row__main'>
              <Text className='act-row__title'>待补痕迹：{gap.topic}</Text>
              <Text className='act-row__sub'>
                {formatDate(gap.startAt)} · 缺少{gap.missing.map((kind) => (kind === 'photo' ? '照片' : '会议记录')).join('和')}
              </Text>
            </View>
            <Text>›</Text>
          </View>
        ))}
        <View className='act-row'>
          <View className='act-row__main'>
            <Text className='act-row__title'>
              学时已达标 {data.studyHours.metCount}/{data.studyHours.memberCount} 人
            </Text>
            <Text className='act-row__sub'>
              {data.membersBehind.length === 0
                ? data.canManage
                  ? '全体党员学时进度正常'
                  : '您的学时进度正常'
                : `进度落后：${data.membersBehind
                    .slice(0, BEHIND_SHOWN)
                    .map((member) => `${member.name} ${member.totalHours}/${member.expectedByNow}`)
                    .join('、')}${data.membersBehind.length > BEHIND_SHOWN ? ` 等 ${data.membersBehind.length} 人` : ''}`}
            </Text>
          </View>
        </View>
        {problems.length === 0 && (
          <View className='act-row'>
            <Text className='act-row__title'>组织设置与换届</Text>
            <Text className='status--done'>正常</Text>
          </View>
        )}
        {problems.map((check) => (
          <View key={check.id} className='act-row'>
            <View className='act-row__main'>
              <Text className='act-row__title'>{check.label}</Text>
              <Text className='act-row__sub'>{check.message}</Text>
            </View>
            <Text className={check.status === 'warning' ? 'status--due_soon' : 'status--missed'}>{check.statusLabel}</Text>
          </View>
        ))}
        {data.canManage && (
          <View className='act-row' onClick={() => go(PAGES.inbox)}>
            <Text className='act-row__title'>自学学时审核在「待办审批」中</Text>
            <Text>›</Text>
          </View>
        )}
      </View>
      {opened && <CellDetail cell={opened} onClose={() => setOpened(null)} />}
    </View>
  )
}
