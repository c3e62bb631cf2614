import type { ManagedStation, OrgNode } from '@ankang/shared';
import { useCallback, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import { fetchManagedStation, fetchOrgChoices, saveNewStation, saveStation } from '../services/staffStations';
import {
  emptyStationForm,
  errorsFromIssues,
  formToDraft,
  type StationFormErrors,
  type StationFormValues,
  stationToForm,
} from '../services/stationForm';
import { useRequest } from './useRequest';

interface Loaded {
  station: ManagedStation | null;
  orgs: OrgNode[];
}

export interface StationFormState {
  loading: boolean;
  loadError: ApiError | null;
  retryLoad: () => void;
  /** The station as loaded (null when creating). */
  station: ManagedStation | null;
  orgs: OrgNode[];
  values: StationFormValues | null;
  errors: StationFormErrors;
  set: <K extends keyof StationFormValues>(field: K, value: StationFormValues[K]) => void;
  saving: boolean;
  /** A failure that is not about one field (network, scope, conflict). */
  saveError: ApiError | null;
  /** Someone saved the station after we loaded it: reload before editing on. */
  conflict: boolean;
  save: () => Promise<ManagedStation | null>;
  /** Drops local edits and loads the latest version (after a conflict). */
  reload: () => void;
}

/**
 * The edit / create form: loads the station (by id) and the caller's org subtree, checks the form
 * with the API's schema, and saves with the version it loaded, so a stale save gets a 409 and
 * never overwrites someone else's change.
 */
export function useStationForm(id: string | undefined, defaultOrg: string | undefined): StationFormState {
  const [attempt, setAttempt] = useState(0);
  const [values, setValues] = useState<StationFormValues | null>(null);
  const [errors, setErrors] = useState<StationFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [station, setStation] = useState<ManagedStation | null>(null);

  const request = useRequest<Loaded>(
    async () => {
      const [loadedStation, orgs] = await Promise.all([
        id ? fetchManagedStation(id) : Promise.resolve(null),
        fetchOrgChoices(),
      ]);
      setStation(loadedStation);
      setValues(
        loadedStation ? stationToForm(loadedStation) : emptyStationForm(defaultOrg ?? orgs[0]?.path ?? ''),
      );
      setErrors({});
      setSaveError(null);
      setConflict(false);
      return { station: loadedStation, orgs };
    },
    { key: `${id ?? 'new'}:${attempt}` },
  );

  const set = useCallback(<K extends keyof StationFormValues>(field: K, value: StationFormValues[K]) => {
    setValues((current) => (current ? { ...current, [field]: value } : current));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }, []);

  const save = useCallback(async (): Promise<ManagedStation | null> => {
    if (!values || saving) return null;
    const checked = formToDraft(values);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return null;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const saved = station
        ? await saveStation(station.id, station.version, checked.draft)
        : await saveNewStation(checked.draft);
      setStation(saved);
      setValues(stationToForm(saved));
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
      setSaving(false);
    }
  }, [values, saving, station]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    loading: request.loading,
    loadError: request.error,
    retryLoad: request.retry,
    station,
    orgs: request.data?.orgs ?? [],
    values,
    errors,
    set,
    saving,
    saveError,
    conflict,
    save,
    reload,
  };
}
