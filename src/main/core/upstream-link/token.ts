import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { SecretPort } from '../secrets/secret-port';
import { deleteStoreMeta, getStoreMeta, setStoreMeta } from '../store/meta';

/**
 * The workstation token for the authority's system: sync's own, never read back by a call. It lives
 * with the host's secrets (the OS key store, or the fallback file); with no secrets port (the tests,
 * and stores from before), in the store.
 */
const TOKEN = 'sync.token';

export function upstreamToken(db: Database, secrets: SecretPort | null = null): string | null {
  return secrets ? secrets.get('upstream-token') : getStoreMeta(db, TOKEN);
}

/** Sets the token (an administrator's act, audited without the token). */
export function setUpstreamToken(db: Database, token: string, actor: string, now: Date, secrets: SecretPort | null = null): void {
  db.transaction(() => {
    appendAudit(db, { at: now.toISOString(), actor, action: 'sync.token-set' });
    if (secrets) secrets.set('upstream-token', token);
    else setStoreMeta(db, TOKEN, token);
  })();
}

/** A token a store from before kept is moved to the secrets, once, and leaves the store. */
export function moveTokenToSecrets(db: Database, secrets: SecretPort): void {
  const kept = getStoreMeta(db, TOKEN);
  if (kept === null) return;
  if (secrets.get('upstream-token') === null) secrets.set('upstream-token', kept);
  deleteStoreMeta(db, TOKEN);
}
