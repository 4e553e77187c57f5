import { Button, Text, View } from '@tarojs/components'
import type { ServiceError } from '../services/cloud'
import './status-view.css'

export function LoadingView({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='status-view status-view--loading' aria-busy='true'>
      <Text className='status-view__text'>{text}</Text>
    </View>
  )
}

export function ErrorView({ error, onRetry }: { error: ServiceError; onRetry?: () => void }) {
  return (
    <View className='status-view status-view--error' role='alert'>
      <Text className='status-view__text'>{error.message}</Text>
      {onRetry && (
        <Button className='status-view__retry' size='mini' onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}
