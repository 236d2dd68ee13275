import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../shared/accounts';
import type { ApiError } from '../../../shared/errors';
import type { AppInfo } from '../../../shared/settings';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';

export function SignIn({ info, onSignedIn }: { info: AppInfo; onSignedIn: (s: SessionState) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call('session.signIn', { username, password });
    setBusy(false);
    if (r.ok) onSignedIn(r.value);
    else {
      setError(r.error);
      setPassword('');
    }
  }

  return (
    <main className="centered" id="main">
      <form className="card sign-in" onSubmit={submit} aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">{t('signIn.heading')}</h1>
        <label>
          {t('signIn.username')}
          <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
      {info.demo && (
        <section className="card demo-accounts" aria-labelledby="demo-accounts-heading">
          <h2 id="demo-accounts-heading">{t('signIn.demoAccounts')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('signIn.role')}</th>
                <th>{t('signIn.username')}</th>
                <th>{t('signIn.password')}</th>
              </tr>
            </thead>
            <tbody>
              {info.demoAccounts.map((a) => (
                <tr key={a.username}>
                  <td>{t(`roles.${a.role}`)}</td>
                  <td><code>{a.username}</code></td>
                  <td><code>{a.password}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
