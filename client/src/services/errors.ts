import { type ErrorCode, errorCatalog, type FieldIssue } from '@ankang/shared';

/** Failures that never reach the server or come back unreadable; they have no server code. */
export const clientErrorCatalog = {
  NETWORK: { status: 0, message: '网络连接失败，请检查网络后重试' },
  BAD_RESPONSE: { status: 0, message: '服务器返回的数据有误，请稍后再试' },
} as const;

export type ApiErrorCode = ErrorCode | keyof typeof clientErrorCatalog;

export interface ApiErrorDetails {
  issues?: FieldIssue[];
  requestId?: string;
  currentVersion?: number;
  /** HARDSHIP_FILE_EXISTS: the file that already holds the ID number (when it is in scope). */
  fileId?: string;
  /** STATION_NEARBY: the existing station beside a suggested point. */
  nearStation?: { id: string; name: string; distanceM: number };
}

/**
 * Every failed API call, whatever went wrong. UI code branches on `code`, never on `message`;
 * `message` is Chinese and fit to show as is.
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  readonly details: ApiErrorDetails | undefined;

  constructor(
    code: ApiErrorCode,
    options: { status?: number; message?: string; details?: ApiErrorDetails; cause?: unknown } = {},
  ) {
    const known =
      code in errorCatalog ? errorCatalog[code as ErrorCode] : clientErrorCatalog[code as 'NETWORK'];
    super(options.message ?? known.message, { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status ?? known.status;
    this.details = options.details;
  }
}

/** Any thrown value as an ApiError, so screens have one thing to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('INTERNAL', { status: 0, cause: error });
}
