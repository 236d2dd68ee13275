import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DocumentType, NumberBlock } from '../../../shared/verification';
import { ApiFailure } from '../failures/failure';

/**
 * Decision numbers come from blocks reserved for this window (from the upstream system, or entered by
 * an administrator), so a decision can be numbered offline. A number is taken inside the transaction
 * that stores its decision and the block only moves forward (a trigger refuses a rewind), so no
 * number is issued twice, even when the decision is later voided. Each document type (the grant, the
 * refusal, the supplement notice, the proof of service) numbers from its own blocks.
 */
interface BlockRow {
  id: number;
  type: DocumentType;
  prefix: string;
  year: number;
  first: number;
  last: number;
  next: number;
  source: NumberBlock['source'];
  set_aside_at: string | null;
}

const toBlock = (r: BlockRow): NumberBlock => ({ id: r.id, type: r.type, prefix: r.prefix, year: r.year, from: r.first, to: r.last, next: r.next, source: r.source, setAsideAt: r.set_aside_at });

/** Blocks numbers are taken from: the demo's seed is set aside once the window is linked. */
const IN_USE = 'set_aside_at IS NULL';

export function listNumberBlocks(db: Database): NumberBlock[] {
  return (db.prepare('SELECT * FROM decision_number_blocks ORDER BY type, year, prefix, first').all() as BlockRow[]).map(toBlock);
}

/** Adds a block (the grant's unless a type is named); one that overlaps a block already held for the same type, prefix and year is refused. */
export function addNumberBlock(db: Database, b: { type?: DocumentType; prefix: string; year: number; from: number; to: number; source?: NumberBlock['source'] }): NumberBlock {
  const type = b.type ?? 'grant';
  return db.transaction(() => {
    const overlap = db
      .prepare('SELECT 1 FROM decision_number_blocks WHERE type = ? AND prefix = ? AND year = ? AND first <= ? AND last >= ?')
      .get(type, b.prefix, b.year, b.to, b.from);
    if (overlap) throw new ApiFailure('conflict', `Numbers ${b.from}–${b.to} of ${b.year} overlap a block this window already holds.`);
    const id = Number(
      db
        .prepare('INSERT INTO decision_number_blocks (type, prefix, year, first, last, next, source) VALUES (?,?,?,?,?,?,?)')
        .run(type, b.prefix, b.year, b.from, b.to, b.from, b.source ?? 'admin').lastInsertRowid,
    );
    return toBlock(db.prepare('SELECT * FROM decision_number_blocks WHERE id = ?').get(id) as BlockRow);
  })();
}

export function numbersLeft(db: Database, year: number, type: DocumentType = 'grant'): number {
  return (db.prepare(`SELECT coalesce(sum(last - next + 1), 0) FROM decision_number_blocks WHERE year = ? AND type = ? AND ${IN_USE}`).pluck().get(year, type) as number) ?? 0;
}

export interface DecisionNumber {
  prefix: string;
  year: number;
  serial: number;
}

function nextRow(db: Database, year: number, type: DocumentType): BlockRow {
  const row = db
    .prepare(`SELECT * FROM decision_number_blocks WHERE year = ? AND type = ? AND next <= last AND ${IN_USE} ORDER BY id LIMIT 1`)
    .get(year, type) as BlockRow | undefined;
  if (!row) {
    const what = type === 'grant' ? 'decision' : type === 'refusal' ? 'refusal decision' : type === 'supplement' ? 'supplement notice' : 'proof of service';
    throw new ApiFailure('no-decision-numbers', `No ${what} numbers are left for ${year}: an administrator reserves a block first.`);
  }
  return row;
}

/** The number `takeNumber` would take now, without taking it. */
export function peekNumber(db: Database, year: number, type: DocumentType = 'grant'): DecisionNumber {
  const row = nextRow(db, year, type);
  return { prefix: row.prefix, year: row.year, serial: row.next };
}

/** Takes the next number of the oldest block of the year that has one left; call inside a transaction. */
export function takeNumber(db: Database, year: number, type: DocumentType = 'grant'): DecisionNumber {
  const row = nextRow(db, year, type);
  db.prepare('UPDATE decision_number_blocks SET next = next + 1 WHERE id = ?').run(row.id);
  return { prefix: row.prefix, year: row.year, serial: row.next };
}

/** Writes a number in the office's pattern, e.g. `{prefix}〔{year}〕第{number:6}号` → 京人社外许字〔2026〕第000123号. */
export function formatDecisionNumber(pattern: string, n: DecisionNumber): string {
  return pattern
    .replaceAll('{prefix}', n.prefix)
    .replaceAll('{year}', String(n.year))
    .replace(/\{number(?::(\d{1,2}))?\}/g, (_, width: string | undefined) => String(n.serial).padStart(width ? Number(width) : 0, '0'));
}

/**
 * Sets the demo office's seeded blocks aside (numbers are no longer taken from them): every demo store
 * starts with the same blocks, so a window linked to an authority numbers only from the blocks reserved
 * for its workstation. Returns how many blocks were set aside now; the caller audits it.
 */
export function setAsideDemoBlocks(db: Database, now: Date): NumberBlock[] {
  const rows = db.prepare("SELECT * FROM decision_number_blocks WHERE source = 'demo' AND set_aside_at IS NULL ORDER BY id").all() as BlockRow[];
  if (rows.length) db.prepare("UPDATE decision_number_blocks SET set_aside_at = ? WHERE source = 'demo' AND set_aside_at IS NULL").run(now.toISOString());
  return rows.map(toBlock);
}
