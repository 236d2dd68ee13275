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
  | 'too-many-attempts'
  | 'password-change-required'
  | 'incomplete-read'
  | 'no-document-camera'
  | 'not-an-image'
  | 'verified-elsewhere'
  | 'not-linked'
  | 'upstream-unreachable'
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
  'too-many-attempts',
  'password-change-required',
  'incomplete-read',
  'no-document-camera',
  'not-an-image',
  'verified-elsewhere',
  'not-linked',
  'upstream-unreachable',
  'internal',
];

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** For invalid-request: the payload fields that were wrong, as dotted paths. */
  fields?: string[];
  /** For invalid-request: what was wrong with each field, for words beside it. */
  problems?: FieldProblem[];
  /** Values the UI's words for `code` take (for account-locked: the minutes left and the time it ends). */
  params?: Record<string, string | number>;
}

/**
 * One refused field and what was wrong with it; `limit` is the bound it crossed (characters, items
 * or the number itself). `format` means the field's own rule (a pattern, an address): the screen
 * names that rule. `not-text`: the text holds a broken character (a lone UTF-16 surrogate).
 */
export interface FieldProblem {
  field: string;
  kind: 'required' | 'too-short' | 'too-long' | 'too-small' | 'too-big' | 'too-few' | 'too-many' | 'whole-number' | 'not-number' | 'wrong-type' | 'choice' | 'format' | 'not-text' | 'unknown';
  limit?: number;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
