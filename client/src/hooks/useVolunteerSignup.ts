import { type Campaign, isWithinOrg } from '@ankang/shared';
import { useCallback, useState } from 'react';
import type { ApiError } from '../services/errors';
import {
  fetchCampaign,
  fetchMyVolunteerSignups,
  sendVolunteerSignup,
  type VolunteerSignupView,
} from '../services/outreach';
import { todayInShanghai } from '../services/outreachDates';
import { type District, fetchDistricts } from '../services/stations';
import {
  emptyVolunteerForm,
  volunteerErrorsFromIssues,
  volunteerFormSchema,
  volunteerFormToDraft,
} from '../services/volunteerForm';
import { useDraftForm } from './useDraftForm';
import { useRequest } from './useRequest';

interface Loaded {
  campaign: Campaign;
  districts: District[];
}

/**
 * The volunteer sign-up for one campaign: once per person and campaign, so an existing sign-up is
 * shown instead of the form (also when the server answers ALREADY_SIGNED_UP). The unsent form is
 * kept on the phone with its request id, as the worksite form is.
 */
export function useVolunteerSignup(campaignId: string | null, userId: string | null) {
  /** Stored: just now (`fresh`), or earlier (found on load, or the server said ALREADY_SIGNED_UP). */
  const [signup, setSignup] = useState<{ view: VolunteerSignupView; fresh: boolean } | null>(null);

  /** Their sign-up for this campaign, after the server refused a second one. */
  const showExisting = useCallback(async (error: ApiError, campaign: Campaign) => {
    if (error.code !== 'ALREADY_SIGNED_UP') return false;
    const mine = await fetchMyVolunteerSignups();
    const existing = mine.find((s) => s.campaignId === campaign.id);
    if (existing) setSignup({ view: existing, fresh: false });
    return existing !== undefined;
  }, []);

  const form = useDraftForm({
    userId,
    draftKey: `volunteer:${campaignId}`,
    valuesSchema: volunteerFormSchema,
    toDraft: volunteerFormToDraft,
    send: sendVolunteerSignup,
    errorsFromIssues: volunteerErrorsFromIssues,
    isStoredAfterAll: showExisting,
    onStored: (view) => setSignup({ view, fresh: true }),
  });
  const { start, submit } = form;

  const load = useCallback(async (): Promise<Loaded> => {
    const [campaign, all, mine] = await Promise.all([
      fetchCampaign(campaignId ?? ''),
      fetchDistricts(),
      fetchMyVolunteerSignups().catch(() => [] as VolunteerSignupView[]),
    ]);
    const existing = mine.find((s) => s.campaignId === campaign.id);
    if (existing) setSignup({ view: existing, fresh: false });
    const today = todayInShanghai();
    start(
      () => emptyVolunteerForm(),
      (kept) => ({ ...kept, availability: kept.availability.filter((s) => s.date >= today) }),
    );
    return { campaign, districts: all.filter((d) => isWithinOrg(d.path, campaign.orgPath)) };
  }, [campaignId, start]);
  const request = useRequest(load, {
    enabled: Boolean(campaignId && userId),
    key: `${campaignId}:${userId}`,
  });
  const campaign = request.data?.campaign;
  const submitForm = useCallback(() => submit(campaign), [submit, campaign]);

  return {
    loading: request.loading,
    loadError: request.error,
    retryLoad: request.retry,
    campaign: campaign ?? null,
    districts: request.data?.districts ?? [],
    values: form.values,
    errors: form.errors,
    set: form.set,
    restored: form.restored,
    submitting: form.submitting,
    sendError: form.sendError,
    otherIssues: form.otherIssues,
    submit: submitForm,
    signup,
  };
}
