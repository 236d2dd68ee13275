import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';

/** An error from the core in the user's language; the English detail stays in the tooltip for support. */
export function ErrorMessage({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid="error" data-code={error.code} title={error.message}>
      {t(`errors.${error.code}`)}
      {error.fields?.length ? ` ${t('errors.fields', { fields: error.fields.join(', ') })}` : ''}
    </p>
  );
}
