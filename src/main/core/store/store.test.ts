import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from './store';
import { SCHEMA_VERSION } from './migrations';

const dir = () => mkdtempSync(join(tmpdir(), 'acw-store-'));

describe('store', () => {
  it('migrates a new store to the current schema version', () => {
    const db = openStore(join(dir(), 'a.db'), randomBytes(32));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('moves an existing store\'s lockout counts to the sign-in guard, so a lock in force holds after the update', () => {
    const path = join(dir(), 'old.db');
    const key = randomBytes(32);
    // A store as the previous version left it: schema 8, a clerk locked until tomorrow.
    const old = openStore(path, key);
    old.exec('ALTER TABLE accounts DROP COLUMN must_change_password;');
    old.exec('DROP TABLE signin_guard; DROP INDEX outbox_by_case; DROP TABLE photo_checks; ALTER TABLE accounts ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0; ALTER TABLE accounts ADD COLUMN locked_until TEXT;');
    for (const t of ['trust_lists', 'revocation_lists']) old.exec(`ALTER TABLE ${t} DROP COLUMN envelope; ALTER TABLE ${t} DROP COLUMN signed_by;`);
    old.exec('ALTER TABLE audit_log DROP COLUMN mac; ALTER TABLE audit_log DROP COLUMN binds;');
    old.exec('DROP TABLE day_reviews; DROP INDEX verifications_by_at; ALTER TABLE verifications DROP COLUMN clerk; DROP INDEX decisions_by_issued; DROP INDEX decisions_by_voided; DROP INDEX decision_prints_by_at;');
    old.exec('DROP TABLE holiday_schedules; DROP TABLE region_tables; DROP TABLE evaluation_follow_ups; DROP TABLE evaluations; DROP TABLE evidence_images; DROP TABLE csca_lists;');
    old.exec('DROP INDEX cases_pending_supplement; ALTER TABLE cases DROP COLUMN pending_supplement; DROP INDEX cases_by_status_entry; DROP INDEX verifications_by_notice_seq; DROP INDEX verifications_by_outcome; DROP INDEX decisions_live; DROP TABLE decision_services;');
    old.exec('DROP TRIGGER decisions_void_only; DROP TRIGGER decision_number_blocks_no_rewind; ALTER TABLE decisions DROP COLUMN workstation; ALTER TABLE decisions DROP COLUMN type; ALTER TABLE decision_number_blocks DROP COLUMN type; ALTER TABLE decision_number_blocks DROP COLUMN source; ALTER TABLE decision_number_blocks DROP COLUMN set_aside_at;');
    old.prepare("INSERT INTO accounts (username, display_name, role, password_hash, failed_attempts, locked_until) VALUES ('clerk1', 'Li Na', 'clerk', 'x', 0, '2099-01-01T00:00:00.000Z'), ('clerk2', 'Wang', 'clerk', 'x', 3, NULL)").run();
    old.pragma('user_version = 8');
    old.close();
    const db = openStore(path, key);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT username, failures, locked_until AS lockedUntil FROM signin_guard ORDER BY username').all()).toEqual([
      { username: 'clerk1', failures: 0, lockedUntil: '2099-01-01T00:00:00.000Z' },
      { username: 'clerk2', failures: 3, lockedUntil: null },
    ]);
    db.close();
  });

  it('writes nothing readable in clear to disk', () => {
    const path = join(dir(), 'b.db');
    const db = openStore(path, randomBytes(32));
    db.prepare('INSERT INTO audit_log (seq, at, actor, action, target, prev_hash, hash) VALUES (1, ?, ?, ?, NULL, ?, ?)').run('t', 'MARKERTEXT', 'x', 'p', 'h');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(Buffer.from('MARKERTEXT'))).toBe(false);
  });

  it('refuses a wrong key with store-key-wrong', () => {
    const path = join(dir(), 'c.db');
    openStore(path, randomBytes(32)).close();
    expect(() => openStore(path, randomBytes(32))).toThrowError(
      expect.objectContaining({ code: 'store-key-wrong' }) as unknown as Error,
    );
  });

  it('refuses a store from a newer app version and leaves it unchanged', () => {
    const path = join(dir(), 'd.db');
    const key = randomBytes(32);
    const db = openStore(path, key);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    let caught: unknown;
    try {
      openStore(path, key);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('store-too-new');
  });

});
