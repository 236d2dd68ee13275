import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * What the worklists read, indexed so that they never walk the rows (a case's document, a record's
 * document and a decision's PDF sit in those rows): the cases awaiting their visit by entry date, each
 * case's records in order and by outcome, the live grants and refusals, and which numbers a live proof
 * of service covers (kept as rows, not searched for in each proof's content).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX cases_by_status_entry ON cases (status, entry_date, category, notice_no);
    CREATE INDEX verifications_by_notice_seq ON verifications (notice_no, seq, outcome, at, id, correction_of);
    CREATE INDEX verifications_by_outcome ON verifications (outcome, notice_no, seq);
    CREATE INDEX decisions_live ON decisions (type, notice_no, number, issued_at) WHERE voided_at IS NULL;
    CREATE TABLE decision_services (
      service_id INTEGER NOT NULL REFERENCES decisions (id),
      number TEXT NOT NULL,
      PRIMARY KEY (number, service_id)
    ) WITHOUT ROWID;
    INSERT INTO decision_services (service_id, number)
      SELECT d.id, json_extract(s.value, '$.number') FROM decisions d, json_each(d.content, '$.served') s
      WHERE d.type = 'service' AND d.voided_at IS NULL;
  `);
}
