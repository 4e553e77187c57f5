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

export const formatDay = (iso: string) => {
  const date = new Date(iso)
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`
}

export const formatTime = (iso: string) => {
  const date = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getMonth() + 1}月${date.getDate()}日 ${pad(date.getHours())}:${pad(date.getMinutes())}`
}
