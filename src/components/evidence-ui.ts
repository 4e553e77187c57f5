import Taro from '@tarojs/taro'
import { ServiceError } from '../services/cloud'

/** Asks before something that cannot be undone. */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, confirmColor: '#c8161d' })
  return confirm
}

/** Shows a refusal or failure as a modal with its Chinese message. */
export async function showFailure(error: unknown, title = '操作未完成'): Promise<void> {
  const message = error instanceof ServiceError ? error.message : '操作失败，请稍后重试'
  await Taro.showModal({ title, content: message, showCancel: false })
}
