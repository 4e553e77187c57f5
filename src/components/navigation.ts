import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { PAGES } from '../routes'

/** The tab pages (app.config.ts tabBar): WeChat reaches them with switchTab only, without a query. */
export const TAB_PAGES: readonly string[] = [PAGES.home, PAGES.activities, PAGES.branchStatus, PAGES.me]

/** What was asked of a tab page that switchTab cannot carry (the 达标 tab opened on another branch). */
const tabQueries = new Map<string, Record<string, string>>()

/** 'a=1&b=2' → { a: '1', b: '2' } (the weapp has no URLSearchParams of its own). */
function queryOf(search: string): Record<string, string> {
  const pairs = search.split('&').filter(Boolean).map((pair) => pair.split('='))
  return Object.fromEntries(pairs.map(([key, value = '']) => [decodeURIComponent(key), decodeURIComponent(value)]))
}

/** Opens a page: a tab with switchTab (its query kept for useTabQuery), any other page on top of this one. */
export function go(url: string): void {
  const [path, search = ''] = url.split('?')
  if (TAB_PAGES.includes(path)) {
    tabQueries.set(path, queryOf(search))
    void Taro.switchTab({ url: path })
  } else void Taro.navigateTo({ url })
}

/** A tab page's query: from the link that opened it, or from the last go() to it (read each time it shows). */
export function useTabQuery(): Record<string, string | undefined> {
  const { path, params } = useRouter()
  const route = `/${path.replace(/^\//, '').split('?')[0]}`
  const [asked, setAsked] = useState<Record<string, string> | undefined>(() => tabQueries.get(route))
  useDidShow(() => {
    const next = tabQueries.get(route)
    if (next) {
      tabQueries.delete(route)
      setAsked(next)
    }
  })
  return asked ?? params
}

export const goHome = () => go(PAGES.home)

/** Back to the page below, or home when this page was opened directly (a shared link, a scan). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else goHome()
}

/** The counts the tab badges show, by tab index (0: none). */
const tabBadges = new Map<number, number>()

function showTabBadges(): void {
  tabBadges.forEach((count, index) => {
    const call = count > 0 ? Taro.setTabBarBadge({ index, text: count > 99 ? '99+' : String(count) }) : Taro.removeTabBarBadge({ index })
    void Promise.resolve(call).catch(() => undefined)
  })
}

/**
 * The badge on a tab: a count of what waits there (0 removes it). The 待办 count is on 首页, the
 * unread 消息 on 我的 (where the 消息 center is). WeChat sets badges only while a tab page is on
 * screen, so a count learnt on another page (a message read) shows when a tab page shows again.
 */
export function setTabBadge(tab: string, count: number): void {
  const index = TAB_PAGES.indexOf(tab)
  if (index < 0) throw new Error(`not a tab page: ${tab}`)
  tabBadges.set(index, count)
  showTabBadges()
}

/** Every tab page: puts the badges back as it shows. */
export const useTabBadges = () => useDidShow(showTabBadges)
