import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { refusalWords } from './refusal-words';

/**
 * An error from the core in the user's language; the English detail stays in the tooltip for support.
 * `words` gives a screen its own wording for a code (the lock screen has no username to be wrong).
 */
export function ErrorMessage({ error, words }: { error: ApiError | null; words?: Partial<Record<ApiError['code'], string>> }) {
  const { t } = useTranslation();
  if (!error) return null;
  // A refused list names its list and reason as codes: each is put in the user's words too.
  const params = error.code === 'list-refused' ? refusalWords(t, error.params?.list, error.params?.reason) : error.params;
  return (
    <p className="error" role="alert" data-testid="error" data-code={error.code} title={error.message}>
      {t(words?.[error.code] ?? `errors.${error.code}`, { ...params, count: error.params?.minutes })}
      {error.fields?.length ? ` ${t('errors.fields', { fields: error.fields.join(', ') })}` : ''}
    </p>
  );
}
