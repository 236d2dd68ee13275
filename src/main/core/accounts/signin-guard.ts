import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The lockout's bookkeeping, per username as typed (known or not): failures in a row and a lock.
 * An attempt is counted before its password is checked, so that attempts made at once cannot slip
 * past the count, and a crash during the check cannot forget it.
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

interface GuardRow {
  failures: number;
  locked_until: string | null;
}

function row(db: Database, username: string): GuardRow {
  return (db.prepare('SELECT failures, locked_until FROM signin_guard WHERE username = ?').get(username) as GuardRow | undefined) ?? { failures: 0, locked_until: null };
}

function put(db: Database, username: string, g: GuardRow, at: string): void {
  db.prepare(
    `INSERT INTO signin_guard (username, failures, locked_until, updated_at) VALUES (?,?,?,?)
     ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
  ).run(username, g.failures, g.locked_until, at);
}

/** The lock in force at `at`, if any. */
export function lockedUntil(db: Database, username: string, at: Date): string | null {
  const g = row(db, username);
  return g.locked_until && g.locked_until > at.toISOString() ? g.locked_until : null;
}

/**
 * Counts an attempt as failed before it is checked (call inside a transaction). Returns the lock in
 * force instead when there is one; a lock that has run out starts a fresh count.
 */
export function countAttempt(db: Database, username: string, at: Date): { lockedUntil: string } | { failures: number } {
  // Counts with no attempt for a day are forgotten, so names typed once do not pile up.
  const dayAgo = new Date(at.getTime() - 86_400_000).toISOString();
  db.prepare('DELETE FROM signin_guard WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?)').run(dayAgo, at.toISOString());
  const locked = lockedUntil(db, username, at);
  if (locked) return { lockedUntil: locked };
  const g = row(db, username);
  const failures = (g.locked_until ? 0 : g.failures) + 1;
  put(db, username, { failures, locked_until: null }, at.toISOString());
  return { failures };
}

/** The checked password was right: the count starts again. */
export function clearFailures(db: Database, username: string): void {
  db.prepare('DELETE FROM signin_guard WHERE username = ?').run(username);
}

/** The checked password was wrong (already counted): locks when the count has reached the limit. */
export function lockIfDue(db: Database, username: string, at: Date, policy: LockoutPolicy): string | null {
  const g = row(db, username);
  if (g.failures < policy.maxFailures) return null;
  const until = new Date(at.getTime() + policy.lockMinutes * 60_000).toISOString();
  put(db, username, { failures: 0, locked_until: until }, at.toISOString());
  return until;
}
