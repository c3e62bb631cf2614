import { type Campaign, isWithinOrg } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import {
  fetchCampaign,
  fetchMyVolunteerSignups,
  sendVolunteerSignup,
  type VolunteerSignupView,
} from '../services/outreach';
import { todayInShanghai } from '../services/outreachDates';
import { loadDraft, removeDraft, saveDraft } from '../services/outreachDrafts';
import { type District, fetchDistricts, newRequestId } from '../services/stations';
import {
  emptyVolunteerForm,
  type VolunteerFormErrors,
  type VolunteerFormValues,
  volunteerErrorsFromIssues,
  volunteerFormSchema,
  volunteerFormToDraft,
} from '../services/volunteerForm';
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
  const draftKey = `volunteer:${campaignId}`;
  const [values, setValues] = useState<VolunteerFormValues | null>(null);
  const [errors, setErrors] = useState<VolunteerFormErrors>({});
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [otherIssues, setOtherIssues] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  /** Stored: just now (`fresh`), or earlier (found on load, or the server said ALREADY_SIGNED_UP). */
  const [signup, setSignup] = useState<{ view: VolunteerSignupView; fresh: boolean } | null>(null);
  const [restored, setRestored] = useState(false);
  const requestId = useRef('');
  const touched = useRef(false);
  const busy = useRef(false);

  const load = useCallback(async (): Promise<Loaded> => {
    const [campaign, all, mine] = await Promise.all([
      fetchCampaign(campaignId ?? ''),
      fetchDistricts(),
      fetchMyVolunteerSignups().catch(() => [] as VolunteerSignupView[]),
    ]);
    const existing = mine.find((s) => s.campaignId === campaign.id);
    if (existing) setSignup({ view: existing, fresh: false });
    const today = todayInShanghai();
    const draft = userId ? loadDraft(userId, draftKey, volunteerFormSchema) : null;
    if (draft) {
      requestId.current = draft.requestId;
      setValues({ ...draft.values, availability: draft.values.availability.filter((s) => s.date >= today) });
      setRestored(true);
    } else {
      requestId.current = newRequestId();
      setValues(emptyVolunteerForm());
    }
    return { campaign, districts: all.filter((d) => isWithinOrg(d.path, campaign.orgPath)) };
  }, [campaignId, userId, draftKey]);
  const request = useRequest(load, {
    enabled: Boolean(campaignId && userId),
    key: `${campaignId}:${userId}`,
  });

  useEffect(() => {
    if (!values || !userId || !touched.current) return;
    saveDraft(userId, draftKey, { requestId: requestId.current, values, savedAt: new Date().toISOString() });
  }, [values, userId, draftKey]);

  const set = useCallback(<K extends keyof VolunteerFormValues>(field: K, value: VolunteerFormValues[K]) => {
    touched.current = true;
    setValues((current) => (current ? { ...current, [field]: value } : current));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }, []);

  /** Their sign-up for this campaign, after the server refused a second one. */
  const showExisting = useCallback(async (campaign: string) => {
    const mine = await fetchMyVolunteerSignups();
    const existing = mine.find((s) => s.campaignId === campaign);
    if (existing) setSignup({ view: existing, fresh: false });
    return existing !== undefined;
  }, []);

  const submit = useCallback(async () => {
    const campaign = request.data?.campaign;
    if (!values || !campaign || !userId || busy.current) return;
    const checked = volunteerFormToDraft(values, campaign);
    setSendError(null);
    setOtherIssues([]);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    busy.current = true;
    setSubmitting(true);
    touched.current = true;
    saveDraft(userId, draftKey, { requestId: requestId.current, values, savedAt: new Date().toISOString() });
    try {
      const view = await sendVolunteerSignup({ requestId: requestId.current, signup: checked.draft });
      removeDraft(userId, draftKey);
      touched.current = false;
      setSignup({ view, fresh: true });
    } catch (failure) {
      const error = toApiError(failure);
      if (error.code === 'ALREADY_SIGNED_UP') {
        const found = await showExisting(campaign.id).catch(() => false);
        if (found) {
          removeDraft(userId, draftKey);
          touched.current = false;
          return;
        }
      }
      if (error.code === 'VALIDATION_FAILED' && error.details?.issues) {
        const placed = volunteerErrorsFromIssues(error.details.issues);
        setErrors(placed.errors);
        setOtherIssues(placed.other);
      }
      setSendError(error);
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }, [values, request.data, userId, draftKey, showExisting]);

  return {
    loading: request.loading,
    loadError: request.error,
    retryLoad: request.retry,
    campaign: request.data?.campaign ?? null,
    districts: request.data?.districts ?? [],
    values,
    errors,
    set,
    restored,
    submitting,
    sendError,
    otherIssues,
    submit,
    signup,
  };
}
