import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef } from 'react'

/** Reloads when the page shows again (back from another page), not on the first show. */
export function useReloadOnShow(reload: () => unknown): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void reload()
    shown.current = true
  })
}

/** Pull-to-refresh (the page config sets enablePullDownRefresh): the spinner stays until the answer is on screen. */
export function usePullToRefresh(reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })
}
