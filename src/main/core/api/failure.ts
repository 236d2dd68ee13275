import type { ApiErrorCode } from '../../../shared/errors';

/**
 * Thrown inside the core only; the dispatcher turns it into `{code, message}` data before anything
 * leaves the core.
 */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: string[],
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}
