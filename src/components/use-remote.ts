import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ServiceError } from '../services/cloud'

export type RemoteState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ServiceError }
  /** `refreshing`: a reload is under way while what was loaded stays on screen. */
  | { status: 'ready'; data: T; refreshing: boolean }

const asServiceError = (error: unknown) =>
  error instanceof ServiceError ? error : new ServiceError('INTERNAL', '加载失败，请稍后重试')

/**
 * Loads on mount and whenever `load` changes or `reload()` is called. Only the first load shows
 * the loading state: later ones keep the data on screen (and so the page's scroll position) and
 * swap it in place when the answer comes; a later failure keeps the data and says so in a toast.
 * `reload()` settles when the answer is on screen (for pull-to-refresh). A slow answer never
 * overwrites a newer one.
 */
export function useRemote<T>(load: () => Promise<T>): RemoteState<T> & { reload: () => Promise<void> } {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' })
  const latest = useRef(0)
  const reload = useCallback(async () => {
    const ticket = ++latest.current
    setState((current) => (current.status === 'ready' ? { ...current, refreshing: true } : { status: 'loading' }))
    try {
      const data = await load()
      if (ticket === latest.current) setState({ status: 'ready', data, refreshing: false })
    } catch (error) {
      if (ticket !== latest.current) return
      setState((current) => {
        if (current.status !== 'ready') return { status: 'error', error: asServiceError(error) }
        void Taro.showToast({ title: `刷新失败：${asServiceError(error).message}`, icon: 'none' })
        return { ...current, refreshing: false }
      })
    }
  }, [load])
  useEffect(() => {
    void reload()
    return () => {
      latest.current += 1
    }
  }, [reload])
  return { ...state, reload }
}
