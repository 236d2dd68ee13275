import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from './store';
import { SCHEMA_VERSION } from './migrations';
import { loadOrCreateKeyFile } from './key-file';

const dir = () => mkdtempSync(join(tmpdir(), 'acw-store-'));

describe('store', () => {
  it('migrates a new store to the current schema version', () => {
    const db = openStore(join(dir(), 'a.db'), randomBytes(32));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('writes nothing readable in clear to disk', () => {
    const path = join(dir(), 'b.db');
    const db = openStore(path, randomBytes(32));
    db.prepare('INSERT INTO audit_log VALUES (1, ?, ?, ?, NULL, ?, ?)').run('t', 'MARKERTEXT', 'x', 'p', 'h');
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

  it('keeps the key file private and returns the same key on the next start', () => {
    const path = join(dir(), 'store.key');
    const first = loadOrCreateKeyFile(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(path).equals(first)).toBe(true);
  });
});
