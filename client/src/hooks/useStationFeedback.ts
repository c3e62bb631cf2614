import { useCallback, useRef, useState } from 'react';
import {
  newRequestId,
  type RatingInput,
  type ReportInput,
  submitRating,
  submitReport,
} from '../services/stations';
import { useSubmit } from './useSubmit';

/** The detail page's two forms: rate (then refresh the summary) and report a problem. */
export function useStationFeedback(stationId: string | undefined, reloadStation: () => void) {
  const [rated, setRated] = useState(false);
  const [reported, setReported] = useState(false);
  const ratingInput = useRef<RatingInput | null>(null);
  // One id per report the worker means to send: a retry after a network error reuses it.
  const report = useRef<ReportInput | null>(null);

  const rating = useSubmit(() => submitRating(stationId ?? '', ratingInput.current!), {
    success: '评价成功',
    onDone: () => {
      setRated(true);
      reloadStation();
    },
  });
  const reporting = useSubmit(() => submitReport(stationId ?? '', report.current!), {
    success: '已提交',
    onDone: () => {
      setReported(true);
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

  return { rated, reported, rating, report: reporting, rate, sendReport };
}
