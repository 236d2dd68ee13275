import { describe, expect, it } from 'vitest';
import { openTestStore } from '../store/test-store';
import { verifyAudit } from '../audit/audit';
import { createAccount, NO_ACCOUNT_HASH, signIn } from './accounts';

const T0 = new Date('2026-11-23T09:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function withClerk() {
  const db = openTestStore();
  await createAccount(db, { username: 'clerk1', displayName: 'Li Na', role: 'clerk', password: 'right-pass' }, 'setup', T0);
  return db;
}

describe('sign-in', () => {
  it('signs in with the right password and stores no password in clear', async () => {
    const db = await withClerk();
    const r = await signIn(db, 'CLERK1', 'right-pass', T0);
    expect(r).toMatchObject({ ok: true, account: { username: 'clerk1', role: 'clerk' } });
    const stored = db.prepare('SELECT password_hash FROM accounts').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('right-pass');
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const db = await withClerk();
    expect(await signIn(db, 'clerk1', 'wrong', T0)).toEqual({ ok: false, reason: 'wrong-credentials' });
    expect(await signIn(db, 'nobody', 'wrong', T0)).toEqual({ ok: false, reason: 'wrong-credentials' });
  });

  it('locks the account after five wrong passwords, refusing the right one until the lock runs out', async () => {
    const db = await withClerk();
    for (let i = 0; i < 4; i++) expect((await signIn(db, 'clerk1', 'wrong', later(i))).ok).toBe(false);
    expect(await signIn(db, 'clerk1', 'wrong', later(4))).toEqual({ ok: false, reason: 'account-locked', lockedUntil: later(4 + 15).toISOString() });
    expect(await signIn(db, 'clerk1', 'right-pass', later(5))).toEqual({ ok: false, reason: 'account-locked', lockedUntil: later(4 + 15).toISOString() });
    expect((await signIn(db, 'clerk1', 'right-pass', later(4 + 15))).ok).toBe(true);
  });

  it('counts wrong passwords tried at the same time, each one', async () => {
    const db = await withClerk();
    const results = await Promise.all(Array.from({ length: 5 }, () => signIn(db, 'clerk1', 'wrong', T0)));
    expect(results.filter((r) => !r.ok && r.reason === 'account-locked')).toHaveLength(1);
    expect(await signIn(db, 'clerk1', 'right-pass', later(1))).toMatchObject({ ok: false, reason: 'account-locked' });
  });

  it('100 attempts at once, the right password among them: five are checked, the account locks, and the right one is refused', async () => {
    const db = await withClerk();
    const passwords = Array.from({ length: 100 }, (_, i) => (i === 50 ? 'right-pass' : `guess-${i}`));
    const results = await Promise.all(passwords.map((p) => signIn(db, 'clerk1', p, T0)));
    expect(results.filter((r) => r.ok)).toEqual([]);
    const actions = db.prepare("SELECT action FROM audit_log WHERE action LIKE 'signin%' OR action = 'account.locked'").pluck().all() as string[];
    // Only the checked attempts are failures; every later one is refused by the lock without a check.
    expect(actions.filter((a) => a === 'signin.failed' || a === 'account.locked')).toHaveLength(5);
    expect(actions.filter((a) => a === 'signin.refused-locked')).toHaveLength(95);
    expect(await signIn(db, 'clerk1', 'right-pass', later(1))).toMatchObject({ ok: false, reason: 'account-locked' });
  });

  it('a lock set while a check runs (by another process on the same store) holds for that check', async () => {
    const db = await withClerk();
    const attempt = signIn(db, 'clerk1', 'right-pass', T0);
    // The attempt has been counted and its scrypt runs now, off the main thread.
    await new Promise((r) => setImmediate(r));
    expect(db.prepare('SELECT failures FROM signin_guard WHERE username = ?').pluck().get('clerk1')).toBe(1);
    db.prepare('UPDATE signin_guard SET locked_until = ? WHERE username = ?').run(later(15).toISOString(), 'clerk1');
    expect(await attempt).toMatchObject({ ok: false, reason: 'account-locked' });
  });

  it('an unknown username answers exactly as a known one, and locks the same way', async () => {
    const db = await withClerk();
    const known = [];
    const unknown = [];
    for (let i = 0; i < 6; i++) {
      known.push(await signIn(db, 'clerk1', 'wrong', later(i)));
      unknown.push(await signIn(db, 'nobody', 'wrong', later(i)));
    }
    expect(unknown).toEqual(known);
    expect(unknown[4]).toEqual({ ok: false, reason: 'account-locked', lockedUntil: later(4 + 15).toISOString() });
    // The same work for both: the stand-in hash has the parameters and sizes of a real one.
    const { hashPassword } = await import('./passwords');
    const shape = (h: string) => h.split('$').map((part, i) => (i < 4 ? part : Buffer.from(part, 'base64').length));
    expect(shape(NO_ACCOUNT_HASH)).toEqual(shape(await hashPassword('x')));
  });

  it('audits every attempt in an intact chain', async () => {
    const db = await withClerk();
    await signIn(db, 'clerk1', 'wrong', T0);
    await signIn(db, 'clerk1', 'right-pass', T0);
    const actions = db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all();
    expect(actions).toEqual(['account.created', 'signin.failed', 'signin']);
    expect(verifyAudit(db)).toBeNull();
  });
});

describe('stored password hashes', () => {
  it('never match when the stored hash is corrupt or its parameters are out of bounds', async () => {
    const { checkPassword, hashPassword } = await import('./passwords');
    const good = await hashPassword('pw');
    expect(await checkPassword('pw', good)).toBe(true);
    const [, , r, p, salt, hash] = good.split('$');
    for (const bad of [
      `scrypt$${2 ** 30}$${r}$${p}$${salt}$${hash}`,
      `scrypt$1000$${r}$${p}$${salt}$${hash}`,
      `scrypt$32768$999$${p}$${salt}$${hash}`,
      `scrypt$32768$${r}$${p}$${salt}$`,
      'plain-text-password',
      '',
    ]) {
      expect(await checkPassword('pw', bad)).toBe(false);
    }
  });
});
