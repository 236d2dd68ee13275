import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { refusalWords } from './refusal-words';

/**
 * An error from the core in the user's language; the English detail stays in the tooltip for support.
 * `fieldName` names a refused field by its label on the screen, not by its key.
 * `words` gives a screen its own wording for a code (the lock screen has no username to be wrong).
 */
export function ErrorMessage({ error, words, fieldName }: { error: ApiError | null; words?: Partial<Record<ApiError['code'], string>>; fieldName?: (field: string) => string }) {
  const { t } = useTranslation();
  if (!error) return null;
  // A refused list names its list and reason as codes: each is put in the user's words too.
  const params = error.code === 'list-refused' ? refusalWords(t, error.params?.list, error.params?.reason) : error.params;
  return (
    <p className="error" role="alert" data-testid="error" data-code={error.code} title={error.message}>
      {t(words?.[error.code] ?? `errors.${error.code}`, { ...params, count: error.params?.minutes })}
      {error.fields?.length ? ` ${t('errors.fields', { fields: [...new Set(error.fields.map(fieldName ?? ((f) => f)))].join(t('common.listSeparator')) })}` : ''}
    </p>
  );
}
