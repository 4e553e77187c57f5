import { Image, Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import { go } from '../../../components/navigation'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ErrorView, LoadingView } from '../../../components/status-view'
import type { ActionOutput } from '../../../domain/contracts'
import { ServiceError } from '../../../services/cloud'
import { fetchCheckinCode } from '../../../services/checkin'
import '../../../components/activity.css'
import { PAGES } from '../../../routes'

type Code = ActionOutput<'checkin', 'code'>

/** 出示签到码: a QR code that rotates every 30 s (server times decide when, not the phone's clock). */
export default function CheckinCodePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [code, setCode] = useState<Code | null>(null)
  const [error, setError] = useState<ServiceError | null>(null)
  const [attempt, setAttempt] = useState(0)
  const [left, setLeft] = useState(0)

  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: true })
  }, [])

  useEffect(() => {
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const refresh = () => {
      fetchCheckinCode(id).then(
        (next) => {
          if (!alive) return
          setCode(next)
          setError(null)
          const wait = Math.max(1000, Date.parse(next.refreshAt) - Date.parse(next.issuedAt) + 300)
          setLeft(Math.round(wait / 1000))
          timer = setTimeout(refresh, wait)
        },
        (problem: unknown) => {
          if (!alive) return
          setError(problem instanceof ServiceError ? problem : new ServiceError('INTERNAL', '获取签到码失败'))
        },
      )
    }
    refresh()
    return () => {
      alive = false
      if (timer) clearTimeout(timer)
    }
  }, [id, attempt])

  useEffect(() => {
    const tick = setInterval(() => setLeft((value) => Math.max(0, value - 1)), 1000)
    return () => clearInterval(tick)
  }, [])

  if (error) return <ErrorView error={error} onRetry={() => setAttempt((n) => n + 1)} />
  if (!code) return <LoadingView text='正在生成签到码…' />
  const image = process.env.TARO_ENV === 'weapp' && code.wxacodeDataUrl ? code.wxacodeDataUrl : code.qrDataUrl
  return (
    <View className='act-page'>
      <View className='act-card' style={{ alignItems: 'center' }}>
        <Text className='act-title'>请用微信扫码签到</Text>
        <Text className='act-badge'>
          已签到 {code.signedIn} / 应到 {code.expected} 人
        </Text>
        <Image className='act-qr' src={image} mode='aspectFit' aria-label='签到二维码' />
        <Text className='act-meta'>二维码每 {code.rotateSeconds} 秒自动更新，截图转发无效</Text>
        <Text className='act-meta'>{left} 秒后更新</Text>
        <View className='act-actions'>
          <AppButton small onClick={() => go(`${PAGES.attendanceLive}?id=${id}`)}>
            查看签到情况
          </AppButton>
        </View>
      </View>
    </View>
  )
}
