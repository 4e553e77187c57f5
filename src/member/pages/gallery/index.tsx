import { Image, Text, View } from '@tarojs/components'
import { go } from '../../../components/navigation'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { formatDate } from '../../../components/compliance-format'
import { ErrorView, LoadingView } from '../../../components/status-view'
import { usePullToRefresh } from '../../../components/page-refresh'
import { useRemote } from '../../../components/use-remote'
import { REVIEW_STATE_LABELS } from '../../../domain/contracts/evidence'
import { fetchGallery } from '../../../services/evidence'
import { fetchWhoami } from '../../../services/identity'
import { phoneCalendar } from '../../../services/rules'
import './index.css'
import { PAGES } from '../../../routes'

const DAY_MS = 24 * 60 * 60 * 1000

/** The month key next to `key` ('2026-11' → '2026-10' or '2026-12'). */
function shiftMonth(key: string, direction: -1 | 1): string {
  const calendar = phoneCalendar()
  const month = calendar.periodFromKey(key)
  const inside = direction < 0 ? new Date(month.start.getTime() - DAY_MS) : new Date(month.end.getTime() + DAY_MS)
  return calendar.periodOf('month', inside).key
}

/** A branch's photos month by month: `?branchId=` (default: the caller's branch) `&month=YYYY-MM`. */
export default function GalleryPage() {
  const { params } = useRouter()
  const calendar = phoneCalendar()
  const [month, setMonth] = useState(params.month ?? calendar.periodOf('month', new Date()).key)
  const load = useCallback(async () => {
    const branchId = params.branchId ?? (await fetchWhoami()).branch.id
    return fetchGallery(branchId, month)
  }, [params.branchId, month])
  const remote = useRemote(load)
  usePullToRefresh(remote.reload)
  const current = calendar.periodOf('month', new Date()).key
  const label = calendar.periodFromKey(month).label

  const switcher = (
    <View className='gallery__switcher'>
      <Text className='gallery__arrow' onClick={() => setMonth(shiftMonth(month, -1))}>
        ‹ 上月
      </Text>
      <Text className='gallery__month'>{label}</Text>
      <Text
        className={`gallery__arrow ${month >= current ? 'gallery__arrow--off' : ''}`}
        onClick={() => month < current && setMonth(shiftMonth(month, 1))}
      >
        下月 ›
      </Text>
    </View>
  )

  if (remote.status === 'loading') return <View className='gallery'>{switcher}<LoadingView /></View>
  if (remote.status === 'error') return <View className='gallery'>{switcher}<ErrorView error={remote.error} onRetry={remote.reload} /></View>
  const { branch, activities, canManage } = remote.data
  const urls = activities.flatMap((entry) => entry.photos.flatMap((photo) => (photo.url ? [photo.url] : [])))
  const count = activities.reduce((sum, entry) => sum + entry.photos.length, 0)

  return (
    <View className='gallery'>
      {switcher}
      <Text className='gallery__summary'>
        {branch.name} · {count} 张照片{canManage ? '（含审核中和未通过的照片，仅支委可见）' : ''}
      </Text>
      {activities.length === 0 && <Text className='gallery__empty'>{label}还没有活动照片</Text>}
      {activities.map((entry) => (
        <View key={entry.activityId} className='gallery__card'>
          <Text className='gallery__topic' onClick={() => go(`${PAGES.evidence}?activityId=${entry.activityId}`)}>
            {entry.topic}
          </Text>
          <Text className='gallery__date'>{formatDate(entry.startAt)}</Text>
          <View className='gallery__grid'>
            {entry.photos.map((photo) => (
              <View key={photo.id} className='gallery__thumb'>
                {photo.url && (
                  <Image
                    className='gallery__image'
                    src={photo.url}
                    mode='aspectFill'
                    lazyLoad
                    onClick={() => Taro.previewImage({ current: photo.url!, urls })}
                  />
                )}
                {photo.review !== 'pass' && (
                  <Text className={`gallery__badge gallery__badge--${photo.review}`}>{REVIEW_STATE_LABELS[photo.review]}</Text>
                )}
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}
