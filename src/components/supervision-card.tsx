import { Text, View } from '@tarojs/components'
import type { SupervisionView } from '../domain/contracts/supervision'
import { formatInstant } from './activity-format'

/** One 督办 as both sides see it: what, the note, its state, the branch's answer. */
export function SupervisionCard({ item, onClick }: { item: SupervisionView; onClick?: () => void }) {
  return (
    <View className='act-card' onClick={onClick}>
      <Text className='act-row__title'>
        【{item.stateLabel}】{item.title}
      </Text>
      <Text className='act-row__sub'>
        {item.branchName} · {item.fromOrgName}（{item.sentByName}）{formatInstant(item.createdAt)}
      </Text>
      <Text className='act-meta'>督办说明：{item.note}</Text>
      {item.answer && (
        <Text className='act-meta'>
          回复（{item.answer.answeredByName}，{formatInstant(item.answer.answeredAt)}）：
          {[item.answer.activityTopic ? `安排活动「${item.answer.activityTopic}」` : null, item.answer.reply].filter(Boolean).join('；')}
        </Text>
      )}
      {item.resolvedAt && <Text className='act-meta'>已于 {formatInstant(item.resolvedAt)} 达到要求</Text>}
    </View>
  )
}
