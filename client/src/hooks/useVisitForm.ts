import type { HouseholdFile, Visit, VisitCreated } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import { fetchHousehold, fetchVisits, newVisitId, sendVisit } from '../services/hardship';
import { todayInShanghai } from '../services/outreachDates';
import { loadDraft, removeDraft, saveDraft } from '../services/outreachDrafts';
import {
  emptyVisitForm,
  nextVisitFor,
  type VisitFormErrors,
  type VisitFormValues,
  visitBody,
  visitErrorsFromIssues,
  visitFormValuesSchema,
  visitToForm,
} from '../services/visitForm';
import { useRequest } from './useRequest';

/** A correction names a visit on the file's first pages; further back is not looked for. */
const MAX_PAGES = 5;

async function findVisit(fileId: string, visitId: string): Promise<Visit | null> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await fetchVisits(fileId, cursor);
    const found = answer.items.find((v) => v.id === visitId);
    if (found) return found;
    if (!answer.nextCursor) return null;
    cursor = answer.nextCursor;
  }
  return null;
}

interface Loaded {
  file: HouseholdFile;
  corrected: Visit | null;
}

/**
 * 录入走访 / 更正走访: the form is kept on the phone (with its `hv_` id) from the first edit until the
 * server has stored the visit, so a dropped network or a closed app loses nothing and a resend is
 * stored once. The per-capita figure is shown as typed and never sent (the server computes it).
 */
export function useVisitForm(fileId: string, corrects: string | undefined, userId: string | null) {
  const draftKey = `hardshipVisit:${fileId}:${corrects ?? 'new'}`;
  const [values, setValues] = useState<VisitFormValues | null>(null);
  const [errors, setErrors] = useState<VisitFormErrors>({});
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [restored, setRestored] = useState(false);
  const visitId = useRef('');
  const touched = useRef(false);
  const busy = useRef(false);

  const load = useRequest<Loaded>(
    async () => {
      const [file, corrected] = await Promise.all([
        fetchHousehold(fileId),
        corrects ? findVisit(fileId, corrects) : null,
      ]);
      const kept = userId ? loadDraft(userId, draftKey, visitFormValuesSchema) : null;
      visitId.current = kept?.requestId ?? newVisitId();
      setRestored(kept !== null);
      setValues(
        kept?.values ??
          (corrected ? visitToForm(corrected) : emptyVisitForm(todayInShanghai(), file.householdSize)),
      );
      return { file, corrected };
    },
    { enabled: Boolean(fileId && userId), key: `${fileId}:${corrects ?? ''}` },
  );

  const keep = useCallback(
    (kept: VisitFormValues) => {
      if (userId)
        saveDraft(userId, draftKey, {
          requestId: visitId.current,
          values: kept,
          savedAt: new Date().toISOString(),
        });
    },
    [userId, draftKey],
  );
  // Every change is on the phone at once, not only when sending.
  useEffect(() => {
    if (values && touched.current) keep(values);
  }, [values, keep]);

  const update = useCallback((change: (current: VisitFormValues) => VisitFormValues, keys: string[]) => {
    touched.current = true;
    setValues((current) => {
      if (!current) return current;
      const next = change(current);
      // The next visit follows the risk and the visit date until it is picked by hand.
      return next.nextPicked ? next : { ...next, nextVisitDue: nextVisitFor(next.visitedOn, next.risk) };
    });
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(next))
        if (keys.some((k) => key === k || key.startsWith(`${k}.`))) delete next[key];
      return next;
    });
  }, []);

  const set = useCallback(
    <K extends keyof VisitFormValues>(field: K, value: VisitFormValues[K], errorKeys: string[] = [field]) =>
      update((current) => ({ ...current, [field]: value }), errorKeys),
    [update],
  );

  /**
   * Sends the visit; the stored visit (with the alerts it raised) once stored. A failure keeps the
   * draft (and its id) for a retry.
   */
  const submit = useCallback(async (): Promise<VisitCreated | null> => {
    if (!values || busy.current) return null;
    const checked = visitBody(visitId.current, values, corrects);
    setSendError(null);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return null;
    }
    busy.current = true;
    setSending(true);
    touched.current = true;
    keep(values);
    try {
      const stored = await sendVisit(fileId, checked.body);
      if (userId) removeDraft(userId, draftKey);
      touched.current = false;
      return stored;
    } catch (failure) {
      const error = toApiError(failure);
      if (error.code === 'VALIDATION_FAILED' && error.details?.issues)
        setErrors(visitErrorsFromIssues(error.details.issues));
      setSendError(error);
      return null;
    } finally {
      busy.current = false;
      setSending(false);
    }
  }, [values, corrects, fileId, userId, draftKey, keep]);

  /** Gives up the kept draft and starts an empty form under a new id. */
  const discard = useCallback(() => {
    if (userId) removeDraft(userId, draftKey);
    const file = load.data?.file;
    visitId.current = newVisitId();
    touched.current = false;
    setRestored(false);
    setErrors({});
    setSendError(null);
    setValues(
      load.data?.corrected
        ? visitToForm(load.data.corrected)
        : emptyVisitForm(todayInShanghai(), file?.householdSize ?? 1),
    );
  }, [userId, draftKey, load.data]);

  return {
    loading: load.loading,
    loadError: load.error,
    retryLoad: load.retry,
    file: load.data?.file ?? null,
    corrected: load.data?.corrected ?? null,
    values,
    errors,
    set,
    update,
    restored,
    sending,
    sendError,
    submit,
    discard,
  };
}
