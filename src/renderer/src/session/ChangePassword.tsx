import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../shared/accounts';
import type { ApiError } from '../../../shared/errors';
import { ask, call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';

/**
 * After a supervisor or an administrator reset the password: the user sets their own before anything
 * else (the core refuses every other call until then).
 */
export function ChangePassword({ session, setSession }: { session: SessionState; setSession: (s: SessionState) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ current: '', next: '', repeat: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (form.next !== form.repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const r = await call('session.changePassword', { currentPassword: form.current, newPassword: form.next });
    setForm({ current: '', next: '', repeat: '' });
    if (r.ok) setSession(r.value);
    else setError(r.error);
  }

  return (
    <main className="centered" id="main" data-testid="change-password">
      <form className="card" onSubmit={save} aria-labelledby="change-heading">
        <h1 id="change-heading">{t('changePassword.heading')}</h1>
        <p>{t('changePassword.explain', { name: session.account?.displayName })}</p>
        <label>
          {t('changePassword.current')}
          <input type="password" autoFocus autoComplete="current-password" value={form.current} onChange={(e) => setForm({ ...form, current: e.target.value })} required data-testid="change-current" />
        </label>
        <label>
          {t('changePassword.new')}
          <input type="password" autoComplete="new-password" minLength={8} value={form.next} onChange={(e) => setForm({ ...form, next: e.target.value })} required data-testid="change-new" aria-invalid={mismatch || undefined} />
        </label>
        <label>
          {t('changePassword.repeat')}
          <input type="password" autoComplete="new-password" minLength={8} value={form.repeat} onChange={(e) => setForm({ ...form, repeat: e.target.value })} required data-testid="change-repeat" aria-invalid={mismatch || undefined} aria-describedby={mismatch ? 'change-mismatch' : undefined} />
        </label>
        {mismatch && (
          <p className="error" role="alert" id="change-mismatch">
            {t('changePassword.mismatch')}
          </p>
        )}
        <ErrorMessage error={error} words={{ 'wrong-credentials': 'lock.wrongPassword' }} />
        <div className="row">
          <button type="submit" className="primary" data-testid="change-save">{t('changePassword.save')}</button>
          <button type="button" onClick={() => void ask('session.signOut', {}).then((v) => v !== null && setSession(v))}>
            {t('changePassword.signOut')}
          </button>
        </div>
      </form>
    </main>
  );
}
