import type { DeliveryDashboard } from '@ankang/shared';
import { fetchDeliveryDashboard } from '../services/staffDeliveries';
import { useRequest } from './useRequest';

/**
 * 配送看板: one campaign's figures for one org subtree (undefined: the server's default, the
 * caller's node). Another org loads again; the last figures stay on screen meanwhile.
 */
export function useDeliveryDashboard(
  campaignId: string | undefined,
  orgPath: string | undefined,
  enabled: boolean,
) {
  return useRequest<DeliveryDashboard>(() => fetchDeliveryDashboard(campaignId ?? '', orgPath), {
    enabled: enabled && Boolean(campaignId),
    key: `${campaignId}|${orgPath ?? ''}`,
  });
}
