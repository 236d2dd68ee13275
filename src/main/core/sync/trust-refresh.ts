import type { Database } from 'better-sqlite3-multiple-ciphers';
import { revocationListSchema, trustListSchema } from '../permit-qr/trust-list';
import { storeRevocationList, storeTrustList } from '../permit-qr/trust-store';
import { getStoreMeta, setStoreMeta } from '../settings/settings';
import { UpstreamError, type UpstreamClient } from './upstream-client';

const ETAG = 'sync.trust.etag';

/** The trust list when it changed (the ETag says), and the revocations added since the version held. */
export async function refreshTrust(db: Database, client: UpstreamClient, now: Date): Promise<{ trustChanged: boolean; revoked: number }> {
  const t = await client.trustList(getStoreMeta(db, ETAG));
  let trustChanged = false;
  if (t.changed) {
    const parsed = trustListSchema.safeParse(t.list);
    if (!parsed.success) throw new UpstreamError('malformed', 'the trust list from upstream does not follow permit-qr.md');
    db.transaction(() => {
      storeTrustList(db, parsed.data, 'upstream', now);
      if (t.etag) setStoreMeta(db, ETAG, t.etag);
    })();
    trustChanged = true;
  }
  const current = db.prepare('SELECT document FROM revocation_lists ORDER BY version DESC LIMIT 1').pluck().get() as string | undefined;
  const held = current ? revocationListSchema.parse(JSON.parse(current)) : { version: 0, revoked: [] };
  const r = await client.revocations(held.version);
  if (r.version > held.version) {
    storeRevocationList(db, { version: r.version, revoked: [...new Set([...held.revoked, ...r.added])] }, 'upstream', now);
  }
  return { trustChanged, revoked: r.version > held.version ? r.added.length : 0 };
}
