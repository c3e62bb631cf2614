import type { Campaign } from '@ankang/shared';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { fetchMyDeliveries } from '../services/deliveries';
import { mergeDeliveryRows } from '../services/deliveryList';
import { withOfflineCopy } from '../services/offlineCopy';
import { useOutbox } from '../services/outbox';
import type { OutboxEntry } from '../services/outboxTypes';
import { fetchCampaign, fetchMyVolunteerSignups } from '../services/outreach';
import { usePagedList } from './usePagedList';
import { usePullRefresh } from './usePullRefresh';
import { useRequest } from './useRequest';

const deliveryKinds = new Set(['delivery', 'deliveryEdit', 'photo']);
const ofDeliveries = (entry: OutboxEntry) => deliveryKinds.has(entry.kind);

export interface VolunteerCampaign {
  id: string;
  /** For the title and item names; null when it could not be read (offline), the codes show then. */
  campaign: Campaign | null;
}

/**
 * The campaigns the volunteer records for: the link's (known without the network, so the phone's
 * records show offline), else those of their approved volunteer sign-ups.
 */
function useVolunteerCampaigns(linked: string | null) {
  const load = useCallback(async (): Promise<VolunteerCampaign[]> => {
    const ids = linked
      ? [linked]
      : (await withOfflineCopy('volunteerSignups', fetchMyVolunteerSignups))
          .filter((s) => s.status === 'approved')
          .map((s) => s.campaignId);
    // Names for the list, from the phone's last copy when offline; a record shows without them too.
    const read = await Promise.allSettled(
      ids.map((id) => withOfflineCopy(`campaign.${id}`, () => fetchCampaign(id))),
    );
    return ids.map((id, index) => {
      const result = read[index];
      return { id, campaign: result?.status === 'fulfilled' ? result.value : null };
    });
  }, [linked]);
  return useRequest(load, { key: linked });
}

/**
 * 我的配送记录 for one campaign: the server's pages merged with what waits in the phone's outbox,
 * live as entries go out; fresh when shown again, on pull-down, and when an entry has just gone.
 */
export function useMyDeliveries(campaignId: string | null, campaign: Campaign | null) {
  const { entries, retry, flush } = useOutbox(ofDeliveries);
  const fetchPage = useCallback(
    (cursor?: string) => fetchMyDeliveries(campaignId ?? '', cursor),
    [campaignId],
  );
  const list = usePagedList(fetchPage, { key: campaignId ?? '', enabled: campaignId !== null });
  const { reload } = list;

  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) reload();
    shownOnce.current = true;
  });
  usePullRefresh(async () => {
    flush();
    reload();
  });

  // A record that just went out is read back, so its review state and photos show.
  const sentCount = entries.filter((e) => e.state === 'sent').length;
  const lastSent = useRef(sentCount);
  useEffect(() => {
    if (sentCount > lastSent.current) reload();
    lastSent.current = sentCount;
  }, [sentCount, reload]);

  const rows = useMemo(
    () => (campaignId ? mergeDeliveryRows(list.items, entries, campaignId, campaign) : []),
    [list.items, entries, campaignId, campaign],
  );
  const waiting = entries.filter((e) => e.state === 'pending' || e.state === 'sending').length;
  return { rows, list, retry, flush, waiting, entries };
}

export { useVolunteerCampaigns };
