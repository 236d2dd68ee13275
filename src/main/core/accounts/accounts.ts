import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Account, AccountListing, Role, SignInFailure } from '../../../shared/accounts';
import { appendAudit } from '../audit/audit';
import { checkPassword, hashPassword } from './passwords';
import { clearFailures, countAttempt, DEFAULT_LOCKOUT, lockedUntil, lockIfDue, type LockoutPolicy } from './signin-guard';

export { DEFAULT_LOCKOUT, type LockoutPolicy };

/**
 * Stands in for the hash of an account that does not exist, so that a wrong username costs the same
 * scrypt work as a wrong password (same parameters as every stored hash; it matches no password).
 */
export const NO_ACCOUNT_HASH = 'scrypt$32768$8$1$V4odzmudTvH6jOTPcufGxw==$ymc2CuOrQP/wpgas7rE1kcii+k0JvjbWQESnOc3Nv/U=';

/** One attempt at a time per username in this process: the next waits for the one before it. */
const queues = new WeakMap<Database, Map<string, Promise<unknown>>>();
function oneAtATime<T>(db: Database, username: string, run: () => Promise<T>): Promise<T> {
  const byName = queues.get(db) ?? new Map<string, Promise<unknown>>();
  queues.set(db, byName);
  const key = username.toLowerCase();
  const next = (byName.get(key) ?? Promise.resolve()).then(run, run);
  const settled = next.catch(() => undefined);
  byName.set(key, settled);
  void settled.then(() => {
    if (byName.get(key) === settled) byName.delete(key);
  });
  return next;
}

interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  must_change_password: number;
}

export async function createAccount(
  db: Database,
  a: { username: string; displayName: string; role: Role; password: string },
  actor: string,
  now: Date,
): Promise<Account> {
  return insertAccount(db, a, await hashPassword(a.password), actor, now);
}

/** Stores an account whose password was already hashed (so many can be hashed before one transaction). */
export function insertAccount(
  db: Database,
  a: { username: string; displayName: string; role: Role },
  passwordHash: string,
  actor: string,
  now: Date,
): Account {
  return db.transaction(() => {
    const id = Number(
      db
        .prepare('INSERT INTO accounts (username, display_name, role, password_hash) VALUES (?,?,?,?)')
        .run(a.username, a.displayName, a.role, passwordHash).lastInsertRowid,
    );
    appendAudit(db, { at: now.toISOString(), actor, action: 'account.created', target: a.username });
    return { id, username: a.username, displayName: a.displayName, role: a.role };
  })();
}

/**
 * Checks a password; after `maxFailures` wrong ones in a row the name refuses every password, the
 * right one too, for `lockMinutes`. The same for a username that has no account: same answer, same
 * work, same lock. Each attempt is counted as failed before its password is checked, attempts for one
 * name are checked one after another, and a lock set while a check ran holds for it. Every outcome is
 * audited.
 */
export async function signIn(
  db: Database,
  username: string,
  password: string,
  now: Date | (() => Date),
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
): Promise<{ ok: true; account: Account; mustChangePassword: boolean } | { ok: false; reason: SignInFailure; lockedUntil?: string }> {
  const clock = typeof now === 'function' ? now : () => now;
  return oneAtATime(db, username, async () => {
    const start = clock();
    const row = db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as AccountRow | undefined;
    // The name typed is not written to the audit for an unknown user: it may be a password typed in the wrong field.
    const actor = row ? row.username : 'anonymous';
    const target = row ? row.username : null;
    const begun = db.transaction(() => {
      const counted = countAttempt(db, username, start);
      if ('lockedUntil' in counted) appendAudit(db, { at: start.toISOString(), actor, action: 'signin.refused-locked', target });
      return counted;
    })();
    if ('lockedUntil' in begun) return { ok: false as const, reason: 'account-locked' as const, lockedUntil: begun.lockedUntil };
    const good = (await checkPassword(password, row?.password_hash ?? NO_ACCOUNT_HASH)) && !!row;
    const end = clock();
    const at = end.toISOString();
    return db.transaction(() => {
      // Set by another process while this check ran (or by an administrator): it holds.
      const lock = lockedUntil(db, username, end);
      if (lock) {
        appendAudit(db, { at, actor, action: 'signin.refused-locked', target });
        return { ok: false as const, reason: 'account-locked' as const, lockedUntil: lock };
      }
      if (good && row) {
        clearFailures(db, username);
        appendAudit(db, { at, actor: row.username, action: 'signin', target: row.username });
        return { ok: true as const, account: { id: row.id, username: row.username, displayName: row.display_name, role: row.role }, mustChangePassword: row.must_change_password === 1 };
      }
      const locked = lockIfDue(db, username, end, policy);
      appendAudit(db, { at, actor, action: locked ? 'account.locked' : 'signin.failed', target });
      return locked ? { ok: false as const, reason: 'account-locked' as const, lockedUntil: locked } : { ok: false as const, reason: 'wrong-credentials' as const };
    })();
  });
}

export function hasAnyAccount(db: Database): boolean {
  return !!db.prepare('SELECT 1 FROM accounts LIMIT 1').get();
}

export function listAccounts(db: Database, now: Date): AccountListing[] {
  const rows = db.prepare('SELECT id, username, display_name, role, must_change_password FROM accounts ORDER BY username').all() as Omit<AccountRow, 'password_hash'>[];
  return rows.map((r) => listing(db, r, now));
}

function listing(db: Database, r: Omit<AccountRow, 'password_hash'>, now: Date): AccountListing {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role, lockedUntil: lockedUntil(db, r.username, now), mustChangePassword: r.must_change_password === 1 };
}

export function getAccountListing(db: Database, username: string, now: Date): AccountListing | null {
  const r = db.prepare('SELECT id, username, display_name, role, must_change_password FROM accounts WHERE username = ?').get(username) as Omit<AccountRow, 'password_hash'> | undefined;
  return r ? listing(db, r, now) : null;
}

/** Ends a lockout (and the count of wrong passwords), audited as the act of `actor`. */
export function unlockAccount(db: Database, username: string, actor: string, now: Date): void {
  db.transaction(() => {
    clearFailures(db, username);
    appendAudit(db, { at: now.toISOString(), actor, action: 'account.unlocked', target: username });
  })();
}

/** Sets a password someone else chose: it ends a lockout, and the user must replace it at the next sign-in. */
export async function resetPassword(db: Database, username: string, temporary: string, actor: string, now: Date): Promise<void> {
  const hash = await hashPassword(temporary);
  db.transaction(() => {
    db.prepare('UPDATE accounts SET password_hash = ?, must_change_password = 1 WHERE username = ?').run(hash, username);
    clearFailures(db, username);
    appendAudit(db, { at: now.toISOString(), actor, action: 'account.password-reset', target: username });
  })();
}

/** The user's own new password (the one in use was checked by the caller). */
export async function changePassword(db: Database, username: string, password: string, now: Date): Promise<void> {
  const hash = await hashPassword(password);
  db.transaction(() => {
    db.prepare('UPDATE accounts SET password_hash = ?, must_change_password = 0 WHERE username = ?').run(hash, username);
    appendAudit(db, { at: now.toISOString(), actor: username, action: 'account.password-changed', target: username });
  })();
}
