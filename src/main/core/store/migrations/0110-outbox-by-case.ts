import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * An outbox entry waits behind the older entries of its case (a refused one holds back the rest), so
 * every send asks for those: by case and id, not by a scan of the whole outbox.
 */
export function up(db: Database): void {
  db.exec('CREATE INDEX outbox_by_case ON outbox (notice_no, id)');
}
