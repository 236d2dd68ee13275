import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { openAppStore } from '../boot';
import { bindAuditKey } from '../audit/audit-key';
import { openStore } from './store';

/** A real, encrypted store in a fresh temporary folder (SQLCipher refuses a key for :memory:). */
export function openTestStore(): Database {
  const db = openStore(join(mkdtempSync(join(tmpdir(), 'acw-test-')), 'store.db'), randomBytes(32));
  bindAuditKey(db, randomBytes(32));
  return db;
}

/** A real store holding the demo office, as the first start makes it (`now` sets the demo's day). */
export async function openDemoTestStore(now?: Date): Promise<Database> {
  const resourcesDir = join(import.meta.dirname, '..', '..', '..', '..', 'resources');
  return openAppStore({ dbPath: join(mkdtempSync(join(tmpdir(), 'acw-demo-')), 'store.db'), key: randomBytes(32), auditKey: randomBytes(32), resourcesDir, now });
}
