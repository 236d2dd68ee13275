/** Errors cross every boundary as data, never as thrown objects. */
export type ApiErrorCode =
  | 'invalid-request'
  | 'not-found'
  | 'forbidden'
  | 'store-too-new'
  | 'store-key-wrong'
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
