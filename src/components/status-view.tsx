import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ServiceError } from '../services/cloud'
import { AppButton } from './button'
import { go, goBack, goHome } from './navigation'
import { PAGES } from '../routes'
import './status-view.css'

export function LoadingView({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='status-view status-view--loading' aria-busy='true'>
      <Text className='status-view__text'>{text}</Text>
    </View>
  )
}

/** Refusals a retry cannot change: the way on is back or home, not 重试. */
const FINAL_CODES: ReadonlySet<ServiceError['code']> = new Set(['FORBIDDEN', 'NOT_FOUND', 'INVALID_INPUT', 'CONFLICT'])

/**
 * A failure with its Chinese message, and a way on: 重试 for what may pass, 返回 and 返回首页 always;
 * an identity bound to nobody is offered the binding flow instead.
 */
export function ErrorView({ error, onRetry }: { error: ServiceError; onRetry?: () => unknown }) {
  if (error.code === 'NOT_BOUND') {
    return (
      <View className='status-view' role='alert'>
        <Text className='status-view__text'>{error.message}</Text>
        <View className='status-view__actions'>
          <AppButton kind='primary' onClick={() => go(PAGES.bind)}>
            去绑定
          </AppButton>
        </View>
      </View>
    )
  }
  const retry = onRetry && !FINAL_CODES.has(error.code)
  const canGoBack = Taro.getCurrentPages().length > 1
  return (
    <View className='status-view status-view--error' role='alert'>
      <Text className='status-view__text'>{error.message}</Text>
      <View className='status-view__actions'>
        {retry && (
          <AppButton kind='primary' small onClick={onRetry}>
            重试
          </AppButton>
        )}
        {canGoBack && (
          <AppButton small onClick={goBack}>
            返回
          </AppButton>
        )}
        <AppButton small onClick={goHome}>
          返回首页
        </AppButton>
      </View>
    </View>
  )
}

/** An empty list, said in words. */
export function EmptyView({ text }: { text: string }) {
  return <Text className='status-view__empty'>{text}</Text>
}
