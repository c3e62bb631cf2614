import { type Campaign, type HandoutPlace, isWithinOrg, type Me } from '@ankang/shared';
import { useCallback } from 'react';
import { cachedCoolingKeys, refreshCoolingKeys } from '../services/coolingCodes';
import { ApiError } from '../services/errors';
import { fetchCampaign, fetchCampaigns, fetchMyTasks, fetchMyVolunteerSignups } from '../services/outreach';
import { useRequest } from './useRequest';

/** A campaign the caller may hand out in, and where their hand-outs count. */
export interface HandoutChoice {
  campaign: Campaign;
  place: HandoutPlace;
  /** What the page says about the place (the task's site, a district, the union). */
  placeLabel: string;
}

export interface HandoutContext {
  choices: HandoutChoice[];
  /** Whether the phone holds the public keys (else codes cannot be checked offline). */
  keysReady: boolean;
}

/** The scan page's link: a campaign (and task) when opened from a task, nothing from 我的任务. */
export interface HandoutLink {
  campaignId?: string;
  taskId?: string;
}

const hasAllowance = (campaign: Campaign) =>
  campaign.coolingAllowance !== undefined && (campaign.status === 'open' || campaign.status === 'closed');

async function volunteerChoices(link: HandoutLink): Promise<HandoutChoice[]> {
  const signups = (await fetchMyVolunteerSignups()).filter(
    (signup) => signup.status === 'approved' && (!link.campaignId || signup.campaignId === link.campaignId),
  );
  const task = link.taskId ? (await fetchMyTasks()).find((t) => t.id === link.taskId) : undefined;
  const choices: HandoutChoice[] = [];
  for (const signup of signups) {
    const campaign = await fetchCampaign(signup.campaignId);
    if (!hasAllowance(campaign)) continue;
    if (task && task.campaignId === campaign.id) {
      choices.push({
        campaign,
        place: { type: 'assigned', assignmentId: task.id },
        placeLabel: task.site.siteName,
      });
      continue;
    }
    for (const district of signup.districts) {
      choices.push({ campaign, place: { type: 'adHoc', orgPath: district }, placeLabel: '我服务的区域' });
    }
  }
  return choices;
}

/** Staff hand out in the campaigns their union's area takes part in, counted at their own node. */
async function staffChoices(me: Me, link: HandoutLink): Promise<HandoutChoice[]> {
  if (!me.org) return [];
  const campaigns = link.campaignId
    ? [await fetchCampaign(link.campaignId)]
    : await fetchCampaigns(me.org.path);
  return campaigns.filter(hasAllowance).map((campaign) => {
    const inside = isWithinOrg(me.org!.path, campaign.orgPath);
    return {
      campaign,
      place: { type: 'adHoc', orgPath: inside ? me.org!.path : campaign.orgPath },
      placeLabel: inside ? me.org!.name : '活动所在地区',
    };
  });
}

/**
 * What 扫码发放 needs before a scan: the campaigns with a 清凉码 allowance the caller may hand out
 * in (as a volunteer of it, or as staff), where each counts, and fresh public keys (kept on the
 * phone; without a connection the kept ones are used).
 */
export function useHandoutContext(me: Me | null, link: HandoutLink) {
  const load = useCallback(async (): Promise<HandoutContext> => {
    if (!me) throw new ApiError('UNAUTHENTICATED');
    await refreshCoolingKeys().catch(() => undefined);
    const staff = me.roles.includes('staff') || me.roles.includes('admin');
    const volunteer = me.roles.includes('volunteer') ? await volunteerChoices(link) : [];
    const choices = volunteer.length > 0 || !staff ? volunteer : await staffChoices(me, link);
    return { choices, keysReady: Object.keys(cachedCoolingKeys()).length > 0 };
  }, [me, link]);
  return useRequest(load, { enabled: me !== null, key: `${me?.id}|${link.campaignId}|${link.taskId}` });
}
