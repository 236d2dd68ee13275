import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { isEmptyStore, seedDemoOffice } from './demo/demo-office';
import { readTrustList } from './trust/trust-list';
import { createLogger } from './log/logger';
import { regionTableOf } from './regions/stored-tables';
import { openStore } from './store/store';
import { sealLegacyChain } from './audit/audit';
import { bindAuditKey } from './audit/audit-key';
import { boundRecords } from './audit-check/chain-check';

const log = createLogger('boot');

/**
 * Opens the app's store the same way in every host, and on the very first start fills it with the
 * demo office so the app works with no set-up.
 */
export async function openAppStore(opts: {
  dbPath: string;
  key: Buffer;
  resourcesDir: string;
  nativeBinding?: string;
  now?: Date;
  /** The key that authenticates the audit chain, from the host's secrets (a test passes one of its own). */
  auditKey: Buffer;
}): Promise<Database> {
  const db = openStore(opts.dbPath, opts.key, opts.nativeBinding);
  try {
    bindAuditKey(db, opts.auditKey);
    if (isEmptyStore(db)) {
      const trustList = readTrustList(JSON.parse(readFileSync(join(opts.resourcesDir, 'demo', 'trust-list.json'), 'utf8'))).list;
      await seedDemoOffice(db, trustList, opts.now ?? new Date());
      log.info('demo office created');
    }
    // Region names from the newest table an administrator imported, if later than the shipped one
    // (read now, so that a stored table that no longer reads fails the start, not a case view).
    regionTableOf(db);
    // A store from before the chain was authenticated is sealed once, in the chain itself.
    if (sealLegacyChain(db, opts.now ?? new Date(), () => boundRecords(db))) log.info('earlier audit entries sealed');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
