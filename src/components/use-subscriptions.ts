import { useCallback, useEffect, useState } from 'react'
import type { SubscriptionView } from '../domain/contracts/subscriptions'
import type { SubscribeMoment } from '../domain/messages/kinds'
import { askSubscriptions, fetchSubscriptions } from '../services/subscriptions'

/**
 * The subscribe-message templates, loaded with the page (WeChat's dialog must open from the tap,
 * with no network call before it): `ask(moment)` at the start of a tap handler. Never blocks the page.
 */
export function useSubscriptions(): (moment: SubscribeMoment) => Promise<void> {
  const [templates, setTemplates] = useState<SubscriptionView[]>([])
  useEffect(() => {
    let current = true
    fetchSubscriptions().then(
      ({ items }) => current && setTemplates(items),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [])
  return useCallback((moment: SubscribeMoment) => askSubscriptions(moment, templates), [templates])
}
