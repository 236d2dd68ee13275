import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import { listNumberBlocks, numbersLeft, addNumberBlock } from '../decisions/numbers';
import { getStoreMeta, setStoreMeta } from '../settings/settings';
import type { UpstreamClient } from './upstream-client';

const PENDING_KEY = 'sync.numbers.pending-key';

/**
 * Keeps a reserve of decision numbers for this window: when fewer than `low` are left for the year, a
 * block of `batch` is asked for. The request's idempotency key is stored before it is sent and cleared
 * only with the block stored, so an answer lost to a crash or a cut connection is asked for again
 * with the same key and the server gives the same block: none is lost and none is taken twice.
 */
export async function topUpNumbers(db: Database, client: UpstreamClient, year: number, low: number, batch: number, now: Date): Promise<boolean> {
  if (numbersLeft(db, year) >= low) return false;
  let key = getStoreMeta(db, PENDING_KEY);
  if (!key) {
    key = `numbers-${year}-${randomUUID()}`;
    setStoreMeta(db, PENDING_KEY, key);
  }
  const block = await client.reserveNumbers(key, year, batch);
  db.transaction(() => {
    const same = listNumberBlocks(db).some((b) => b.prefix === block.prefix && b.year === block.year && b.from === block.from && b.to === block.to);
    if (!same) addNumberBlock(db, block);
    db.prepare('DELETE FROM store_meta WHERE key = ?').run(PENDING_KEY);
    appendAudit(db, { at: now.toISOString(), actor: 'system', action: 'decision-numbers.reserved', target: `${block.prefix} ${block.year} ${block.from}-${block.to}` });
  })();
  return true;
}
