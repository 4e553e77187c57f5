import { useCallback, useEffect, useState } from 'react'
import { ServiceError } from '../services/cloud'

export type RemoteState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ServiceError }
  | { status: 'ready'; data: T }

/** Loads once on mount (and on reload()); pages render the three states. */
export function useRemote<T>(load: () => Promise<T>): RemoteState<T> & { reload: () => void } {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let current = true
    setState({ status: 'loading' })
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) =>
        current &&
        setState({
          status: 'error',
          error: error instanceof ServiceError ? error : new ServiceError('INTERNAL', '加载失败，请稍后重试'),
        }),
    )
    return () => {
      current = false
    }
  }, [load, attempt])
  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, reload }
}
