import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Where each block of decision numbers came from: the authority's reservation for this workstation
 * (`upstream`), an administrator's entry (`admin`), or the demo office's seed (`demo`), which only an
 * unlinked demo may number from: a window linked to an authority sets the demo's blocks aside
 * (`set_aside_at`), since every demo store starts with the same ones and two windows would issue the
 * same numbers. Blocks held before this was recorded: the demo's if the store is a demo's and the block
 * is the seed's shape (1–999), else an administrator's.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE decision_number_blocks ADD COLUMN source TEXT NOT NULL DEFAULT 'admin' CHECK (source IN ('admin','upstream','demo'));
    ALTER TABLE decision_number_blocks ADD COLUMN set_aside_at TEXT;
    UPDATE decision_number_blocks SET source = 'demo'
      WHERE first = 1 AND last = 999 AND EXISTS (SELECT 1 FROM store_meta WHERE key = 'demo' AND value = '1');
  `);
}
