import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StoreError, openStore } from '../core/store/store';
import { defaultDataDir } from '../host/paths';
import type { SecretPort } from '../core/secrets/secret-port';
import { loadOrCreateStoreKey, openSecrets, StoreKeyMissingError } from '../platform/secrets';
import { UsageError } from './usage';

/**
 * The web host's store in a data folder (`--data DIR`, or the host's own), opened with its key where
 * the host keeps it. Read only as to the keys: a command line in a desktop session must not move the
 * keys of a host that runs without one.
 */
export function openDataStore(dirOption: string | undefined): { db: Database; secrets: SecretPort; dir: string } {
  const dir = dirOption ?? defaultDataDir();
  const storePath = join(dir, 'store.db');
  if (!existsSync(storePath)) throw new UsageError(`no store in ${dir}`);
  const secrets = openSecrets(dir, { readOnly: true });
  try {
    return { db: openStore(storePath, loadOrCreateStoreKey(secrets, storePath)), secrets, dir };
  } catch (err) {
    if (err instanceof StoreError || err instanceof StoreKeyMissingError) throw new UsageError((err as Error).message);
    throw err;
  }
}
