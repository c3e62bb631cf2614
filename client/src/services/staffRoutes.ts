/** Pages of the staff subpackage (station upkeep). */
export const staffRoutes = {
  home: '/staff/pages/index/index',
  stations: '/staff/pages/stations/index',
  /** `?id=<id>` edits a station; without it, a new one. */
  edit: '/staff/pages/edit/index',
  reports: '/staff/pages/reports/index',
  import: '/staff/pages/import/index',
} as const;

export function editStationUrl(id?: string): string {
  return id ? `${staffRoutes.edit}?id=${encodeURIComponent(id)}` : staffRoutes.edit;
}
