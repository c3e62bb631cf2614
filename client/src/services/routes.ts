/** App page routes in one place, so a moved page breaks the type check rather than a tap. */
export const routes = {
  stations: '/pages/stations/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  station: '/pages/station/index',
  /** 我的任务 (volunteers). */
  volunteer: '/volunteer/pages/index/index',
  /** `?id=<assignment id>`: one task with the site, navigation and accept/decline. */
  volunteerTask: '/volunteer/pages/task/index',
  /** 三送 campaigns visible to the user's place. */
  outreachCampaigns: '/outreach/pages/campaigns/index',
  /** `?campaign=<id>` (or a QR code's `scene`): a worksite's sign-up form. */
  worksiteSignup: '/outreach/pages/signup/index',
  /** `?campaign=<id>`: the volunteer sign-up form. */
  volunteerSignup: '/outreach/pages/volunteer/index',
  /** 我的报名: the user's sign-ups and their review state. */
  mySignups: '/outreach/pages/mine/index',
  staff: '/staff/pages/index/index',
  /** 我的反馈: the worker's problem reports and how the union answered. */
  myReports: '/myfeedback/pages/mine/index',
} as const;

/** Tab pages must be opened with switchTab; the rest with navigateTo. */
export const tabRoutes: readonly string[] = [routes.stations, routes.me];

/** A station's detail page. */
export const stationRoute = (id: string) => `${routes.station}?id=${encodeURIComponent(id)}`;
