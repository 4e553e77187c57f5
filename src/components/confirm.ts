import Taro from '@tarojs/taro'
import { ServiceError } from '../services/cloud'

const THEME_RED = '#c8161d'
/** WeChat refuses a modal whose button text is longer than 4 characters (showModal:fail). */
const MODAL_BUTTON_MAX = 4

export interface Confirmation {
  title: string
  content: string
  /** Names the action ('取消活动', '删除', '同意'), never a bare 确定. */
  confirmText: string
  /** What not doing it means ('暂不取消', '保留'); '再想想' by default. */
  cancelText?: string
}

/** Asks before a step that matters; answers whether the person went ahead. */
export async function confirm({ title, content, confirmText, cancelText = '再想想' }: Confirmation): Promise<boolean> {
  for (const text of [confirmText, cancelText]) {
    if ([...text].length > MODAL_BUTTON_MAX) throw new Error(`modal button text longer than ${MODAL_BUTTON_MAX}: ${text}`)
  }
  const { confirm: ok } = await Taro.showModal({ title, content, confirmText, cancelText, confirmColor: THEME_RED })
  return ok
}

export const failureMessage = (error: unknown) => (error instanceof ServiceError ? error.message : '操作失败，请稍后重试')

/** Shows a refusal or failure as a modal with its Chinese message. */
export async function showFailure(error: unknown, title = '未能完成'): Promise<void> {
  await Taro.showModal({ title, content: failureMessage(error), showCancel: false, confirmText: '知道了', confirmColor: THEME_RED })
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
    await showFailure(error)
    return false
  }
}
