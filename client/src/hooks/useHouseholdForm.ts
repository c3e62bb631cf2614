import type { HouseholdFile, OrgNode } from '@ankang/shared';
import { useCallback, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import {
  fetchHousehold,
  fetchPovertyLineInForce,
  newHouseholdId,
  saveHousehold,
  saveNewHousehold,
} from '../services/hardship';
import {
  emptyHouseholdForm,
  type HouseholdFormErrors,
  type HouseholdFormValues,
  householdEditBody,
  householdErrorsFromIssues,
  householdToForm,
  newHouseholdBody,
} from '../services/householdForm';
import { todayInShanghai } from '../services/outreachDates';
import { fetchOrgChoices } from '../services/staffStations';
import { useRequest } from './useRequest';

/**
 * The file form (new or edit): loads the file and the caller's unions, checks with the API's
 * schema, and saves. A new file is sent under one client-made id for every retry of this form, so
 * a lost answer never files the household twice; an edit carries the version it loaded.
 */
export function useHouseholdForm(id: string | undefined, defaultOrg: string | undefined, enabled: boolean) {
  const [attempt, setAttempt] = useState(0);
  const [values, setValues] = useState<HouseholdFormValues | null>(null);
  const [errors, setErrors] = useState<HouseholdFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [file, setFile] = useState<HouseholdFile | null>(null);
  const fileId = useRef(newHouseholdId());
  const busy = useRef(false);

  const load = useRequest<{ orgs: OrgNode[] }>(
    async () => {
      const [loaded, orgs] = await Promise.all([id ? fetchHousehold(id) : null, fetchOrgChoices()]);
      setFile(loaded);
      setValues(loaded ? householdToForm(loaded) : emptyHouseholdForm(defaultOrg ?? orgs[0]?.path ?? ''));
      setErrors({});
      setSaveError(null);
      setConflict(false);
      return { orgs };
    },
    { enabled, key: `${id ?? 'new'}:${attempt}` },
  );

  const orgPath = values?.orgPath ?? '';
  // The 低保 line for the chosen union, for the category hint; none known: no hint.
  const line = useRequest(() => fetchPovertyLineInForce(orgPath, todayInShanghai()), {
    enabled: enabled && Boolean(orgPath),
    key: orgPath,
  });

  const update = useCallback(
    (change: (current: HouseholdFormValues) => HouseholdFormValues, keys: string[]) => {
      setValues((current) => (current ? change(current) : current));
      setErrors((current) => {
        const next = { ...current };
        for (const key of Object.keys(next))
          if (keys.some((k) => key === k || key.startsWith(`${k}.`))) delete next[key];
        return next;
      });
    },
    [],
  );

  const set = useCallback(
    <K extends keyof HouseholdFormValues>(field: K, value: HouseholdFormValues[K]) =>
      update((current) => ({ ...current, [field]: value }), [field as string]),
    [update],
  );

  const save = useCallback(async (): Promise<HouseholdFile | null> => {
    if (!values || busy.current) return null;
    const checked = file ? householdEditBody(file.version, values) : newHouseholdBody(fileId.current, values);
    setSaveError(null);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return null;
    }
    busy.current = true;
    setSaving(true);
    try {
      const saved = file
        ? await saveHousehold(file.id, checked.body as Parameters<typeof saveHousehold>[1])
        : await saveNewHousehold(checked.body as Parameters<typeof saveNewHousehold>[0]);
      setFile(saved);
      return saved;
    } catch (failure) {
      const error = toApiError(failure);
      if (error.code === 'VERSION_CONFLICT') setConflict(true);
      if (error.code === 'VALIDATION_FAILED' && error.details?.issues)
        setErrors(householdErrorsFromIssues(error.details.issues));
      if (error.code === 'HARDSHIP_FILE_EXISTS') setErrors({ idNumber: error.message });
      if (error.code === 'CASEWORKER_INVALID') setErrors({ caseworkerUserId: error.message });
      setSaveError(error);
      return null;
    } finally {
      busy.current = false;
      setSaving(false);
    }
  }, [values, file]);

  return {
    loading: load.loading,
    loadError: load.error,
    retryLoad: load.retry,
    orgs: load.data?.orgs ?? [],
    file,
    values,
    errors,
    set,
    update,
    povertyLine: line.data ?? null,
    saving,
    saveError,
    conflict,
    save,
    reload: useCallback(() => setAttempt((n) => n + 1), []),
  };
}
