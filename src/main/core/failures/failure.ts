import { illFormedTextAt } from '../../../shared/unicode';
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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiFailure('invalid-request', `The ${what} is not JSON.`, [field]);
  }
  // An escape such as "\ud800" is valid JSON but no character: refused like a broken file.
  if (illFormedTextAt(value) !== null) throw new ApiFailure('invalid-request', `The ${what} holds a broken character (a lone UTF-16 surrogate).`, [field]);
  return value;
}
