export default defineAppConfig({
  // The main package: what a member uses. The secretary's and the admins' pages are subpackages,
  // downloaded when first opened (src/routes.ts names every page; keep the two lists equal).
  pages: [
    'pages/home/index',
    'pages/activities/index',
    'pages/activity/index',
    'pages/checkin-scan/index',
    'pages/my-requests/index',
    'pages/my-hours/index',
    'pages/branch-status/index',
    'pages/gallery/index',
    'pages/evidence/index',
    'pages/me/index',
    'pages/bind/index',
    'pages/members/index',
    'pages/messages/index',
  ],
  subPackages: [
    {
      root: 'secretary',
      pages: [
        'pages/activity-edit/index',
        'pages/checkin-code/index',
        'pages/attendance-live/index',
        'pages/inbox/index',
        'pages/roster-import/index',
        'pages/ledger/index',
        'pages/supervision/index',
      ],
    },
    {
      root: 'admin',
      pages: ['pages/dashboard/index', 'pages/score-sheet/index', 'pages/org-tree/index', 'pages/supervisions/index', 'pages/report/index'],
    },
  ],
  // Secretaries and admins start from the home page: fetch their package once it is shown (on Wi-Fi).
  preloadRule: {
    'pages/home/index': { network: 'wifi', packages: ['secretary', 'admin'] },
    'pages/activity/index': { network: 'all', packages: ['secretary'] },
  },
  // Inject only the code of the pages and components in use, not all of the main package at start.
  lazyCodeLoading: 'requiredComponents',
  // Weapp: location APIs must be declared (getLocation: 现场签到与签到中心; chooseLocation: 发布活动时在地图上选点).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于现场签到时核对您是否在活动地点附近，以及书记设置签到范围' },
  },
  // The four tabs (main package pages, reached with switchTab only; src/components/navigation.ts).
  tabBar: {
    color: '#595959',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/activities/index', text: '活动' },
      { pagePath: 'pages/branch-status/index', text: '达标' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '支部通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
})
