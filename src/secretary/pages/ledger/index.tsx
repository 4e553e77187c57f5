import { Picker, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { formatInstant } from '../../../components/activity-format'
import { AppButton } from '../../../components/button'
import { showFailure } from '../../../components/confirm'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { usePullToRefresh } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import type { LedgerJobView } from '../../../domain/contracts'
import { LEDGER_KIND_LABELS, LEDGER_KINDS, type LedgerKind } from '../../../domain/model'
import { PERIOD_KIND_LABELS, PERIOD_KINDS, type Period, type PeriodKind } from '../../../domain/time'
import { fetchWhoami } from '../../../services/identity'
import { fetchLedgerJob, fetchRecentLedgers, newLedgerJobId, openLedgerFile, startLedgerExport } from '../../../services/ledger'
import { phoneCalendar } from '../../../services/rules'
import './index.css'

const PERIODS_OFFERED = 8
const POLL_MS = 800

/** The current period of a kind and the ones before it, newest first. */
function recentPeriods(kind: PeriodKind, now: Date): Period[] {
  const calendar = phoneCalendar()
  const periods = [calendar.periodOf(kind, now)]
  while (periods.length < PERIODS_OFFERED) {
    periods.push(calendar.periodOf(kind, new Date(periods[periods.length - 1].start.getTime() - 1)))
  }
  return periods
}

/** 台账 of a branch: `?branchId=` (default: the caller's branch); choose kind and period, follow progress, open. */
export default function LedgerPage() {
  const { params } = useRouter()
  const loadBranch = useCallback(async () => {
    const whoami = await fetchWhoami()
    const branchId = params.branchId ?? whoami.branch.id
    return { branchId, branchName: params.branchId ? '' : whoami.branch.name, recent: await fetchRecentLedgers(branchId) }
  }, [params.branchId])
  const remote = useRemote(loadBranch)
  usePullToRefresh(remote.reload)
  const [kind, setKind] = useState<LedgerKind>('activities_xlsx')
  const [periodKind, setPeriodKind] = useState<PeriodKind>('month')
  const [periodIndex, setPeriodIndex] = useState(0)
  const [job, setJob] = useState<LedgerJobView | null>(null)
  const [running, setRunning] = useState(false)
  const poller = useRef<ReturnType<typeof setInterval> | null>(null)
  useEffect(() => () => void (poller.current && clearInterval(poller.current)), [])

  if (remote.status === 'loading') return <LoadingView />
  if (remote.status === 'error') return <ErrorView error={remote.error} onRetry={remote.reload} />
  const { branchId, branchName, recent } = remote.data
  const periods = recentPeriods(periodKind, new Date())
  const period = periods[Math.min(periodIndex, periods.length - 1)]

  const start = async () => {
    const jobId = newLedgerJobId()
    setRunning(true)
    setJob(null)
    poller.current = setInterval(() => {
      fetchLedgerJob(jobId).then(
        (latest) => setJob((shown) => (shown?.status === 'done' ? shown : latest)),
        () => undefined,
      )
    }, POLL_MS)
    try {
      setJob(await startLedgerExport(branchId, kind, period.key, jobId))
      remote.reload()
    } catch (error) {
      setJob(null)
      await showFailure(error, '导出失败')
    } finally {
      if (poller.current) clearInterval(poller.current)
      poller.current = null
      setRunning(false)
    }
  }

  const open = async (view: LedgerJobView) => {
    try {
      await openLedgerFile(view)
    } catch (error) {
      await showFailure(error, '无法打开文件')
    }
  }

  return (
    <View className='ledger'>
      <View className='ledger__card'>
        {branchName && <Text className='ledger__branch'>{branchName}</Text>}
        <Text className='ledger__label'>台账类型</Text>
        <View className='ledger__options'>
          {LEDGER_KINDS.map((option) => (
            <Text
              key={option}
              className={`ledger__option ${option === kind ? 'ledger__option--on' : ''}`}
              onClick={() => setKind(option)}
            >
              {LEDGER_KIND_LABELS[option]}
            </Text>
          ))}
        </View>
        {kind !== 'members_xlsx' ? (
          <>
            <Text className='ledger__label'>期间</Text>
            <View className='ledger__options'>
              {PERIOD_KINDS.map((option) => (
                <Text
                  key={option}
                  className={`ledger__option ledger__option--small ${option === periodKind ? 'ledger__option--on' : ''}`}
                  onClick={() => {
                    setPeriodKind(option)
                    setPeriodIndex(0)
                  }}
                >
                  按{PERIOD_KIND_LABELS[option]}
                </Text>
              ))}
            </View>
            <Picker
              mode='selector'
              range={periods.map((item) => item.label)}
              value={periodIndex}
              onChange={(event) => setPeriodIndex(Number(event.detail.value))}
            >
              <View className='ledger__picker'>
                <Text>{period.label}</Text>
                <Text className='ledger__picker-hint'>点击选择 ▾</Text>
              </View>
            </Picker>
          </>
        ) : (
          <Text className='ledger__hint'>党员信息台账列出支部当前全部党员，手机号已脱敏（如 138****5678）。</Text>
        )}
        <AppButton kind='primary' className='ledger__primary' loading={running} onClick={start}>
          {running ? '正在生成…' : '生成台账'}
        </AppButton>
      </View>

      {(running || job) && (
        <View className='ledger__card' aria-live='polite'>
          <Text className='ledger__label'>{job ? `${job.kindLabel} · ${job.periodLabel}` : '正在准备…'}</Text>
          <View className='ledger__bar'>
            <View className='ledger__bar-fill' style={{ width: `${job?.progress ?? 2}%` }} />
          </View>
          <Text className='ledger__step'>
            {job ? `${job.step}（${Math.round(job.progress)}%）` : '正在读取记录'}
          </Text>
          {job?.status === 'done' && (
            <AppButton kind='primary' className='ledger__primary' onClick={() => open(job)}>
              {process.env.TARO_ENV === 'weapp' ? '打开文件' : '下载文件'}
            </AppButton>
          )}
          {job?.status === 'failed' && <Text className='ledger__error'>{job.error}</Text>}
        </View>
      )}

      <View className='ledger__card'>
        <Text className='ledger__title'>最近导出</Text>
        {recent.jobs.length === 0 && <Text className='ledger__empty'>还没有导出过台账</Text>}
        {recent.jobs.map((item) => (
          <View key={item.id} className='ledger__item'>
            <View className='ledger__item-text'>
              <Text className='ledger__item-name'>{item.fileName ?? `${item.kindLabel} · ${item.periodLabel}`}</Text>
              <Text className='ledger__item-meta'>
                {formatInstant(item.createdAt)} · {item.status === 'done' ? '已完成' : item.status === 'failed' ? '失败' : '生成中'}
              </Text>
            </View>
            {item.status === 'done' && (
              <Text className='ledger__link' onClick={() => open(item)}>
                {process.env.TARO_ENV === 'weapp' ? '打开' : '下载'}
              </Text>
            )}
          </View>
        ))}
      </View>
    </View>
  )
}
