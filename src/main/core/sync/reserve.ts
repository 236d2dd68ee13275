import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import { listNumberBlocks, numbersLeft, addNumberBlock, setAsideDemoBlocks } from '../documents/numbers';
import { createLogger } from '../log/logger';

const log = createLogger('sync');

/** The demo's seeded blocks set aside once the window is linked, audited with what was left in each. */
export function setAsideDemoNumbers(db: Database, now: Date): number {
  return db.transaction(() => {
    const blocks = setAsideDemoBlocks(db, now);
    if (!blocks.length) return 0;
    const target = blocks.map((b) => `${b.type} ${b.prefix} ${b.year} ${b.next}-${b.to}`).join('; ');
    appendAudit(db, { at: now.toISOString(), actor: 'system', action: 'decision-numbers.demo-set-aside', target });
    log.info('the demo numbers were set aside: the window is linked', { blocks: blocks.length });
    return blocks.length;
  })();
}
import { deleteStoreMeta, getStoreMeta, setStoreMeta } from '../store/meta';
import type { UpstreamClient } from './upstream-client';
import type { DocumentType } from '../../../shared/verification';

/** The request waiting for its block, per type (the grant's key keeps its old name, so an upgrade finds a request in flight). */
const pendingKey = (type: DocumentType) => (type === 'grant' ? 'sync.numbers.pending-key' : `sync.numbers.${type}.pending-key`);

/** A block the server gave that this window already holds in part: the parts it does not hold. */
function partsNotHeld(db: Database, type: DocumentType, block: { prefix: string; year: number; from: number; to: number }): { from: number; to: number }[] {
  const held = listNumberBlocks(db)
    .filter((b) => b.type === type && b.prefix === block.prefix && b.year === block.year && b.from <= block.to && b.to >= block.from)
    .sort((a, b) => a.from - b.from);
  const parts: { from: number; to: number }[] = [];
  let from = block.from;
  for (const h of held) {
    if (h.from > from) parts.push({ from, to: h.from - 1 });
    from = Math.max(from, h.to + 1);
  }
  if (from <= block.to) parts.push({ from, to: block.to });
  return parts;
}

export class NumbersHeldError extends Error {}

/**
 * Keeps a reserve of decision numbers for this window: when fewer than `low` are left for the year, a
 * block of `batch` is asked for. The request's idempotency key is stored before it is sent and cleared
 * only with the block stored, so an answer lost to a crash or a cut connection is asked for again
 * with the same key and the server gives the same block: none is lost and none is taken twice.
 * A server that was restored or replaced may give numbers this window already holds (and may have
 * used): only the parts it does not hold are taken, so no number is ever issued twice; a block held
 * whole is reported (NumbersHeldError) and the next request asks for another.
 */
export async function topUpNumbers(db: Database, client: UpstreamClient, year: number, low: number, batch: number, now: Date, type: DocumentType = 'grant'): Promise<boolean> {
  if (numbersLeft(db, year, type) >= low) return false;
  let key = getStoreMeta(db, pendingKey(type));
  if (!key) {
    key = `numbers-${type === 'grant' ? '' : `${type}-`}${year}-${randomUUID()}`;
    setStoreMeta(db, pendingKey(type), key);
  }
  const block = await client.reserveNumbers(key, year, batch, type);
  const taken = db.transaction(() => {
    const parts = partsNotHeld(db, type, block);
    for (const p of parts) addNumberBlock(db, { ...block, ...p, type, source: 'upstream' });
    deleteStoreMeta(db, pendingKey(type));
    const whole = parts.length === 1 && parts[0].from === block.from && parts[0].to === block.to;
    const target = `${type === 'grant' ? '' : `${type} `}${block.prefix} ${block.year} ${block.from}-${block.to}${whole || !parts.length ? '' : ` (taken: ${parts.map((p) => `${p.from}-${p.to}`).join(', ')})`}`;
    appendAudit(db, { at: now.toISOString(), actor: 'system', action: parts.length ? 'decision-numbers.reserved' : 'decision-numbers.already-held', target });
    return parts.length > 0;
  })();
  if (!taken) throw new NumbersHeldError(`the server gave ${type === 'grant' ? '' : `${type} `}numbers ${block.from}–${block.to} of ${block.year}, which this window already holds`);
  return true;
}
