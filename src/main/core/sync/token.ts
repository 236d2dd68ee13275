import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import { getStoreMeta, setStoreMeta } from '../settings/settings';

/** The workstation token for the authority's system: sync's own, kept apart from the settings and never read back by a call. */
const TOKEN = 'sync.token';

export function upstreamToken(db: Database): string | null {
  return getStoreMeta(db, TOKEN);
}

/** Sets the token (an administrator's act, audited without the token). */
export function setUpstreamToken(db: Database, token: string, actor: string, now: Date): void {
  db.transaction(() => {
    setStoreMeta(db, TOKEN, token);
    appendAudit(db, { at: now.toISOString(), actor, action: 'sync.token-set' });
  })();
}
