import { type Campaign, isWithinOrg } from '@ankang/shared';
import { useCallback, useState } from 'react';
import {
  fetchCampaign,
  fetchMyWorksiteSignups,
  sendWorksiteSignup,
  type WorksiteSignupView,
} from '../services/outreach';
import { todayInShanghai } from '../services/outreachDates';
import { rememberedOrg } from '../services/outreachPlace';
import {
  emptyWorksiteForm,
  worksiteErrorsFromIssues,
  worksiteFormFromSignup,
  worksiteFormSchema,
  worksiteFormToDraft,
} from '../services/signupForm';
import { type District, fetchDistricts } from '../services/stations';
import { useDraftForm } from './useDraftForm';
import { useRequest } from './useRequest';

interface Loaded {
  campaign: Campaign;
  /** Districts under the campaign's union: where a site signing up for it can be. */
  districts: District[];
  /** The caller's earlier sign-ups, latest first (empty when they could not be read). */
  previous: WorksiteSignupView[];
}

/** A district to start with: the one picked on the 三送 page, or the only one there is. */
function startingOrg(districts: District[]): string {
  const remembered = rememberedOrg();
  if (remembered && districts.some((d) => d.path === remembered)) return remembered;
  return districts.length === 1 ? districts[0]!.path : '';
}

/**
 * The worksite sign-up form for one campaign, kept on the phone until stored (see useDraftForm),
 * with the offer to start from the site's last sign-up and 再报一个工地 once done.
 */
export function useWorksiteSignup(campaignId: string | null, userId: string | null) {
  const [done, setDone] = useState<WorksiteSignupView | null>(null);
  const [offer, setOffer] = useState<WorksiteSignupView | null>(null);
  const form = useDraftForm({
    userId,
    draftKey: `worksite:${campaignId}`,
    valuesSchema: worksiteFormSchema,
    toDraft: worksiteFormToDraft,
    send: sendWorksiteSignup,
    errorsFromIssues: worksiteErrorsFromIssues,
    fieldErrorsFor: { ORG_NOT_FOUND: { orgPath: '请重新选择所在地区' } },
    onStored: setDone,
  });
  const { start, restart, replace, submit } = form;

  const load = useCallback(async (): Promise<Loaded> => {
    const [campaign, all, previous] = await Promise.all([
      fetchCampaign(campaignId ?? ''),
      fetchDistricts(),
      // Only an offer to prefill: the form works without it.
      fetchMyWorksiteSignups().catch(() => [] as WorksiteSignupView[]),
    ]);
    const districts = all.filter((d) => isWithinOrg(d.path, campaign.orgPath));
    const today = todayInShanghai();
    const restored = start(
      () => emptyWorksiteForm(startingOrg(districts)),
      // Days gone by since the draft was saved can no longer be chosen.
      (kept) => ({ ...kept, preferredDates: kept.preferredDates.filter((d) => d >= today) }),
    );
    if (!restored) setOffer(previous[0] ?? null);
    return { campaign, districts, previous };
  }, [campaignId, start]);
  const request = useRequest(load, {
    enabled: Boolean(campaignId && userId),
    key: `${campaignId}:${userId}`,
  });
  const campaign = request.data?.campaign;
  const submitForm = useCallback(() => submit(campaign), [submit, campaign]);

  /** “使用上次填写的信息”: the latest sign-up as the start, its phone kept on the server. */
  const applyLast = useCallback(() => {
    if (!offer || !campaign) return;
    replace(worksiteFormFromSignup(offer, campaign));
    setOffer(null);
  }, [offer, campaign, replace]);
  const dismissOffer = useCallback(() => setOffer(null), []);

  /** 再报一个工地: a new form (and request id), the same contact and district. */
  const startAnother = useCallback(() => {
    if (!done) return;
    restart({
      ...emptyWorksiteForm(done.orgPath),
      contactName: done.contactName,
      reusePhone: { from: done.id, masked: done.contactPhoneMasked },
    });
    setDone(null);
  }, [done, restart]);

  return {
    loading: request.loading,
    loadError: request.error,
    retryLoad: request.retry,
    campaign: campaign ?? null,
    districts: request.data?.districts ?? [],
    values: form.values,
    errors: form.errors,
    set: form.set,
    offer,
    applyLast,
    dismissOffer,
    restored: form.restored,
    submitting: form.submitting,
    sendError: form.sendError,
    otherIssues: form.otherIssues,
    submit: submitForm,
    done,
    startAnother,
  };
}
