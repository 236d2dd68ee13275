import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Images of the originals taken at the window, kept in the encrypted store (never a file on disk).
 * A row belongs to the case's draft until a record is signed off (`verification_id`), which binds it
 * by its SHA-256. `data` is emptied (`purged_at`) a set number of days after the authority acknowledged
 * the image (`acked_at`); the row, its hash and its thumbnail stay. The outbox learns a fifth kind,
 * `evidence` (its bytes are read from here when sent); rebuilt with its rows as in 0190, written out again.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE evidence_images (
      id TEXT PRIMARY KEY,
      notice_no TEXT NOT NULL,
      material TEXT NOT NULL,
      verification_id TEXT,
      mime TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      size INTEGER NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      cropped INTEGER NOT NULL,
      data BLOB,
      thumb BLOB NOT NULL,
      mrz TEXT,
      device TEXT NOT NULL,
      captured_at TEXT NOT NULL,
      captured_by TEXT NOT NULL,
      acked_at TEXT,
      purged_at TEXT
    );
    CREATE INDEX evidence_images_by_case ON evidence_images (notice_no, verification_id);
    CREATE INDEX evidence_images_by_record ON evidence_images (verification_id) WHERE verification_id IS NOT NULL;

    CREATE TABLE outbox_new (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('verification','decision','document','evaluation','evidence')),
      idempotency_key TEXT NOT NULL UNIQUE,
      notice_no TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending','sent','review','invalid','resolved')),
      last_error TEXT,
      response TEXT,
      done_at TEXT,
      resolved_by TEXT,
      resolution TEXT
    );
    INSERT INTO outbox_new SELECT id, kind, idempotency_key, notice_no, body, created_at, attempts, next_at, state, last_error, response, done_at, resolved_by, resolution FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;
    CREATE INDEX outbox_due ON outbox (state, next_at);
    CREATE INDEX outbox_by_case ON outbox (notice_no, id);
  `);
}
