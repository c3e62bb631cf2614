/** App page routes in one place, so a moved page breaks the type check rather than a tap. */
export const routes = {
  stations: '/pages/stations/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  station: '/pages/station/index',
  volunteer: '/volunteer/pages/index/index',
  staff: '/staff/pages/index/index',
} as const;

/** Tab pages must be opened with switchTab; the rest with navigateTo. */
export const tabRoutes: readonly string[] = [routes.stations, routes.me];

/** A station's detail page. */
export const stationRoute = (id: string) => `${routes.station}?id=${encodeURIComponent(id)}`;
