import { type Campaign, isWithinOrg } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import {
  fetchCampaign,
  fetchMyWorksiteSignups,
  sendWorksiteSignup,
  type WorksiteSignupView,
} from '../services/outreach';
import { todayInShanghai } from '../services/outreachDates';
import { loadDraft, removeDraft, saveDraft } from '../services/outreachDrafts';
import { rememberedOrg } from '../services/outreachPlace';
import {
  emptyWorksiteForm,
  type WorksiteFormErrors,
  type WorksiteFormValues,
  worksiteErrorsFromIssues,
  worksiteFormFromSignup,
  worksiteFormSchema,
  worksiteFormToDraft,
} from '../services/signupForm';
import { type District, fetchDistricts, newRequestId } from '../services/stations';
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
 * The worksite sign-up form for one campaign. What is typed is kept on the phone (with the request
 * id it will be sent under) from the first edit until the server has stored it, so a closed app or
 * a dropped network loses nothing and a resend cannot sign the site up twice.
 */
export function useWorksiteSignup(campaignId: string | null, userId: string | null) {
  const draftKey = `worksite:${campaignId}`;
  const [values, setValues] = useState<WorksiteFormValues | null>(null);
  const [errors, setErrors] = useState<WorksiteFormErrors>({});
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [otherIssues, setOtherIssues] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState<WorksiteSignupView | null>(null);
  const [offer, setOffer] = useState<WorksiteSignupView | null>(null);
  const [restored, setRestored] = useState(false);
  const requestId = useRef('');
  const touched = useRef(false);
  const busy = useRef(false);

  const load = useCallback(async (): Promise<Loaded> => {
    const [campaign, all, previous] = await Promise.all([
      fetchCampaign(campaignId ?? ''),
      fetchDistricts(),
      // Only an offer to prefill: the form works without it.
      fetchMyWorksiteSignups().catch(() => [] as WorksiteSignupView[]),
    ]);
    const districts = all.filter((d) => isWithinOrg(d.path, campaign.orgPath));
    const today = todayInShanghai();
    const draft = userId ? loadDraft(userId, draftKey, worksiteFormSchema) : null;
    if (draft) {
      requestId.current = draft.requestId;
      // Days gone by since the draft was saved can no longer be chosen.
      setValues({ ...draft.values, preferredDates: draft.values.preferredDates.filter((d) => d >= today) });
      setRestored(true);
    } else {
      requestId.current = newRequestId();
      setValues(emptyWorksiteForm(startingOrg(districts)));
      setOffer(previous[0] ?? null);
    }
    return { campaign, districts, previous };
  }, [campaignId, userId, draftKey]);
  const request = useRequest(load, {
    enabled: Boolean(campaignId && userId),
    key: `${campaignId}:${userId}`,
  });

  // Every change is on the phone at once, not only when sending.
  useEffect(() => {
    if (!values || !userId || !touched.current) return;
    saveDraft(userId, draftKey, {
      requestId: requestId.current,
      values,
      savedAt: new Date().toISOString(),
    });
  }, [values, userId, draftKey]);

  const set = useCallback(<K extends keyof WorksiteFormValues>(field: K, value: WorksiteFormValues[K]) => {
    touched.current = true;
    setValues((current) => (current ? { ...current, [field]: value } : current));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }, []);

  /** “使用上次填写的信息”: the latest sign-up as the start, its phone kept on the server. */
  const applyLast = useCallback(() => {
    const campaign = request.data?.campaign;
    if (!offer || !campaign) return;
    touched.current = true;
    setValues(worksiteFormFromSignup(offer, campaign));
    setErrors({});
    setOffer(null);
  }, [offer, request.data]);
  const dismissOffer = useCallback(() => setOffer(null), []);

  const submit = useCallback(async () => {
    const campaign = request.data?.campaign;
    if (!values || !campaign || !userId || busy.current) return;
    const checked = worksiteFormToDraft(values, campaign);
    setSendError(null);
    setOtherIssues([]);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    busy.current = true;
    setSubmitting(true);
    // On the phone before it leaves: if the answer is lost, the resend carries the same request id.
    touched.current = true;
    saveDraft(userId, draftKey, { requestId: requestId.current, values, savedAt: new Date().toISOString() });
    try {
      const signup = await sendWorksiteSignup({ requestId: requestId.current, signup: checked.draft });
      removeDraft(userId, draftKey);
      touched.current = false;
      setDone(signup);
    } catch (failure) {
      const error = toApiError(failure);
      if (error.code === 'VALIDATION_FAILED' && error.details?.issues) {
        const placed = worksiteErrorsFromIssues(error.details.issues);
        setErrors(placed.errors);
        setOtherIssues(placed.other);
      }
      if (error.code === 'ORG_NOT_FOUND')
        setErrors((current) => ({ ...current, orgPath: '请重新选择所在地区' }));
      setSendError(error);
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }, [values, request.data, userId, draftKey]);

  /** 再报一个工地: a new form (and request id), the same contact and district. */
  const startAnother = useCallback(() => {
    if (!done) return;
    requestId.current = newRequestId();
    touched.current = false;
    setValues({
      ...emptyWorksiteForm(done.orgPath),
      contactName: done.contactName,
      reusePhone: { from: done.id, masked: done.contactPhoneMasked },
    });
    setErrors({});
    setSendError(null);
    setRestored(false);
    setDone(null);
  }, [done]);

  return {
    loading: request.loading,
    loadError: request.error,
    retryLoad: request.retry,
    campaign: request.data?.campaign ?? null,
    districts: request.data?.districts ?? [],
    values,
    errors,
    set,
    offer,
    applyLast,
    dismissOffer,
    restored,
    submitting,
    sendError,
    otherIssues,
    submit,
    done,
    startAnother,
  };
}
