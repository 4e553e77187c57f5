import { Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback } from 'react'
import { formatInstant } from '../../../components/activity-format'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { usePullToRefresh } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import { useSubscriptions } from '../../../components/use-subscriptions'
import { percentOf, rateChangeText } from '../../../domain/reports/build'
import { PAGES } from '../../../routes'
import { runAction } from '../../../components/confirm'
import { openReportFile } from '../../../services/ledger'
import { fetchReport, fetchReports } from '../../../services/reports'
import { lightStatusClass } from '../../../components/compliance-format'
import '../../../components/activity.css'
import '../../../components/compliance.css'

/** 月度通报: `?id=` one month's report of a 党总支 or the 党委; otherwise the list of its reports (`?orgId=`). */
export default function ReportPage() {
  const { id, orgId } = useRouter().params
  return id ? <OneReport id={id} /> : <ReportList orgId={orgId} />
}

function ReportList({ orgId }: { orgId?: string }) {
  const load = useCallback(() => fetchReports(orgId), [orgId])
  const list = useRemote(load)
  usePullToRefresh(list.reload)
  if (list.status === 'loading') return <LoadingView />
  if (list.status === 'error') return <ErrorView error={list.error} onRetry={list.reload} />
  return (
    <View className='act-page'>
      <View className='act-card'>
        <Text className='act-row__title'>{list.data.orgName}</Text>
        {list.data.reports.length === 0 && <Text className='act-empty'>还没有月度通报：每月 1 日生成上月的通报。</Text>}
        {list.data.reports.map((report) => (
          <View key={report.id} className='act-row' onClick={() => Taro.navigateTo({ url: `${PAGES.report}?id=${report.id}` })}>
            <View className='act-row__main'>
              <Text className='act-row__title'>{report.monthLabel}组织生活通报</Text>
              <Text className='act-row__sub'>
                达标率 {percentOf(report.stats.qualifiedRate)} · 红灯 {report.stats.red} 个 · {formatInstant(report.generatedAt)} 生成
              </Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}

function OneReport({ id }: { id: string }) {
  const load = useCallback(() => fetchReport(id), [id])
  const detail = useRemote(load)
  usePullToRefresh(detail.reload)
  const askSubscriptions = useSubscriptions()
  if (detail.status === 'loading') return <LoadingView />
  if (detail.status === 'error') return <ErrorView error={detail.error} onRetry={detail.reload} />
  const report = detail.data
  // Taking the report away is when next month's (and the 督办 answers) matter: ask for their pushes from this tap.
  const download = async (format: 'xlsx' | 'pdf') => {
    await askSubscriptions('supervise')
    await runAction(() => openReportFile(report.id, format), '已打开')
  }
  const change = rateChangeText(report.rateChange)
  return (
    <View className='act-page'>
      <View className='act-card'>
        <Text className='act-row__title'>
          {report.orgName} {report.monthLabel}组织生活通报
        </Text>
        <View className='stat-grid'>
          <View className='stat'>
            <Text className='stat__value'>{percentOf(report.stats.qualifiedRate)}</Text>
            <Text className='stat__label'>达标率</Text>
          </View>
          <View className='stat'>
            <Text className='stat__value status--missed'>{report.stats.red}</Text>
            <Text className='stat__label'>红灯</Text>
          </View>
          <View className='stat'>
            <Text className='stat__value status--due_soon'>{report.stats.amber}</Text>
            <Text className='stat__label'>黄灯</Text>
          </View>
        </View>
        {change && <Text className='act-meta'>{change}</Text>}
        <Text className='act-meta'>
          近几月达标率：{report.trend.map((point) => `${point.monthLabel} ${percentOf(point.qualifiedRate)}`).join(' → ')}
        </Text>
        <View className='act-field'>
          <AppButton small onClick={() => download('xlsx')}>
            下载 Excel
          </AppButton>
          <AppButton small onClick={() => download('pdf')}>
            下载 PDF
          </AppButton>
        </View>
      </View>
      <View className='act-card'>
        <Text className='act-label'>各支部</Text>
        {report.branches.map((row) => (
          <View key={row.branchId} className='act-row' onClick={() => Taro.navigateTo({ url: `${PAGES.branchStatus}?branchId=${row.branchId}` })}>
            <View className={`light light--${row.light}`} />
            <View className='act-row__main'>
              <Text className='act-row__title'>{row.branchName}</Text>
              <Text className='act-row__sub'>
                {row.total} 分 · {row.gradeLabel} · 未完成 {row.missedCount} 项 · 学时落后 {row.laggardCount} 人
              </Text>
            </View>
            <Text className={lightStatusClass(row.light)}>{row.lightLabel}</Text>
          </View>
        ))}
      </View>
      <View className='act-card'>
        <Text className='act-label'>本月未完成（{report.missed.length}）</Text>
        {report.missed.length === 0 && <Text className='act-empty'>无</Text>}
        {report.missed.map((item) => (
          <Text key={`${item.branchId}${item.title}`} className='act-row__sub'>
            · {item.branchName}：{item.title}
          </Text>
        ))}
      </View>
      <View className='act-card'>
        <Text className='act-label'>学时落后（{report.laggardTotal} 人）</Text>
        {report.laggards.map((member) => (
          <Text key={member.memberId} className='act-row__sub'>
            · {member.branchName} {member.name}：{member.totalHours}/{member.expectedByNow} 学时（全年 {member.target}）
          </Text>
        ))}
      </View>
      <View className='act-card'>
        <Text className='act-label'>
          督办：本月发出 {report.supervisions.sent} 件，解决 {report.supervisions.resolved} 件，未解决 {report.supervisions.open} 件
        </Text>
        {report.supervisions.items.map((item) => (
          <Text key={item.id} className='act-row__sub' onClick={() => Taro.navigateTo({ url: `${PAGES.supervisions}?id=${item.id}` })}>
            · 【{item.stateLabel}】{item.branchName}：{item.title}
          </Text>
        ))}
      </View>
    </View>
  )
}
