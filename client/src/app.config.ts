export default defineAppConfig({
  pages: ['pages/stations/index', 'pages/me/index', 'pages/login/index', 'pages/station/index'],
  // Role pages load only for the people who open them, keeping the main package small.
  subPackages: [
    // 三送 for everyone signed in: campaigns, worksite and volunteer sign-ups (a QR code opens signup).
    {
      root: 'outreach',
      name: 'outreach',
      // cooling: a worker's 清凉码 (opened from 我的).
      pages: [
        'pages/campaigns/index',
        'pages/signup/index',
        'pages/volunteer/index',
        'pages/mine/index',
        'pages/cooling/index',
      ],
    },
    {
      root: 'volunteer',
      name: 'volunteer',
      // delivery: 记录配送 (task, 临时站点, 修改); deliveries: 我的配送记录 with the outbox's states.
      // scan: 扫码发放 of 清凉码 (volunteers and staff).
      pages: [
        'pages/index/index',
        'pages/task/index',
        'pages/delivery/index',
        'pages/deliveries/index',
        'pages/scan/index',
      ],
    },
    {
      root: 'staff',
      name: 'staff',
      pages: [
        'pages/index/index',
        'pages/stations/index',
        'pages/edit/index',
        'pages/reports/index',
        'pages/import/index',
        'pages/campaigns/index',
        'pages/campaign/index',
        'pages/review/index',
        'pages/board/index',
        'pages/dashboard/index',
        'pages/deliveries/index',
        // handouts: 超额发放审核 (清凉码 hand-outs beyond the daily allowance).
        'pages/handouts/index',
        // 困难职工档案: households (list), household (detail, reveal, visits, access record),
        // householdEdit (file a household with its consent, or edit it), visit (录入/更正走访).
        'pages/households/index',
        'pages/household/index',
        'pages/householdEdit/index',
        'pages/visit/index',
        // 预警: alerts (queue by status), alert (detail, actions), myAlerts (我的预警),
        // escalated (上级督办: alerts a union below let fall overdue).
        'pages/alerts/index',
        'pages/alert/index',
        'pages/myAlerts/index',
        'pages/escalated/index',
        // rules: 规则设置 (monitoring rules per union, inherited down the tree; 低保 standards).
        'pages/rules/index',
        // roles: 人员与权限 (who holds which role per node, invites, revokes).
        'pages/roles/index',
        // suggestions: 驿站建议审核 (places workers suggested; approving makes a draft station).
        'pages/suggestions/index',
        // poster: a station's QR poster (扫码评价 / 扫码报修); comments: 评论审核 (held comments).
        'pages/poster/index',
        'pages/comments/index',
      ],
    },
    // join: the invitee's page, opened from an invite's share card or QR code (`?code=`).
    { root: 'join', name: 'join', pages: ['pages/invite/index'] },
    // myfeedback: 我的反馈, a worker's problem reports and the union's answers (opened from 我的). Not
    // named feedback: its page paths would then look like the API's rating route.
    { root: 'myfeedback', name: 'myfeedback', pages: ['pages/mine/index'] },
    // suggest: 建议新增驿站 (new) and 我的建议 (mine), for every signed-in worker.
    { root: 'suggest', name: 'suggest', pages: ['pages/new/index', 'pages/mine/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f6f5',
    navigationBarBackgroundColor: '#1f7a5c',
    navigationBarTitleText: '职工安康',
    navigationBarTextStyle: 'white',
    // WeChat's default; stated so the H5 build draws a title bar (with a back button) too.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#5c6370',
    selectedColor: '#1f7a5c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/stations/index',
        text: '驿站',
        iconPath: 'assets/tabbar/stations.png',
        selectedIconPath: 'assets/tabbar/stations-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于查找您附近的户外劳动者服务站' },
  },
  // chooseLocation: staff pick a station's position on the map when editing it.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // Makes WeChat route private API calls through wx.onNeedPrivacyAuthorization (our popup).
  __usePrivacyCheck__: true,
});
