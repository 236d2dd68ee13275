import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export class StoreError extends Error {
  constructor(
    readonly code: 'store-too-new' | 'store-key-wrong',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Opens the encrypted store (SQLCipher format, raw 256-bit key), applies pending migrations in one
 * transaction and refuses a database written by a newer version of the app.
 */
export function openStore(path: string, key: Buffer, nativeBinding?: string): Db {
  if (key.length !== 32) throw new TypeError('"key" must be 32 bytes');
  // The Electron host passes the addon built for Electron's ABI; Node finds its own build.
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
        throw new StoreError('store-key-wrong', `The store at ${path} cannot be opened with this key.`);
      }
      throw err;
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(
      'store-too-new',
      `The store has schema version ${current}, newer than this app's ${SCHEMA_VERSION}: update the app.`,
    );
  }
  if (current === SCHEMA_VERSION) return;
  // A migration may rebuild a table others refer to (SQLite's way to change a column): references are
  // not enforced while the migrations run, and every one is checked before they commit.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (let v = current; v < SCHEMA_VERSION; v++) MIGRATIONS[v].up(db);
      const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
      if (broken.length) throw new Error(`the migration broke ${broken.length} reference(s), the first from ${broken[0].table} to ${broken[0].parent}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
