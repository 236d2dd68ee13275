import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../shared/accounts';
import type { ApiError } from '../../../shared/errors';
import { ask, call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';

/** Hides everything behind the lock; only the signed-in user's password, or signing out, leaves it. */
export function LockScreen({ session, setSession }: { session: SessionState; setSession: (s: SessionState) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function unlock(e: FormEvent) {
    e.preventDefault();
    const r = await call('session.unlock', { password });
    setPassword('');
    if (r.ok) setSession(r.value);
    else setError(r.error);
  }

  return (
    <main className="centered" id="lock-main" data-testid="lock-screen">
      <form className="card" onSubmit={unlock} aria-labelledby="lock-heading">
        <h1 id="lock-heading">{t('lock.heading')}</h1>
        <p>{t('lock.explain', { name: session.account?.displayName })}</p>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoFocus autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorMessage error={error} words={{ 'wrong-credentials': 'lock.wrongPassword' }} />
        <div className="row">
          <button type="submit" className="primary">{t('lock.unlock')}</button>
          <button type="button" onClick={() => void ask('session.signOut', {}).then((v) => v !== null && setSession(v))}>
            {t('lock.switchUser')}
          </button>
        </div>
      </form>
    </main>
  );
}
