import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { FormField } from '../shell/FormField';

/** The window's bearer token for the authority's system: typed once, stored encrypted, never shown again. */
export function UpstreamTokenForm() {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await call('sync.setToken', { token });
    setToken('');
    setDone(r.ok);
    setError(r.ok ? null : r.error);
  }
  return (
    <form className="card" onSubmit={save} data-testid="token-form">
      <FormField name="token" label={t('settings.upstreamToken')} error={error} rule={t('settings.rule.token')}>
        {(c) => <input {...c} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} data-testid="upstream-token" required />}
      </FormField>
      <button type="submit">{t('settings.setToken')}</button>
      {done && <p role="status" className="ok">{t('settings.tokenSaved')}</p>}
      <ErrorMessage error={error} fieldName={() => t('settings.upstreamToken')} problemsBeside />
    </form>
  );
}
