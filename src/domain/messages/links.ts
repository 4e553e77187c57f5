/**
 * The pages a message opens, as mini program paths (no leading slash: the form subscribeMessage's
 * `page` takes). src/routes.ts names these pages from here, so a link and the page cannot drift apart.
 */
export const LINKED_PAGES = {
  home: 'pages/home/index',
  activity: 'pages/activity/index',
  evidence: 'member/pages/evidence/index',
  branchStatus: 'pages/branch-status/index',
  myRequests: 'member/pages/my-requests/index',
  myHours: 'member/pages/my-hours/index',
  bind: 'pages/bind/index',
  messages: 'member/pages/messages/index',
  activityEdit: 'secretary/pages/activity-edit/index',
  supervision: 'secretary/pages/supervision/index',
  supervisions: 'admin/pages/supervisions/index',
  report: 'admin/pages/report/index',
} as const
export type LinkedPage = keyof typeof LINKED_PAGES

/** 'member/pages/evidence/index?activityId=a1' (values URI-encoded, keys in the order given). */
export function linkTo(page: LinkedPage, query: Record<string, string> = {}): string {
  const search = Object.entries(query)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&')
  return search ? `${LINKED_PAGES[page]}?${search}` : LINKED_PAGES[page]
}
