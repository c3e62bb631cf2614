import { type ErrorBody, type ErrorCode, errorCatalog } from '@ankang/shared';

type Details = NonNullable<ErrorBody['error']['details']>;

/**
 * A failure the caller should hear about: a stable code (its status and Chinese message come from
 * the shared catalog), optional details, and the cause for the log.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Details;

  constructor(code: ErrorCode, options: { details?: Details; cause?: unknown; message?: string } = {}) {
    super(options.message ?? errorCatalog[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }
}
