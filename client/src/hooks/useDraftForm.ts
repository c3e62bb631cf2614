import type { Campaign, FieldIssue } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { type ApiError, type ApiErrorCode, toApiError } from '../services/errors';
import { loadDraft, removeDraft, saveDraft } from '../services/outreachDrafts';
import { newRequestId } from '../services/stations';

type FieldErrors<Values> = Partial<Record<keyof Values, string>>;

export interface DraftFormOptions<Values, Draft, Stored> {
  userId: string | null;
  /** Where the draft is kept on the phone, e.g. `worksite:cp_…`. */
  draftKey: string;
  /** Reads a kept draft back; one that no longer parses is dropped for an empty form. */
  valuesSchema: z.ZodType<Values>;
  /** Checks the form: the draft to send, or a message per field. */
  toDraft: (values: Values, campaign: Campaign) => { draft: Draft } | { errors: FieldErrors<Values> };
  send: (body: { requestId: string; signup: Draft }) => Promise<Stored>;
  /** A 400's issues placed on the form's fields, and those no field shows. */
  errorsFromIssues: (issues: FieldIssue[]) => { errors: FieldErrors<Values>; other: string[] };
  /** Field errors a refusal stands for (the refusal is still shown). */
  fieldErrorsFor?: Partial<Record<ApiErrorCode, FieldErrors<Values>>>;
  /** True when a refusal means the sign-up is stored after all (the draft is then dropped, no error shown). */
  isStoredAfterAll?: (error: ApiError, campaign: Campaign) => Promise<boolean>;
  onStored: (stored: Stored) => void;
}

/**
 * A sign-up form whose unsent values are kept on the phone, with the request id they will be sent
 * under, from the first edit until the server has stored them: a closed app or a dropped network
 * loses nothing, and a resend cannot store the sign-up twice.
 */
export function useDraftForm<Values extends object, Draft, Stored>(
  options: DraftFormOptions<Values, Draft, Stored>,
) {
  const { userId, draftKey } = options;
  const [values, setValues] = useState<Values | null>(null);
  const [errors, setErrors] = useState<FieldErrors<Values>>({});
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [otherIssues, setOtherIssues] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [restored, setRestored] = useState(false);
  const requestId = useRef('');
  const touched = useRef(false);
  const busy = useRef(false);
  // The latest callbacks, so `submit` changes only with what it sends.
  const optionsRef = useRef(options);
  optionsRef.current = options;

  /**
   * Starts the form from the kept draft (passed through `restore`), else from `fresh()` under a new
   * request id. True when a draft was restored.
   */
  const start = useCallback(
    (fresh: () => Values, restore: (kept: Values) => Values): boolean => {
      const draft = userId ? loadDraft(userId, draftKey, optionsRef.current.valuesSchema) : null;
      requestId.current = draft?.requestId ?? newRequestId();
      setValues(draft ? restore(draft.values) : fresh());
      if (draft) setRestored(true);
      return draft !== null;
    },
    [userId, draftKey],
  );

  /** A new sign-up (and request id) starting from `next`, nothing kept until it is edited. */
  const restart = useCallback((next: Values) => {
    requestId.current = newRequestId();
    touched.current = false;
    setValues(next);
    setErrors({});
    setSendError(null);
    setRestored(false);
  }, []);

  /** The whole form replaced as if typed (e.g. from an earlier sign-up). */
  const replace = useCallback((next: Values) => {
    touched.current = true;
    setValues(next);
    setErrors({});
  }, []);

  const keep = useCallback(
    (kept: Values) => {
      if (!userId) return;
      saveDraft(userId, draftKey, {
        requestId: requestId.current,
        values: kept,
        savedAt: new Date().toISOString(),
      });
    },
    [userId, draftKey],
  );
  const forget = useCallback(() => {
    if (userId) removeDraft(userId, draftKey);
    touched.current = false;
  }, [userId, draftKey]);

  // Every change is on the phone at once, not only when sending.
  useEffect(() => {
    if (values && touched.current) keep(values);
  }, [values, keep]);

  const set = useCallback(<K extends keyof Values>(field: K, value: Values[K]) => {
    touched.current = true;
    setValues((current) => (current ? { ...current, [field]: value } : current));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }, []);

  /** Sends the form for `campaign`; nothing is sent before the campaign has loaded. */
  const submit = useCallback(
    async (campaign: Campaign | undefined) => {
      const { toDraft, send, errorsFromIssues, fieldErrorsFor, isStoredAfterAll, onStored } =
        optionsRef.current;
      if (!values || !campaign || !userId || busy.current) return;
      const checked = toDraft(values, campaign);
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
      keep(values);
      try {
        const stored = await send({ requestId: requestId.current, signup: checked.draft });
        forget();
        onStored(stored);
      } catch (failure) {
        const error = toApiError(failure);
        if (isStoredAfterAll && (await isStoredAfterAll(error, campaign).catch(() => false))) {
          forget();
          return;
        }
        if (error.code === 'VALIDATION_FAILED' && error.details?.issues) {
          const placed = errorsFromIssues(error.details.issues);
          setErrors(placed.errors);
          setOtherIssues(placed.other);
        }
        const refused = fieldErrorsFor?.[error.code];
        if (refused) setErrors((current) => ({ ...current, ...refused }));
        setSendError(error);
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    },
    [values, userId, keep, forget],
  );

  return {
    values,
    errors,
    set,
    start,
    restart,
    replace,
    restored,
    submitting,
    sendError,
    otherIssues,
    submit,
  };
}
