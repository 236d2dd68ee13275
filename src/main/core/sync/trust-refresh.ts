import type { Database } from 'better-sqlite3-multiple-ciphers';
import { TrustListError } from '../permit-qr/trust-list';
import { currentRevocations, storeRevocationList, storeTrustList } from '../permit-qr/trust-store';
import { getStoreMeta, setStoreMeta } from '../settings/settings';
import type { UpstreamClient } from './upstream-client';

const ETAG = 'sync.trust.etag';

/** A list that arrived whole but cannot be used: asking again brings the same list, so it is a problem to show, not a fault to retry. */
export class UnusableTrustListError extends Error {}

/** The trust list when it changed (the ETag says), and the revocations added since the version held. */
export async function refreshTrust(db: Database, client: UpstreamClient, now: Date): Promise<{ trustChanged: boolean; revoked: number }> {
  const t = await client.trustList(getStoreMeta(db, ETAG));
  let trustChanged = false;
  if (t.changed) {
    try {
      db.transaction(() => {
        storeTrustList(db, t.list, 'upstream', now);
        if (t.etag) setStoreMeta(db, ETAG, t.etag);
      })();
    } catch (err) {
      if (err instanceof TrustListError) throw new UnusableTrustListError(`the trust list from upstream cannot be used (the one in force stays): ${err.message}`);
      throw err;
    }
    trustChanged = true;
  }
  const held = currentRevocations(db) ?? { version: 0, revoked: [] };
  const r = await client.revocations(held.version);
  if (r.version > held.version) {
    storeRevocationList(db, { version: r.version, revoked: [...new Set([...held.revoked, ...r.added])] }, 'upstream', now);
  }
  return { trustChanged, revoked: r.version > held.version ? r.added.length : 0 };
}
