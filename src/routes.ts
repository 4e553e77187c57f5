import { CHECKIN_PAGE } from './domain/checkin'
import { LINKED_PAGES } from './domain/messages/links'

/**
 * Every page's path, for navigation. Pages a member uses are in the main package; the
 * secretary's and the admins' pages are in the `secretary` and `admin` subpackages, downloaded
 * only when opened (app.config.ts lists the same; test/unit/routes.test.ts keeps the two equal).
 */
export const PAGES = {
  home: '/pages/home/index',
  activities: '/pages/activities/index',
  activity: '/pages/activity/index',
  checkinScan: `/${CHECKIN_PAGE}`,
  myRequests: '/member/pages/my-requests/index',
  myHours: '/member/pages/my-hours/index',
  branchStatus: '/pages/branch-status/index',
  gallery: '/member/pages/gallery/index',
  evidence: '/member/pages/evidence/index',
  me: '/pages/me/index',
  bind: '/pages/bind/index',
  members: '/member/pages/members/index',
  messages: `/${LINKED_PAGES.messages}`,
  notFound: '/member/pages/not-found/index',
  activityEdit: '/secretary/pages/activity-edit/index',
  checkinCode: '/secretary/pages/checkin-code/index',
  attendanceLive: '/secretary/pages/attendance-live/index',
  inbox: '/secretary/pages/inbox/index',
  rosterImport: '/secretary/pages/roster-import/index',
  ledger: '/secretary/pages/ledger/index',
  supervision: `/${LINKED_PAGES.supervision}`,
  dashboard: '/admin/pages/dashboard/index',
  scoreSheet: '/admin/pages/score-sheet/index',
  orgTree: '/admin/pages/org-tree/index',
  supervisions: `/${LINKED_PAGES.supervisions}`,
  report: `/${LINKED_PAGES.report}`,
  rulesets: '/admin/pages/rulesets/index',
} as const
