import Taro from '@tarojs/taro'

/**
 * H5 build against the local cloud runtime only: who the person picked on the
 * runtime's dev sign-in page (/dev/signin). The weapp build never calls this:
 * there the caller is the WeChat identity CloudBase hands to the function.
 */
export const DEV_OPENID_STORAGE_KEY = 'zbt.devOpenid'
const DEV_SIGNIN_PATH = '/dev/signin'

function devOpenid(): string | null {
  if (process.env.TARO_ENV !== 'h5') return null
  return window.localStorage.getItem(DEV_OPENID_STORAGE_KEY)
}

export function devIdentityHeaders(): Record<string, string> {
  // Constant in each build: the weapp bundle keeps neither the header nor the lookup.
  if (process.env.TARO_ENV !== 'h5') return {}
  const openid = devOpenid()
  return openid ? { 'x-dev-openid': openid } : {}
}

export function ensureDevIdentity(): void {
  if (process.env.TARO_ENV !== 'h5' || devOpenid()) return
  const back = encodeURIComponent(window.location.pathname + window.location.search)
  Taro.showToast({ title: '请先选择演示身份', icon: 'none' })
  window.location.replace(`${DEV_SIGNIN_PATH}?return=${back}`)
}
