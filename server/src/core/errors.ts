import type { AppErrorCode } from '@console/shared/api';

export interface AppErrorOptions {
  /** Machine-readable detail answered as `error.details` (field errors, the limit that was hit …). */
  details?: unknown;
  /** What went wrong underneath; logged, never answered. */
  cause?: unknown;
  /** Extra top-level fields of the error body (the recorded `entry` of a failed upstream call). */
  extra?: Record<string, unknown>;
}

/**
 * The one error type of the server. Services throw it; the HTTP layer's error handler turns it into
 * `{"error":{code,message,details?}}` with its status. It lives below both tiers so that services
 * never import from `http/`.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly details: unknown;
  readonly extra: Record<string, unknown> | undefined;
  constructor(
    readonly code: AppErrorCode,
    readonly status: number,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details;
    this.extra = options.extra;
  }
}
