import Taro from '@tarojs/taro'
import { PAGES } from '../routes'

/** The tab pages (app.config.ts tabBar): WeChat reaches them with switchTab only, without a query. */
export const TAB_PAGES: readonly string[] = [PAGES.home, PAGES.activities, PAGES.branchStatus, PAGES.me]

/** Opens a page: a tab with switchTab, any other page on top of this one. */
export function go(url: string): void {
  const path = url.split('?')[0]
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}

export const goHome = () => go(PAGES.home)

/** Back to the page below, or home when this page was opened directly (a shared link, a scan). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else goHome()
}
