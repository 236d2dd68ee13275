/**
 * Errors cross every boundary as data, never as thrown objects. `message` is a detail in English for
 * logs and the command line; the UI shows the text for `code` in the user's language.
 */
export type ApiErrorCode =
  | 'invalid-request'
  | 'unknown-method'
  | 'not-found'
  | 'forbidden'
  | 'signed-out'
  | 'session-locked'
  | 'wrong-credentials'
  | 'account-locked'
  | 'store-too-new'
  | 'store-key-wrong'
  | 'conflict'
  | 'approval-blocked'
  | 'supervisor-required'
  | 'no-decision-numbers'
  | 'too-large'
  | 'no-printer'
  | 'list-refused'
  | 'insecure-address'
  | 'bad-ca-file'
  | 'internal';

export const API_ERROR_CODES: readonly ApiErrorCode[] = [
  'invalid-request',
  'unknown-method',
  'not-found',
  'forbidden',
  'signed-out',
  'session-locked',
  'wrong-credentials',
  'account-locked',
  'store-too-new',
  'store-key-wrong',
  'conflict',
  'approval-blocked',
  'supervisor-required',
  'no-decision-numbers',
  'too-large',
  'no-printer',
  'list-refused',
  'insecure-address',
  'bad-ca-file',
  'internal',
];

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** For invalid-request: the payload fields that were wrong, as dotted paths. */
  fields?: string[];
  /** Values the UI's words for `code` take (for account-locked: the minutes left and the time it ends). */
  params?: Record<string, string | number>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
