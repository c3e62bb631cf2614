import { toQueryString } from './http';

/** The alert pages of the staff subpackage (防止返困监测 · 预警). */
export const alertRoutes = {
  /** 预警处理: the queue of the caller's union and below, by status. */
  queue: '/staff/pages/alerts/index',
  /** `?id=<ha_…>`: one alert, its evidence and actions. */
  detail: '/staff/pages/alert/index',
  /** 我的预警: unresolved alerts assigned to the caller. */
  mine: '/staff/pages/myAlerts/index',
  /** 上级督办: alerts escalated to the caller's union. */
  escalated: '/staff/pages/escalated/index',
} as const;

export function alertUrl(id: string): string {
  return `${alertRoutes.detail}${toQueryString({ id })}`;
}
