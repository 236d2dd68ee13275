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

/** A call's parameter that carries a JSON document as text (an imported file): parsed, or refused naming the parameter. */
export function parseJsonParam(text: string, field: string, what = field): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiFailure('invalid-request', `The ${what} is not JSON.`, [field]);
  }
}
