import type { PhotoOwner } from '@ankang/shared';
import { type ReportInput, submitReport } from './stations';

/** Sends a report form's photos under the report's owner id and answers their ids, in order. */
export type ReportPhotoUpload = (owner: PhotoOwner) => Promise<string[]>;

/** A report as the form sends it: its photos still on the phone, sent first by `upload`. */
export type ReportSubmission = Omit<ReportInput, 'photoIds'> & { upload?: ReportPhotoUpload };

/**
 * Sends the photos first (owned by the report's requestId, which the server checks when the report
 * claims them), then the report naming them. A retry with the same requestId resumes the photos
 * where they stopped and files the report once.
 */
export async function submitReportWithPhotos(stationId: string, { upload, ...input }: ReportSubmission) {
  const photoIds = upload ? await upload({ kind: 'report', id: input.requestId }) : [];
  return submitReport(stationId, { ...input, photoIds });
}
