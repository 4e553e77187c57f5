import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './status-view.css'
import { PAGES } from '../routes'

/** For an identity bound to nobody: says so and offers the binding flow. */
export function NotBoundView({ message }: { message: string }) {
  return (
    <View className='status-view' role='alert'>
      <Text className='status-view__text'>{message}</Text>
      <Button
        className='status-view__retry'
        style={{ background: '#c8161d', color: '#fff' }}
        onClick={() => Taro.navigateTo({ url: PAGES.bind })}
      >
        去绑定
      </Button>
    </View>
  )
}
