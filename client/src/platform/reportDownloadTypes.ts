import type { ExportFormat } from '@ankang/shared';

/** A report file ready at a presigned link. */
export interface ReportFile {
  url: string;
  fileName: string;
  format: ExportFormat;
}

/** What the download button did: the file opened (or downloaded), or its link was copied. */
export type ReportDownloadOutcome = 'opened' | 'copied';

export class ReportDownloadError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('report not downloaded', options);
    this.name = 'ReportDownloadError';
  }
}
