import {
  createDeliveryExport,
  type DeliveryExport,
  type ExportFormat,
  getDeliveryExport,
} from '@ankang/shared';
import { call } from './api';

/**
 * Starts a report export. `requestId` is made once per 开始导出 tap and sent again on a retry, so a
 * lost answer never starts a second export.
 */
export function startDeliveryExport(
  campaignId: string,
  body: { requestId: string; format: ExportFormat; orgPath?: string },
): Promise<DeliveryExport> {
  return call(createDeliveryExport, { params: { id: campaignId }, body });
}

/** An export's progress, and its link once ready (a fresh link on every call). */
export function fetchDeliveryExport(id: string): Promise<DeliveryExport> {
  return call(getDeliveryExport, { params: { id } });
}

/** The wait before poll number `attempt` (0-based): 1 s, growing by half each time, at most 8 s. */
export function pollDelayMs(attempt: number): number {
  return Math.min(8000, Math.round(1000 * 1.5 ** attempt));
}
