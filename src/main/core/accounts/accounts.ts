import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Account, Role, SignInFailure } from '../../../shared/accounts';
import { appendAudit } from '../audit/audit';
import { checkPassword, hashPassword } from './passwords';

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

let dummyHash: Promise<string> | undefined;

interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
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
 * Checks a password; after `maxFailures` wrong ones in a row the account refuses every password,
 * the right one too, for `lockMinutes`. Every outcome is audited.
 */
export async function signIn(
  db: Database,
  username: string,
  password: string,
  now: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
): Promise<{ ok: true; account: Account } | { ok: false; reason: SignInFailure }> {
  const row = db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as AccountRow | undefined;
  const at = now.toISOString();
  if (!row) {
    // Spend the same time as a real check, so timing does not tell which usernames exist.
    await checkPassword(password, await (dummyHash ??= hashPassword('unused')));
    appendAudit(db, { at, actor: 'anonymous', action: 'signin.failed', target: null });
    return { ok: false, reason: 'wrong-credentials' };
  }
  if (row.locked_until && row.locked_until > at) {
    appendAudit(db, { at, actor: row.username, action: 'signin.refused-locked', target: row.username });
    return { ok: false, reason: 'account-locked' };
  }
  const good = await checkPassword(password, row.password_hash);
  return db.transaction(() => {
    if (good) {
      db.prepare('UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(row.id);
      appendAudit(db, { at, actor: row.username, action: 'signin', target: row.username });
      return {
        ok: true as const,
        account: { id: row.id, username: row.username, displayName: row.display_name, role: row.role },
      };
    }
    // Read the count again here: another attempt may have changed it while scrypt ran. A lock
    // that has run out starts a fresh count.
    const current = db.prepare('SELECT failed_attempts, locked_until FROM accounts WHERE id = ?').get(row.id) as Pick<
      AccountRow,
      'failed_attempts' | 'locked_until'
    >;
    const failures = (current.locked_until ? 0 : current.failed_attempts) + 1;
    const lockedUntil =
      failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString() : null;
    db.prepare('UPDATE accounts SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(
      lockedUntil ? 0 : failures,
      lockedUntil,
      row.id,
    );
    appendAudit(db, { at, actor: row.username, action: lockedUntil ? 'account.locked' : 'signin.failed', target: row.username });
    return { ok: false as const, reason: lockedUntil ? ('account-locked' as const) : ('wrong-credentials' as const) };
  })();
}

export function listAccounts(db: Database): Account[] {
  const rows = db.prepare('SELECT id, username, display_name, role FROM accounts ORDER BY username').all() as Pick<
    AccountRow,
    'id' | 'username' | 'display_name' | 'role'
  >[];
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role }));
}
