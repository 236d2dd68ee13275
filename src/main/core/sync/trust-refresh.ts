import type { Database } from 'better-sqlite3-multiple-ciphers';
import { SignedListError, type SignedListRefusal, type TrustRoot } from '../trust/signed-list';
import { TrustListError } from '../trust/trust-list';
import { acceptSignedRevocations, acceptSignedTrustList, currentRevocations } from '../trust/trust-store';
import { acceptSignedCscaList, CscaListError } from '../trust/csca-list';
import { getStoreMeta, setStoreMeta } from '../store/meta';
import type { UpstreamClient } from './upstream-client';

const ETAG = 'sync.trust.etag';

/**
 * A list that arrived whole but was refused (not signed by a pinned root, changed, older than the
 * one in force, or not a usable list): asking again brings the same list, so it is a problem to
 * show, not a fault to retry. The list in force stays.
 */
export class UnusableTrustListError extends Error {
  constructor(
    readonly reason: SignedListRefusal | 'unusable',
    readonly list: 'trustList' | 'revocations' | 'csca',
    message: string,
  ) {
    super(message);
  }
}

function refused(list: 'trustList' | 'revocations', err: unknown): never {
  const what = list === 'trustList' ? 'trust list' : 'revocation list';
  if (err instanceof SignedListError) throw new UnusableTrustListError(err.reason, list, `the ${what} from upstream was refused (the one in force stays): ${err.message}`);
  if (err instanceof TrustListError) throw new UnusableTrustListError('unusable', list, `the ${what} from upstream cannot be used (the one in force stays): ${err.message}`);
  throw err;
}

/**
 * The trust list when it changed (the ETag says), and the revocations added since the version held,
 * each taken only with a signature from a root pinned in this installation (permit-qr.md §3a).
 */
export async function refreshTrust(db: Database, client: UpstreamClient, roots: readonly TrustRoot[], now: Date): Promise<{ trustChanged: boolean; revoked: number }> {
  const t = await client.trustList(getStoreMeta(db, ETAG));
  let trustChanged = false;
  if (t.changed) {
    try {
      db.transaction(() => {
        acceptSignedTrustList(db, t.list, roots, 'upstream', now);
        if (t.etag) setStoreMeta(db, ETAG, t.etag);
      })();
    } catch (err) {
      refused('trustList', err);
    }
    trustChanged = true;
  }
  const held = currentRevocations(db)?.version ?? 0;
  const r = await client.revocations(held);
  try {
    const { added } = db.transaction(() => acceptSignedRevocations(db, r, roots, 'upstream', now))();
    return { trustChanged, revoked: added };
  } catch (err) {
    return refused('revocations', err);
  }
}

const CSCA_ETAG = 'sync.csca.etag';

/**
 * The CSCA list when it changed, taken only with a pinned root's signature and not older than the list
 * in force (passport-chip.md). A list refused is said as the trust list's is; the list in force stays.
 */
export async function refreshCscaList(db: Database, client: UpstreamClient, roots: readonly TrustRoot[], now: Date): Promise<{ changed: boolean }> {
  const c = await client.cscaList(getStoreMeta(db, CSCA_ETAG));
  if (!c?.changed) return { changed: false };
  try {
    db.transaction(() => {
      acceptSignedCscaList(db, c.list, roots, 'upstream', now);
      if (c.etag) setStoreMeta(db, CSCA_ETAG, c.etag);
    })();
  } catch (err) {
    if (err instanceof SignedListError) throw new UnusableTrustListError(err.reason, 'csca', `the CSCA list from upstream was refused (the one in force stays): ${err.message}`);
    if (err instanceof CscaListError) throw new UnusableTrustListError('unusable', 'csca', `the CSCA list from upstream cannot be used (the one in force stays): ${err.message}`);
    throw err;
  }
  return { changed: true };
}
