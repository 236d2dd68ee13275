import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyAudit } from '../core/audit/audit';
import { loadOrCreateStoreKey, openSecrets, StoreKeyMissingError } from '../platform/secrets';
import { StoreError, openStore } from '../core/store/store';
import { defaultDataDir } from '../host/paths';
import { UsageError, asUsage, printJson } from './usage';

/**
 * `audit verify [--data DIR]`: checks the hash chain of the web host's store (its key from the OS key
 * store, or the 0600 fallback file beside it); prints {intact, entries, firstBroken}; exit 0 when intact, 1 when an entry was altered or
 * removed. The Electron app's key is held by the system key store, so its store is checked in the app.
 */
export async function audit(args: string[]): Promise<void> {
  const { values, positionals } = asUsage(() => parseArgs({ args, strict: true, allowPositionals: true, options: { data: { type: 'string' } } }));
  if (positionals[0] !== 'verify' || positionals.length !== 1) throw new UsageError('the audit command is "audit verify [--data DIR]"');
  const dir = values.data ?? defaultDataDir();
  const storePath = join(dir, 'store.db');
  if (!existsSync(storePath)) throw new UsageError(`no store in ${dir}`);
  let db;
  try {
    // The key where the web host keeps it: the OS key store, or the fallback file beside the store.
    db = openStore(storePath, loadOrCreateStoreKey(openSecrets(dir), storePath));
  } catch (err) {
    if (err instanceof StoreError || err instanceof StoreKeyMissingError) throw new UsageError(err.message);
    throw err;
  }
  try {
    const firstBroken = verifyAudit(db);
    const entries = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    printJson({ intact: firstBroken === null, entries, firstBroken });
    if (firstBroken) process.exitCode = 1;
  } finally {
    db.close();
  }
}
