import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * A big office's year is 200,000 cases: each case's document is now written deflated (cases.ts), about a
 * third of its JSON, and the window whose request for supplements a case waits on is a column of its
 * own, indexed where set, so that the worklist finds them without reading documents. Documents written
 * before stay as text until the case is next stored (both are read).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE cases ADD COLUMN pending_supplement TEXT;
    UPDATE cases SET pending_supplement = json_extract(document, '$.pendingSupplement.workstation') WHERE typeof(document) = 'text';
    CREATE INDEX cases_pending_supplement ON cases (pending_supplement) WHERE pending_supplement IS NOT NULL;
  `);
}
