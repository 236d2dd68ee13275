/**
 * The lockout says "ask your supervisor": a supervisor (for clerks and police) or an administrator (for
 * anyone but themselves) unlocks an account or resets its password to a temporary one, audited, and the
 * user sets their own at the next sign-in before anything else is taken.
 */
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/errors';
import { createCore } from '../api/core';
import { openDemoTestStore } from '../store/test-store';

async function office() {
  const db = await openDemoTestStore();
  const core = createCore({ db, version: 't' });
  const as = async (username: string, password = `${username}-demo`) => {
    const s = core.openSession();
    const r = await core.call(s, 'session.signIn', { username, password });
    return { s, r };
  };
  const ok = <T>(r: ApiResult<unknown>): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  const actions = () => (db.prepare('SELECT actor, action, target FROM audit_log ORDER BY seq').all() as { actor: string; action: string; target: string | null }[]).filter((e) => e.action.startsWith('account.'));
  return { db, core, as, ok, actions };
}

describe('unlocking an account and resetting its password', () => {
  it('a supervisor unlocks a clerk locked after wrong passwords, who then signs in; audited', async () => {
    const { core, as, ok, actions } = await office();
    for (let i = 0; i < 5; i++) await as('clerk', 'wrong-password');
    expect((await as('clerk')).r).toMatchObject({ ok: false, error: { code: 'account-locked' } });
    const { s: sup } = await as('supervisor');
    const listed = ok<{ username: string; lockedUntil: string | null }[]>(await core.call(sup, 'accounts.list', {}));
    expect(listed.find((a) => a.username === 'clerk')!.lockedUntil).not.toBeNull();
    expect(ok<{ lockedUntil: string | null }>(await core.call(sup, 'accounts.unlock', { username: 'clerk' })).lockedUntil).toBeNull();
    expect((await as('clerk')).r.ok).toBe(true);
    expect(actions()).toContainEqual({ actor: 'supervisor', action: 'account.unlocked', target: 'clerk' });
  });

  it('a reset password is temporary: the user may do nothing but set their own, then signs in with that alone', async () => {
    const { core, as, ok, actions } = await office();
    const { s: sup } = await as('supervisor');
    ok(await core.call(sup, 'accounts.resetPassword', { username: 'clerk', temporaryPassword: 'Temp-2026-x' }));
    expect((await as('clerk')).r).toMatchObject({ ok: false, error: { code: 'wrong-credentials' } });
    const { s: clerk, r } = await as('clerk', 'Temp-2026-x');
    expect(r).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    expect(await core.call(clerk, 'cases.search', { query: 'SMITH' })).toMatchObject({ ok: false, error: { code: 'password-change-required' } });
    expect(await core.call(clerk, 'session.changePassword', { currentPassword: 'not-it', newPassword: 'Mine-2026-abc' })).toMatchObject({ ok: false, error: { code: 'wrong-credentials' } });
    expect(await core.call(clerk, 'session.changePassword', { currentPassword: 'Temp-2026-x', newPassword: 'Temp-2026-x' })).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['newPassword'] } });
    expect(ok<{ mustChangePassword: boolean }>(await core.call(clerk, 'session.changePassword', { currentPassword: 'Temp-2026-x', newPassword: 'Mine-2026-abc' })).mustChangePassword).toBe(false);
    expect((await core.call(clerk, 'cases.search', { query: 'SMITH' })).ok).toBe(true);
    expect((await as('clerk', 'Temp-2026-x')).r.ok).toBe(false);
    expect((await as('clerk', 'Mine-2026-abc')).r).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    expect(actions()).toEqual(expect.arrayContaining([{ actor: 'supervisor', action: 'account.password-reset', target: 'clerk' }, { actor: 'clerk', action: 'account.password-changed', target: 'clerk' }]));
  });

  it('a supervisor helps clerks and police only, an administrator anyone but themselves, a clerk no one', async () => {
    const { core, as } = await office();
    const { s: sup } = await as('supervisor');
    const { s: admin } = await as('admin');
    const { s: clerk } = await as('clerk');
    const reset = (s: typeof sup, username: string) => core.call(s, 'accounts.resetPassword', { username, temporaryPassword: 'Temp-2026-x' });
    expect(await reset(sup, 'admin')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await reset(sup, 'supervisor')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await reset(sup, 'police')).ok).toBe(true);
    expect((await reset(admin, 'supervisor')).ok).toBe(true);
    expect(await reset(admin, 'admin')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await reset(clerk, 'police')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.call(clerk, 'accounts.unlock', { username: 'police' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.call(sup, 'accounts.unlock', { username: 'nobody' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await reset(sup, 'clerk').then(() => core.call(sup, 'accounts.resetPassword', { username: 'clerk', temporaryPassword: 'short' }))).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['temporaryPassword'] } });
  });
});
