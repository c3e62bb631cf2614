import type { ContractOutput, rateStation } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type ReportPhotoUpload,
  type ReportSubmission,
  submitReportWithPhotos,
} from '../services/reportPhotos';
import {
  type DraftForm,
  type DraftOf,
  emptyRating,
  emptyReport,
  loadStationDraft,
  removeStationDraft,
  saveStationDraft,
} from '../services/stationDrafts';
import { newRequestId, type RatingInput, submitRating } from '../services/stations';
import { useSubmit } from './useSubmit';

/** Typing pauses this long before the draft is written to the phone (one write per pause, not per key). */
const SAVE_PAUSE_MS = 400;

/**
 * One form's draft: read from the phone before the first render (a restored draft never flashes in
 * after an empty form), written back a moment after the last edit and at once when the form is
 * sent or the page goes, so a worker sent to sign in first comes back to what they typed.
 */
function useKeptDraft<F extends DraftForm>(stationId: string | undefined, form: F, empty: DraftOf<F>) {
  const [kept] = useState(() => (stationId ? loadStationDraft(stationId, form) : null));
  const [draft, setDraft] = useState<DraftOf<F>>(() => kept ?? empty);
  const unsaved = useRef<DraftOf<F> | null>(null);

  const flush = useCallback(() => {
    const next = unsaved.current;
    unsaved.current = null;
    if (!next || !stationId) return;
    if (JSON.stringify(next) === JSON.stringify(empty)) removeStationDraft(stationId, form);
    else saveStationDraft(stationId, form, next);
  }, [stationId, form, empty]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `draft` is the trigger (each edit restarts the pause).
  useEffect(() => {
    if (!unsaved.current) return;
    const timer = setTimeout(flush, SAVE_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft, flush]);
  // The page closing (or the worker leaving for the login page) writes what is still pending.
  useEffect(() => flush, [flush]);

  // Edits are updaters: two taps before the next render (a star, then a tag) both count.
  const edit = useCallback((update: (current: DraftOf<F>) => DraftOf<F>) => {
    setDraft((current) => {
      const next = update(current);
      unsaved.current = next;
      return next;
    });
  }, []);

  /** Sent and stored: the form starts empty and the phone forgets the draft. */
  const reset = useCallback(() => {
    unsaved.current = null;
    setDraft(empty);
    if (stationId) removeStationDraft(stationId, form);
  }, [stationId, form, empty]);

  return { draft, edit, flush, reset, restored: kept !== null };
}

/**
 * The detail page's two forms: rate (then refresh the summary) and report a problem, each sent once
 * however often it is tapped. What is typed is kept on the phone per station, so a worker sent to
 * sign in first comes back to the same form; `restored` says a kept draft was put back.
 */
export function useStationFeedback(stationId: string | undefined, reloadStation: () => void) {
  const [rated, setRated] = useState(false);
  // Where the comment just sent stands: held or hidden ones are told to their author only.
  const [commentState, setCommentState] =
    useState<ContractOutput<typeof rateStation>['commentState']>('none');
  const [reported, setReported] = useState(false);
  const ratingDraft = useKeptDraft(stationId, 'rating', emptyRating);
  const reportDraft = useKeptDraft(stationId, 'report', emptyReport);
  // The report being sent: its requestId, kept until it is filed (a retry after a lost answer is
  // stored once).
  const pendingReport = useRef<{ requestId: string } | null>(null);

  const rating = useSubmit((input: RatingInput) => submitRating(stationId ?? '', input), {
    success: '评价成功',
    onDone: (result) => {
      setRated(true);
      setCommentState(result.commentState);
      ratingDraft.reset();
      reloadStation();
    },
  });
  const reporting = useSubmit((input: ReportSubmission) => submitReportWithPhotos(stationId ?? '', input), {
    success: '已提交',
    onDone: () => {
      setReported(true);
      reportDraft.reset();
      pendingReport.current = null;
    },
  });

  const { flush: flushRating } = ratingDraft;
  const { flush: flushReport } = reportDraft;
  const rate = useCallback(
    (input: RatingInput) => {
      // Kept before sending: a browser worker may be sent to the login page first.
      flushRating();
      void rating.submit(input);
    },
    [flushRating, rating.submit],
  );
  const sendReport = useCallback(
    (input: Omit<ReportSubmission, 'requestId' | 'upload'>, upload?: ReportPhotoUpload) => {
      flushReport();
      // One requestId per report until it is filed, even if the words change between tries: the
      // photos go first, under that id, and a photo already sent cannot move to another one. A
      // try that did land answers the same report again.
      pendingReport.current ??= { requestId: newRequestId() };
      void reporting.submit({ ...input, requestId: pendingReport.current.requestId, upload });
    },
    [flushReport, reporting.submit],
  );

  return {
    rated,
    commentState,
    reported,
    restored: ratingDraft.restored || reportDraft.restored,
    rating,
    report: reporting,
    ratingDraft: ratingDraft.draft,
    reportDraft: reportDraft.draft,
    editRating: ratingDraft.edit,
    editReport: reportDraft.edit,
    rate,
    sendReport,
  };
}
