import { useCallback, useEffect, useRef, useState } from 'react';
import {
  emptyRating,
  emptyReport,
  loadStationDraft,
  type RatingDraft,
  type ReportDraft,
  removeStationDraft,
  saveStationDraft,
} from '../services/stationDrafts';
import {
  newRequestId,
  type RatingInput,
  type ReportInput,
  submitRating,
  submitReport,
} from '../services/stations';
import { useSubmit } from './useSubmit';

/**
 * The detail page's two forms: rate (then refresh the summary) and report a problem. What is typed
 * is kept on the phone per station as it is typed, so a worker sent to sign in first comes back to
 * the same form; `restored` says a kept draft was put back.
 */
export function useStationFeedback(stationId: string | undefined, reloadStation: () => void) {
  const [rated, setRated] = useState(false);
  const [reported, setReported] = useState(false);
  const [ratingDraft, setRatingDraft] = useState<RatingDraft>(emptyRating);
  const [reportDraft, setReportDraft] = useState<ReportDraft>(emptyReport);
  const [restored, setRestored] = useState(false);
  const ratingInput = useRef<RatingInput | null>(null);
  // One id per report the worker means to send: a retry after a network error reuses it.
  const report = useRef<ReportInput | null>(null);

  useEffect(() => {
    if (!stationId) return;
    const keptRating = loadStationDraft(stationId, 'rating');
    const keptReport = loadStationDraft(stationId, 'report');
    setRatingDraft(keptRating ?? emptyRating);
    setReportDraft(keptReport ?? emptyReport);
    setRestored(keptRating !== null || keptReport !== null);
  }, [stationId]);

  // Edits are updaters: two taps before the next render (a star, then a tag) both count.
  const editRating = useCallback(
    (update: (current: RatingDraft) => RatingDraft) => {
      setRatingDraft((current) => {
        const next = update(current);
        // Saving twice (React may call an updater twice in development) writes the same draft.
        if (stationId) saveStationDraft(stationId, 'rating', next);
        return next;
      });
    },
    [stationId],
  );
  const editReport = useCallback(
    (update: (current: ReportDraft) => ReportDraft) => {
      setReportDraft((current) => {
        const next = update(current);
        if (stationId) saveStationDraft(stationId, 'report', next);
        return next;
      });
    },
    [stationId],
  );

  const rating = useSubmit(() => submitRating(stationId ?? '', ratingInput.current!), {
    success: '评价成功',
    onDone: () => {
      setRated(true);
      if (stationId) removeStationDraft(stationId, 'rating');
      setRatingDraft(emptyRating);
      reloadStation();
    },
  });
  const reporting = useSubmit(() => submitReport(stationId ?? '', report.current!), {
    success: '已提交',
    onDone: () => {
      setReported(true);
      if (stationId) removeStationDraft(stationId, 'report');
      setReportDraft(emptyReport);
      report.current = null;
    },
  });

  const rate = useCallback(
    (input: RatingInput) => {
      ratingInput.current = input;
      void rating.submit();
    },
    [rating.submit],
  );
  const sendReport = useCallback(
    (input: Omit<ReportInput, 'requestId'>) => {
      const previous = report.current;
      const same = previous && previous.kind === input.kind && previous.text === input.text;
      report.current = same ? previous : { ...input, requestId: newRequestId() };
      void reporting.submit();
    },
    [reporting.submit],
  );

  return {
    rated,
    reported,
    restored,
    rating,
    report: reporting,
    ratingDraft,
    reportDraft,
    editRating,
    editReport,
    rate,
    sendReport,
  };
}
