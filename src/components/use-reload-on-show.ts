import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/** Reloads when the page shows again (back from another page), not on the first show. */
export function useReloadOnShow(reload: () => void): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })
}
