import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { refusalWords } from './refusal-words';

/**
 * An error from the core in the user's language; the English detail stays in the tooltip for support.
 * `fieldName` names a refused field by its label on the screen, not by its key.
 * `words` gives a screen its own wording for a code (the lock screen has no username to be wrong).
 * `problemsBeside`: the form says each field's problem beside it (Settings), so the summary names the fields only.
 */
export function ErrorMessage({ error, words, fieldName, id, problemsBeside = false, testId = 'error' }: { error: ApiError | null; words?: Partial<Record<ApiError['code'], string>>; fieldName?: (field: string) => string; id?: string; problemsBeside?: boolean; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  // A refused list names its list and reason as codes: each is put in the user's words too.
  const params = error.code === 'list-refused' ? refusalWords(t, error.params?.list, error.params?.reason) : error.params;
  // A field is named by its words on the screen, never by its key ("reasons.0"); one without words is left unnamed.
  const name = fieldName ?? ((f: string) => t(`fieldName.${f.split('.')[0]}`, { defaultValue: '' }));
  const named = [...new Set((error.fields ?? []).map(name).filter(Boolean))];
  // What was wrong with the first refused field ("at most 500 characters"), in words.
  const problem = error.problems?.[0];
  return (
    <p className="error" role="alert" data-testid={testId} data-code={error.code} title={error.message} id={id}>
      {t(words?.[error.code] ?? `errors.${error.code}`, { ...params, count: error.params?.minutes })}
      {named.length ? ` ${t('errors.fields', { fields: named.join(t('common.listSeparator')) })}` : ''}
      {!problemsBeside && problem && problem.kind !== 'format' && problem.kind !== 'unknown' ? ` ${t(`errors.problem.${problem.kind}`, { limit: problem.limit })}` : ''}
    </p>
  );
}
