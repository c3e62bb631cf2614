import { toQueryString } from './http';

/** The 清凉码 pages: the worker's code (outreach subpackage) and the scan page (volunteer subpackage). */
export const handoutRoutes = {
  /** 清凉码: the signed-in worker's personal code. */
  coolingCode: '/outreach/pages/cooling/index',
  /** 扫码发放: `?campaign&task=<assignment id>` from a task; no query from 我的任务 or 我的. */
  scan: '/volunteer/pages/scan/index',
  /** 超额发放审核 (staff): `?campaign=<id>`. */
  review: '/staff/pages/handouts/index',
} as const;

export function handoutReviewUrl(campaignId: string): string {
  return `${handoutRoutes.review}${toQueryString({ campaign: campaignId })}`;
}

export function handoutScanUrl(target: { campaignId?: string; taskId?: string } = {}): string {
  return `${handoutRoutes.scan}${toQueryString({ campaign: target.campaignId, task: target.taskId })}`;
}
