import { Text, View } from '@tarojs/components'
import { AppButton } from '../../../components/button'
import { goHome } from '../../../components/navigation'
import '../../../components/status-view.css'

/** Where an unknown route lands (app onPageNotFound, weapp and H5): say so, and the way home. */
export default function NotFoundPage() {
  return (
    <View className='status-view' role='alert'>
      <Text className='status-view__text'>找不到这个页面，链接可能已失效。</Text>
      <View className='status-view__actions'>
        <AppButton kind='primary' onClick={goHome}>
          返回首页
        </AppButton>
      </View>
    </View>
  )
}
