import type { Campaign } from '@ankang/shared';
import { useCallback } from 'react';
import { type DeliveryView, findMyDelivery } from '../services/deliveries';
import { ApiError } from '../services/errors';
import { withOfflineCopy } from '../services/offlineCopy';
import { fetchCampaign, fetchMyTasks, fetchMyVolunteerSignups } from '../services/outreach';
import { type District, fetchDistricts } from '../services/stations';
import { useRequest } from './useRequest';

/** Which record the form is for, from its link. */
export type DeliveryFormMode =
  | { kind: 'task'; campaignId: string; taskId: string }
  | { kind: 'adHoc'; campaignId: string }
  | { kind: 'edit'; campaignId: string; deliveryId: string };

export interface DeliveryContext {
  campaign: Campaign;
  /** The site as the page heads it (the task's site, or the edited record's). */
  site: { name: string; address: string } | null;
  /** 临时站点: the volunteer's districts in this campaign, to pick the site's from. */
  districts: District[];
  /** 修改: the stored record. */
  record: DeliveryView | null;
}

async function volunteerDistricts(campaignId: string): Promise<District[]> {
  const [signups, all] = await Promise.all([
    withOfflineCopy('volunteerSignups', fetchMyVolunteerSignups),
    withOfflineCopy('districts', fetchDistricts),
  ]);
  const mine = signups.find((s) => s.campaignId === campaignId && s.status === 'approved');
  if (!mine) throw new ApiError('NOT_CAMPAIGN_VOLUNTEER');
  const byPath = new Map(all.map((d) => [d.path, d]));
  return mine.districts.map(
    (path) => byPath.get(path) ?? { path, name: path, region: path, parentPath: null },
  );
}

/** What the 记录配送 form needs before it can show: the campaign's catalog and the site or record. */
export function useDeliveryContext(mode: DeliveryFormMode | null, enabled: boolean) {
  const load = useCallback(async (): Promise<DeliveryContext> => {
    if (!mode) throw new ApiError('CAMPAIGN_NOT_FOUND');
    // The catalog and the tasks come from the phone's last copy when there is no network.
    const campaign = await withOfflineCopy(`campaign.${mode.campaignId}`, () =>
      fetchCampaign(mode.campaignId),
    );
    if (mode.kind === 'task') {
      const task = (await withOfflineCopy('tasks', fetchMyTasks)).find((t) => t.id === mode.taskId);
      if (!task) throw new ApiError('ASSIGNMENT_NOT_FOUND');
      return {
        campaign,
        site: { name: task.site.siteName, address: task.site.address },
        districts: [],
        record: null,
      };
    }
    if (mode.kind === 'adHoc') {
      return { campaign, site: null, districts: await volunteerDistricts(mode.campaignId), record: null };
    }
    const record = await findMyDelivery(mode.campaignId, mode.deliveryId);
    if (!record) throw new ApiError('DELIVERY_NOT_FOUND');
    return { campaign, site: { name: record.siteName, address: record.siteAddress }, districts: [], record };
  }, [mode]);
  return useRequest(load, { enabled: enabled && mode !== null, key: mode });
}
