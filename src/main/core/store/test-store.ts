import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { openStore } from './store';

/** A real, encrypted store in a fresh temporary folder (SQLCipher refuses a key for :memory:). */
export function openTestStore(): Database {
  return openStore(join(mkdtempSync(join(tmpdir(), 'acw-test-')), 'store.db'), randomBytes(32));
}
