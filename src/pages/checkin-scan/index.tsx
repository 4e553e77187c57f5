import { Text, View } from '@tarojs/components'
import { AppButton } from '../../components/button'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { LoadingView } from '../../components/status-view'
import type { ActionOutput } from '../../domain/contracts'
import { decodeCheckinScene, tokenFromScan } from '../../domain/checkin'
import { ServiceError } from '../../services/cloud'
import { signIn } from '../../services/checkin'
import '../../components/activity.css'
import { PAGES } from '../../routes'

type Result = ActionOutput<'checkin', 'signIn'>
type State = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; result: Result } | { kind: 'failed'; message: string }

/**
 * 扫码签到. Opened three ways: the H5 link in the QR code (?t=<token>), the mini program code
 * (?scene=<token>, see encodeCheckinScene), or from the app, where the member scans in-app.
 */
export default function CheckinScanPage() {
  const { params } = useRouter()
  const initial = params.t ? tokenFromScan(`?t=${params.t}`) : params.scene ? decodeCheckinScene(params.scene) : null
  const [state, setState] = useState<State>({ kind: initial ? 'working' : 'idle' })

  const submit = useCallback(async (token: string) => {
    setState({ kind: 'working' })
    try {
      let result: Result
      try {
        result = await signIn(token, false)
      } catch (error) {
        // A geofenced activity: ask for the position only when it is needed.
        if (error instanceof ServiceError && error.code === 'OUT_OF_RANGE') result = await signIn(token, true)
        else throw error
      }
      setState({ kind: 'done', result })
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof ServiceError ? error.message : '签到失败，请稍后重试' })
    }
  }, [])

  const started = useRef(false)
  useEffect(() => {
    if (!initial || started.current) return
    started.current = true
    void submit(initial)
  }, [initial, submit])

  const scan = async () => {
    try {
      // A mini program code of this app answers its path (…?scene=<token>); a QR code its text.
      const { result, path } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const token = tokenFromScan(path || result)
      if (token) await submit(token)
      else setState({ kind: 'failed', message: '这不是支部通的签到码，请扫描活动现场出示的二维码' })
    } catch {
      // cancelled
    }
  }

  if (state.kind === 'working') return <LoadingView text='正在签到…' />
  return (
    <View className='act-page'>
      {state.kind === 'done' && (
        <View className='act-card act-result' role='status'>
          <Text className='act-result__mark'>✓</Text>
          <Text className='act-title'>{state.result.alreadySignedIn ? '已签到' : state.result.message}</Text>
          <Text className='act-meta'>{state.result.topic}</Text>
          {state.result.alreadySignedIn && <Text className='act-meta'>{state.result.message}</Text>}
          <AppButton small onClick={() => Taro.redirectTo({ url: `${PAGES.activity}?id=${state.result.activityId}` })}>
            查看活动
          </AppButton>
        </View>
      )}
      {state.kind === 'failed' && (
        <View className='act-card act-result' role='alert'>
          <Text className='act-title'>未能签到</Text>
          <Text className='act-error'>{state.message}</Text>
        </View>
      )}
      <View className='act-card act-result'>
        {process.env.TARO_ENV === 'weapp' ? (
          <AppButton kind='primary' onClick={scan}>
            扫描签到码
          </AppButton>
        ) : (
          <Text className='act-meta'>请用手机相机或微信扫描活动现场出示的签到二维码</Text>
        )}
        <AppButton small onClick={() => Taro.reLaunch({ url: PAGES.home })}>
          返回首页
        </AppButton>
      </View>
    </View>
  )
}
