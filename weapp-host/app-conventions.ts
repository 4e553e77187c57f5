import { walk, type WxElement } from './elements'

/**
 * What the host needs to know about this app's pages to measure them: a page is still loading
 * while it shows the shared LoadingView (src/components/status-view.tsx, `.status-view--loading`;
 * its aria-busy, which says so in H5, is not rendered by the weapp templates).
 */
export function isBusy(view: WxElement): boolean {
  for (const element of walk(view)) if (element.classes.includes('status-view--loading')) return true
  return false
}
