import Taro from '@tarojs/taro'
import { ServiceError } from '../services/cloud'

export async function confirm(title: string, content: string): Promise<boolean> {
  const { confirm: ok } = await Taro.showModal({ title, content, confirmColor: '#c8161d' })
  return ok
}

/** Runs an action with a loading toast; shows the refusal's Chinese message. Answers whether it succeeded. */
export async function runAction(action: () => Promise<unknown>, done: string): Promise<boolean> {
  Taro.showLoading({ title: '请稍候', mask: true })
  try {
    await action()
    Taro.hideLoading()
    Taro.showToast({ title: done, icon: 'success' })
    return true
  } catch (error) {
    Taro.hideLoading()
    const message = error instanceof ServiceError ? error.message : '操作失败，请稍后重试'
    Taro.showModal({ title: '未能完成', content: message, showCancel: false, confirmColor: '#c8161d' })
    return false
  }
}
