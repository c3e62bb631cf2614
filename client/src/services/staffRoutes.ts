/** Pages of the staff subpackage (station upkeep). */
export const staffRoutes = {
  home: '/staff/pages/index/index',
  stations: '/staff/pages/stations/index',
  /** `?id=<id>` edits a station; without it, a new one. */
  edit: '/staff/pages/edit/index',
  reports: '/staff/pages/reports/index',
  import: '/staff/pages/import/index',
  /** The campaigns the staff member's union runs or sees. */
  campaigns: '/staff/pages/campaigns/index',
  /** `?id=<id>` edits a campaign; `?copyFrom=<id>` starts a new one from it; neither: a new one. */
  campaign: '/staff/pages/campaign/index',
  /** `?campaign=<id>`: worksite and volunteer sign-up review queues. */
  review: '/staff/pages/review/index',
  /** `?campaign=<id>&date=<YYYY-MM-DD>`: the assignment board. */
  board: '/staff/pages/board/index',
  /** `?campaign=<id>`: a campaign's delivery figures and charts. */
  dashboard: '/staff/pages/dashboard/index',
  /** `?campaign=<id>`: the delivery review queues. */
  deliveries: '/staff/pages/deliveries/index',
  /** `?id=<station id>`: the station's QR poster (扫码评价 / 扫码报修). */
  poster: '/staff/pages/poster/index',
  /** 评论审核: comments held because WeChat's content check could not clear them. */
  comments: '/staff/pages/comments/index',
} as const;

export function stationPosterUrl(id: string): string {
  return `${staffRoutes.poster}?id=${encodeURIComponent(id)}`;
}

export function editStationUrl(id?: string): string {
  return id ? `${staffRoutes.edit}?id=${encodeURIComponent(id)}` : staffRoutes.edit;
}
