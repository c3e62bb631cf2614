// Picked by Taro's multi-platform resolution for the H5 build; see reportDownload.ts.
import type { ExportFormat } from '@ankang/shared';
import type { ReportDownloadOutcome, ReportFile } from './reportDownloadTypes';

export { ReportDownloadError, type ReportDownloadOutcome, type ReportFile } from './reportDownloadTypes';

export function reportDownloadLabel(_format: ExportFormat): string {
  return '下载报表';
}

/**
 * Follows the presigned link: the bucket answers it as an attachment under the report's Chinese
 * name, so the browser saves the file and the page stays where it is.
 */
export async function downloadReport(file: ReportFile): Promise<ReportDownloadOutcome> {
  const link = document.createElement('a');
  link.href = file.url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  return 'opened';
}
