import { useDidShow } from '@tarojs/taro';
import { useCallback, useRef } from 'react';
import { fetchCampaignsById, fetchMyVolunteerSignups, fetchMyWorksiteSignups } from '../services/outreach';
import { useRequest } from './useRequest';

/**
 * 我的报名: the caller's worksite and volunteer sign-ups with the titles of their campaigns (each
 * campaign read once, however many sign-ups name it), fresh each time the page is shown.
 */
export function useMySignups(enabled: boolean) {
  const load = useCallback(async () => {
    const [worksites, volunteers] = await Promise.all([fetchMyWorksiteSignups(), fetchMyVolunteerSignups()]);
    const campaigns = await fetchCampaignsById([...worksites, ...volunteers].map((s) => s.campaignId));
    const titles = new Map([...campaigns].map(([id, campaign]) => [id, campaign.title]));
    return { worksites, volunteers, titles };
  }, []);
  const request = useRequest(load, { enabled });
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && enabled) request.retry();
    shownOnce.current = true;
  });
  return request;
}
