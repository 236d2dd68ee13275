import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Account, type Role } from '../../../shared/accounts';
import type { ApiError } from '../../../shared/errors';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';

export function AccountsScreen() {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'clerk' as Role, password: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function load() {
    const r = await call('accounts.list', {});
    if (r.ok) setAccounts(r.value);
    else setError(r.error);
  }
  useEffect(() => {
    void load();
  }, []);

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

  return (
    <section aria-labelledby="accounts-heading">
      <h1 id="accounts-heading">{t('accounts.heading')}</h1>
      <table className="results">
        <thead>
          <tr>
            <th>{t('signIn.username')}</th>
            <th>{t('accounts.displayName')}</th>
            <th>{t('signIn.role')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id}>
              <td>{a.username}</td>
              <td>{a.displayName}</td>
              <td>{t(`roles.${a.role}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
        <ErrorMessage error={error} />
        {notice && <p role="status" className="ok">{notice}</p>}
        <button type="submit" className="primary">{t('accounts.add')}</button>
      </form>
    </section>
  );
}
