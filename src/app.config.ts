export default defineAppConfig({
  // The main package: what a member uses. The secretary's and the admins' pages are subpackages,
  // downloaded when first opened (src/routes.ts names every page; keep the two lists equal).
  pages: [
    'pages/home/index',
    'pages/activities/index',
    'pages/activity/index',
    'pages/checkin-scan/index',
    'pages/branch-status/index',
    'pages/me/index',
    'pages/bind/index',
  ],
  subPackages: [
    {
      // A member's pages that are neither tabs nor a start (a scan, binding): out of the cold start.
      root: 'member',
      pages: ['pages/my-requests/index', 'pages/my-hours/index', 'pages/gallery/index', 'pages/evidence/index', 'pages/members/index', 'pages/messages/index', 'pages/not-found/index'],
    },
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
      pages: ['pages/dashboard/index', 'pages/score-sheet/index', 'pages/org-tree/index', 'pages/supervisions/index', 'pages/report/index', 'pages/rulesets/index'],
    },
  ],
  // A member's other pages are fetched once the home page is shown; the secretary's package when an
  // activity or 我的 is shown (on Wi-Fi for 我的, where the admin's package comes along).
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['member'] },
    'pages/me/index': { network: 'wifi', packages: ['secretary', 'admin'] },
    'pages/activity/index': { network: 'all', packages: ['secretary'] },
  },
  // Inject only the code of the pages and components in use, not all of the main package at start.
  lazyCodeLoading: 'requiredComponents',
  // Weapp: location APIs must be declared (getLocation: 现场签到与签到中心; chooseLocation: 发布活动时在地图上选点).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于现场签到时核对您是否在活动地点附近，以及书记设置签到范围' },
  },
  // The four tabs (main package pages, reached with switchTab only; src/components/navigation.ts). Icons: scripts/make-tab-icons.ts.
  tabBar: {
    color: '#595959',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/activities/index', text: '活动', iconPath: 'assets/tab/activities.png', selectedIconPath: 'assets/tab/activities-active.png' },
      { pagePath: 'pages/branch-status/index', text: '达标', iconPath: 'assets/tab/compliance.png', selectedIconPath: 'assets/tab/compliance-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '支部通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    // H5 only: Taro's own navigation bar (title, and 返回 or 首页 on a page that is not a tab); WeChat draws its own.
    ...(process.env.TARO_ENV === 'h5' ? { navigationStyle: 'default' as const } : {}),
  },
})
