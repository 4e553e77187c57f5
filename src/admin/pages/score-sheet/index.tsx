import { Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import { useRouter } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import type { ScoreSheetView } from '../../../domain/contracts'
import { complianceContract } from '../../../domain/contracts/compliance'
import { TextField, useFormCheck } from '../../../components/form'
import { runAction } from '../../../components/confirm'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { usePullToRefresh } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import { fetchScoreSheet, scoreManualItem } from '../../../services/compliance'
import '../../../components/activity.css'
import '../../../components/compliance.css'

type SheetItem = ScoreSheetView['indicators'][number]['items'][number]

const SCORE_INPUT = complianceContract.scoreManualItem.input

function ManualScoreForm({ sheet, item, onScored }: { sheet: ScoreSheetView; item: SheetItem; onScored: () => void }) {
  const [score, setScore] = useState(item.score === null ? '' : String(item.score))
  const [comment, setComment] = useState(item.comment ?? '')
  const draft = useMemo(
    () => ({ branchId: sheet.branchId, year: sheet.year, itemId: item.itemId, score: score.trim() === '' ? undefined : Number(score), comment }),
    [sheet.branchId, sheet.year, item.itemId, score, comment],
  )
  const check = useFormCheck(SCORE_INPUT, draft)
  const submit = async () => {
    if (!check.ok) return check.showAll()
    const done = await runAction(() => scoreManualItem(SCORE_INPUT.parse(draft)), '评分已保存')
    if (done) onScored()
  }
  return (
    <View className='act-field'>
      <TextField schema={SCORE_INPUT} path='score' type='digit' value={score} onChange={setScore} check={check} placeholder={`得分（0–${item.maxScore}）`} />
      <TextField schema={SCORE_INPUT} path='comment' multiline value={comment} onChange={setComment} check={check} placeholder='评分说明（必填）' />
      <AppButton kind='primary' onClick={submit}>
        保存评分
      </AppButton>
    </View>
  )
}

export default function ScoreSheetPage() {
  const { params } = useRouter()
  const branchId = params.branchId
  const load = useCallback(() => fetchScoreSheet(branchId), [branchId])
  const sheet = useRemote(load)
  usePullToRefresh(sheet.reload)
  if (sheet.status === 'loading') return <LoadingView />
  if (sheet.status === 'error') return <ErrorView error={sheet.error} onRetry={sheet.reload} />
  const data = sheet.data
  return (
    <View className='act-page'>
      <View className='act-card'>
        <Text className='act-label'>
          {data.branchName} · {data.year} 年
        </Text>
        <Text className='act-title'>
          {data.total} / {data.maxTotal} 分 · {data.gradeLabel}
        </Text>
        {!data.complete && <Text className='act-meta status--due_soon'>尚有人工评分项未评分，未评项按 0 分计</Text>}
      </View>
      {data.indicators.map((indicator) => (
        <View key={indicator.indicatorId} className='act-card'>
          <Text className='act-label'>
            {indicator.indicatorId}. {indicator.label}：{indicator.score} / {indicator.maxScore} 分
          </Text>
          {indicator.items.map((item) => (
            <View key={item.itemId} className='act-row'>
              <View className='act-row__main'>
                <Text className='act-row__title'>
                  {item.itemId} {item.label}（{item.automatic ? '自动计分' : '人工评分'}）
                </Text>
                <Text className='act-row__sub'>
                  {item.score === null ? '未评分' : `${item.score} / ${item.maxScore} 分`}
                </Text>
                {item.deductions.map((deduction) => (
                  <Text key={deduction.reason} className='act-row__sub status--missed'>
                    −{deduction.points}：{deduction.reason}
                  </Text>
                ))}
                {item.notes.map((note) => (
                  <Text key={note} className='act-row__sub'>
                    {note}
                  </Text>
                ))}
                {item.comment && <Text className='act-row__sub'>评分说明：{item.comment}</Text>}
                {data.canScore && !item.automatic && <ManualScoreForm sheet={data} item={item} onScored={sheet.reload} />}
              </View>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
