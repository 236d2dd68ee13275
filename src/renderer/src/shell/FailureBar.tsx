import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { onCallFailed } from '../api/client';
import { ErrorMessage } from './ErrorMessage';

/**
 * Under the header: the last failure of a call the screen made in the background (a status, a list, a
 * save on leaving), in the user's language, until the clerk closes it or a newer one replaces it.
 */
export function FailureBar() {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiError | null>(null);
  useEffect(() => onCallFailed((error) => setFailure(error)), []);
  if (!failure) return null;
  return (
    <div className="failure-bar row" data-testid="failure-bar">
      <ErrorMessage error={failure} testId="call-failed" />
      <button type="button" onClick={() => setFailure(null)} data-testid="failure-close">
        {t('common.close')}
      </button>
    </div>
  );
}
