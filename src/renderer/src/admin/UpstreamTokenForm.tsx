import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';

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
      <label>
        {t('settings.upstreamToken')}
        <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} data-testid="upstream-token" required />
      </label>
      <button type="submit">{t('settings.setToken')}</button>
      {done && <p role="status" className="ok">{t('settings.tokenSaved')}</p>}
      <ErrorMessage error={error} />
    </form>
  );
}
