import type { Campaign, OrgNode } from '@ankang/shared';
import { useCallback, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import { todayInShanghai } from '../services/outreachDates';
import {
  type CampaignFormErrors,
  type CampaignFormValues,
  campaignToForm,
  copiedForm,
  emptyCampaignForm,
  errorsFromIssues,
  formToDraft,
} from '../services/staffCampaignForm';
import { fetchCampaign, fetchScopeOrgs, saveCampaign, saveNewCampaign } from '../services/staffOutreach';
import { newRequestId } from '../services/stations';
import { useRequest } from './useRequest';

/** What the editor opens: a campaign to edit, one to copy from, or neither (a new one). */
export interface CampaignFormSource {
  id?: string;
  copyFrom?: string;
}

export interface StaffCampaignFormState {
  loadError: ApiError | null;
  retryLoad: () => void;
  /** The campaign as saved (null until a new one is created). */
  campaign: Campaign | null;
  /** The campaign copied from, when the form started as a copy. */
  copiedFrom: Campaign | null;
  orgs: OrgNode[];
  values: CampaignFormValues | null;
  errors: CampaignFormErrors;
  /**
   * Replaces the values and clears the errors made stale: keys named exactly, and every key under
   * an entry ending in `.` (`kinds.` after a kind was removed and the rest moved up).
   */
  update: (next: CampaignFormValues, clear: string[]) => void;
  saving: boolean;
  saveError: ApiError | null;
  /** Someone saved the campaign after we loaded it: reload before editing on. */
  conflict: boolean;
  save: () => Promise<Campaign | null>;
  /** Drops local edits and loads the latest version (after a conflict). */
  reload: () => void;
}

/**
 * The campaign editor: loads the campaign (or the one to copy) and the caller's org subtree,
 * checks with the API's schema before sending, creates with one request id kept until it succeeds
 * (a retry after a lost answer returns the first campaign, never a second), and updates with the
 * version it loaded (a stale save is a 409, never an overwrite).
 */
export function useStaffCampaignForm(
  source: CampaignFormSource,
  scope: string | undefined,
  enabled: boolean,
): StaffCampaignFormState {
  const [attempt, setAttempt] = useState(0);
  const [values, setValues] = useState<CampaignFormValues | null>(null);
  const [errors, setErrors] = useState<CampaignFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [copiedFrom, setCopiedFrom] = useState<Campaign | null>(null);
  const requestId = useRef<string | null>(null);
  const savingRef = useRef(false);

  const request = useRequest(
    async () => {
      const [loaded, from, orgs] = await Promise.all([
        source.id ? fetchCampaign(source.id) : Promise.resolve(null),
        !source.id && source.copyFrom ? fetchCampaign(source.copyFrom) : Promise.resolve(null),
        fetchScopeOrgs(),
      ]);
      const year = Number(todayInShanghai().slice(0, 4));
      setCampaign(loaded);
      setCopiedFrom(from);
      setValues(
        loaded
          ? campaignToForm(loaded)
          : from
            ? copiedForm(from, year, scope)
            : emptyCampaignForm(scope ?? orgs[0]?.path ?? ''),
      );
      setErrors({});
      setSaveError(null);
      setConflict(false);
      return orgs;
    },
    { enabled, key: `${source.id ?? ''}:${source.copyFrom ?? ''}:${attempt}` },
  );

  const update = useCallback((next: CampaignFormValues, clear: string[]) => {
    setValues(next);
    setErrors((current) => {
      const kept = { ...current };
      for (const key of Object.keys(kept)) {
        if (clear.some((c) => (c.endsWith('.') ? key.startsWith(c) : key === c))) delete kept[key];
      }
      return kept;
    });
  }, []);

  const save = useCallback(async (): Promise<Campaign | null> => {
    if (!values || savingRef.current) return null;
    const checked = formToDraft(values);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return null;
    }
    savingRef.current = true;
    setSaving(true);
    setSaveError(null);
    setValues(checked.values);
    try {
      let saved: Campaign;
      if (campaign) {
        saved = await saveCampaign(campaign.id, campaign.version, checked.draft);
      } else {
        // Made once and kept through failures: only a success lets the next create be a new one.
        requestId.current ??= newRequestId();
        saved = await saveNewCampaign(checked.draft, requestId.current);
        requestId.current = null;
      }
      setCampaign(saved);
      setValues(campaignToForm(saved));
      return saved;
    } catch (failure) {
      const error = toApiError(failure);
      if (error.code === 'VERSION_CONFLICT') setConflict(true);
      if (error.code === 'VALIDATION_FAILED' && error.details?.issues) {
        setErrors(errorsFromIssues(error.details.issues));
      }
      setSaveError(error);
      return null;
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }, [values, campaign]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    loadError: request.error,
    retryLoad: request.retry,
    campaign,
    copiedFrom,
    orgs: request.data ?? [],
    values,
    errors,
    update,
    saving,
    saveError,
    conflict,
    save,
    reload,
  };
}
