import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAY_HELP, ROLES, type AccountListing, type Role } from '../../../shared/accounts';
import type { ApiError } from '../../../shared/errors';
import { call } from '../api/client';
import { useApp } from '../session/useSession';
import { ErrorMessage } from '../shell/ErrorMessage';
import { beijingTime } from '../shell/time';

/**
 * The users: an administrator adds them; an administrator or a supervisor unlocks one locked after
 * wrong passwords, or resets a forgotten password to a temporary one the user replaces at sign-in.
 */
export function AccountsScreen() {
  const { t } = useTranslation();
  const { session } = useApp();
  const me = session.account!;
  const [accounts, setAccounts] = useState<AccountListing[]>([]);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'clerk' as Role, password: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('accounts.list', {});
    if (r.ok) setAccounts(r.value);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function add(e: FormEvent) {
    e.preventDefault();
    const r = await call('accounts.create', form);
    if (r.ok) {
      setNotice(t('accounts.created', { username: r.value.username }));
      setError(null);
      setForm({ username: '', displayName: '', role: 'clerk', password: '' });
      void load();
    } else setError(r.error);
  }

  async function unlock(username: string) {
    const r = await call('accounts.unlock', { username });
    if (r.ok) {
      setNotice(t('accounts.unlocked', { username }));
      setError(null);
      void load();
    } else setError(r.error);
  }

  const mayHelp = (a: AccountListing) => a.username !== me.username && MAY_HELP[me.role].includes(a.role);

  return (
    <section aria-labelledby="accounts-heading">
      <h1 id="accounts-heading">{t('accounts.heading')}</h1>
      {notice && <p role="status" className="ok" data-testid="accounts-notice">{notice}</p>}
      <table className="results" data-testid="accounts">
        <thead>
          <tr>
            <th scope="col">{t('signIn.username')}</th>
            <th scope="col">{t('accounts.displayName')}</th>
            <th scope="col">{t('signIn.role')}</th>
            <th scope="col">{t('accounts.state')}</th>
            <th scope="col">{t('accounts.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} data-username={a.username}>
              <td>{a.username}</td>
              <td>{a.displayName}</td>
              <td>{t(`roles.${a.role}`)}</td>
              <td data-testid={`account-state-${a.username}`}>
                {a.lockedUntil ? t('accounts.lockedUntil', { time: beijingTime(a.lockedUntil, t) }) : a.mustChangePassword ? t('accounts.mustChange') : t('accounts.active')}
              </td>
              <td>
                {mayHelp(a) && (
                  <div className="row">
                    {a.lockedUntil && (
                      <button type="button" onClick={() => void unlock(a.username)} data-testid={`unlock-${a.username}`}>
                        {t('accounts.unlock', { username: a.username })}
                      </button>
                    )}
                    <button type="button" onClick={() => setResetting(a.username)} data-testid={`reset-${a.username}`}>
                      {t('accounts.reset', { username: a.username })}
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resetting && (
        <ResetForm
          username={resetting}
          onDone={(ok) => {
            if (ok) {
              setNotice(t('accounts.resetDone', { username: resetting }));
              void load();
            }
            setResetting(null);
          }}
        />
      )}
      {!resetting && <ErrorMessage error={error} />}
      {me.role === 'admin' && (
        <form className="card" onSubmit={add}>
          <h2>{t('accounts.add')}</h2>
          <label>
            {t('signIn.username')}
            <input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
          </label>
          <label>
            {t('accounts.displayName')}
            <input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} required />
          </label>
          <label>
            {t('signIn.role')}
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>{t(`roles.${r}`)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('signIn.password')}
            <input type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
          </label>
          <button type="submit" className="primary">{t('accounts.add')}</button>
        </form>
      )}
    </section>
  );
}

function ResetForm({ username, onDone }: { username: string; onDone: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  async function reset(e: FormEvent) {
    e.preventDefault();
    const r = await call('accounts.resetPassword', { username, temporaryPassword: password });
    if (r.ok) onDone(true);
    else setError(r.error);
  }
  return (
    <form className="card" onSubmit={reset} aria-labelledby="reset-heading" data-testid="reset-form">
      <h2 id="reset-heading">{t('accounts.reset', { username })}</h2>
      <label>
        {t('accounts.temporaryPassword', { username })}
        <input type="password" autoFocus autoComplete="new-password" minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} required data-testid="reset-password" />
      </label>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" data-testid="reset-save">{t('accounts.setTemporary')}</button>
        <button type="button" onClick={() => onDone(false)}>{t('accounts.cancel')}</button>
      </div>
    </form>
  );
}
