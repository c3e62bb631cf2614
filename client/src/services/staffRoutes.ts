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
} as const;

export function editStationUrl(id?: string): string {
  return id ? `${staffRoutes.edit}?id=${encodeURIComponent(id)}` : staffRoutes.edit;
}
