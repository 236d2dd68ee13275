import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import type { UpstreamCase } from './contract';
import { stmt as prepared } from './statements';
import { OFFICES, bulkCases, officeCases } from './demo-data';

/**
 * The reference server's own SQLite database (plain, not encrypted: it stands in for the authority's
 * system in development and tests). Every change to a case takes the next value of one sequence, so
 * "changed since" is a range scan. A cursor names a place in that sequence, and belongs to the
 * database that issued it (upstream-api.md): each one given out is written down with a random part, so
 * a cursor from another server, garbage, or one given out after the copy a restored database was made
 * from is not found, and gets 410.
 */
export function openUpstreamStore(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // A commit survives the server process being killed; only the OS crashing could lose the last ones,
  // which a reference server for development and tests can live with (each POST is one commit).
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS cases (
      notice_no TEXT PRIMARY KEY,
      office TEXT NOT NULL,
      permit_no TEXT NOT NULL,
      passport_no TEXT NOT NULL,
      nationality TEXT NOT NULL,
      ssn TEXT,
      seq INTEGER NOT NULL,
      document TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS cases_office_seq ON cases (office, seq);
    CREATE INDEX IF NOT EXISTS cases_permit ON cases (permit_no);
    CREATE INDEX IF NOT EXISTS cases_passport ON cases (passport_no, nationality);
    CREATE INDEX IF NOT EXISTS cases_ssn ON cases (ssn);
    CREATE TABLE IF NOT EXISTS idempotency (
      key TEXT NOT NULL,
      route TEXT NOT NULL,
      workstation TEXT NOT NULL,
      request TEXT NOT NULL,
      status INTEGER NOT NULL,
      response TEXT NOT NULL,
      PRIMARY KEY (key, route)
    );
    CREATE TABLE IF NOT EXISTS verifications (id TEXT PRIMARY KEY, notice_no TEXT NOT NULL, workstation TEXT NOT NULL, document TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS decision_events (key TEXT PRIMARY KEY, number TEXT NOT NULL, case_no TEXT NOT NULL, kind TEXT NOT NULL, document TEXT NOT NULL, workstation TEXT);
    CREATE TABLE IF NOT EXISTS document_events (key TEXT PRIMARY KEY, number TEXT NOT NULL, case_no TEXT NOT NULL, type TEXT NOT NULL, kind TEXT NOT NULL, document TEXT NOT NULL, workstation TEXT);
    CREATE TABLE IF NOT EXISTS evaluations (key TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, case_no TEXT NOT NULL, workstation TEXT NOT NULL, grade INTEGER NOT NULL, document TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS register_days (workstation TEXT NOT NULL, office TEXT NOT NULL, day TEXT NOT NULL, revision INTEGER NOT NULL, document TEXT NOT NULL, PRIMARY KEY (workstation, day, revision));
    CREATE TABLE IF NOT EXISTS evaluation_follow_ups (key TEXT PRIMARY KEY, evaluation_id TEXT NOT NULL UNIQUE, case_no TEXT NOT NULL, workstation TEXT NOT NULL, closed_at TEXT NOT NULL, document TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS number_blocks (office TEXT NOT NULL, year INTEGER NOT NULL, prefix TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, workstation TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS revocations (version INTEGER NOT NULL, permit_no TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS cursors (cursor TEXT PRIMARY KEY, office TEXT NOT NULL, seq INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS verification_results (notice_no TEXT NOT NULL, workstation TEXT NOT NULL, verification_id TEXT NOT NULL, result TEXT NOT NULL, at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS verification_results_case ON verification_results (notice_no, workstation);
    CREATE INDEX IF NOT EXISTS verifications_case ON verifications (notice_no);
    CREATE TABLE IF NOT EXISTS evidence (id TEXT PRIMARY KEY, key TEXT NOT NULL, notice_no TEXT NOT NULL, verification_id TEXT NOT NULL, material TEXT NOT NULL, mime TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL, workstation TEXT NOT NULL, captured_at TEXT NOT NULL, received_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS audit_heads (workstation TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (workstation, seq));
  `);
  // A database written before the events named their window gets the column (its rows name none).
  for (const t of ['decision_events', 'document_events']) {
    if (!(db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).some((c) => c.name === 'workstation')) db.exec(`ALTER TABLE ${t} ADD COLUMN workstation TEXT`);
  }
  return db;
}

export function meta(db: Db, key: string): string | null {
  return (prepared(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  prepared(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

function nextSeq(db: Db): number {
  const n = Number(meta(db, 'seq') ?? 0) + 1;
  setMeta(db, 'seq', String(n));
  return n;
}

/** Stores a case as changed now: it takes the next sequence number, so every pull after it sees it. */
export function putCase(db: Db, office: string, c: UpstreamCase): void {
  prepared(
    db,
    `INSERT INTO cases (notice_no, office, permit_no, passport_no, nationality, ssn, seq, document) VALUES (?,?,?,?,?,?,?,?)
     ON CONFLICT(notice_no) DO UPDATE SET office = excluded.office, permit_no = excluded.permit_no, passport_no = excluded.passport_no,
       nationality = excluded.nationality, ssn = excluded.ssn, seq = excluded.seq, document = excluded.document`,
  ).run(c.noticeNo, office, c.permitNo, c.applicant.passportNo, c.applicant.nationality, c.applicant.ssn, nextSeq(db), JSON.stringify(c));
}

export function getCaseRow(db: Db, noticeNo: string): { office: string; case: UpstreamCase } | null {
  const row = prepared(db, 'SELECT office, document FROM cases WHERE notice_no = ?').get(noticeNo) as { office: string; document: string } | undefined;
  return row ? { office: row.office, case: JSON.parse(row.document) as UpstreamCase } : null;
}

/** A case changed by the authority: a new version, a new time, a new place in the sequence. */
export function changeCase(db: Db, noticeNo: string, change: Partial<UpstreamCase>, at: Date): UpstreamCase | null {
  const row = getCaseRow(db, noticeNo);
  if (!row) return null;
  const next = { ...row.case, ...change, version: row.case.version + 1, updatedAt: at.toISOString() };
  putCase(db, row.office, next);
  return next;
}

/** The first start: the demo offices' cases from the seed, the demo revocations, and `bulk` extra cases for DEMO. */
export function seedIfEmpty(db: Db, now: Date, bulk: number, seed: readonly UpstreamCase[]): void {
  if (meta(db, 'seeded')) return;
  db.transaction(() => {
    OFFICES.forEach((o, i) => {
      for (const c of officeCases(i, seed)) putCase(db, o.code, c);
    });
    for (const c of bulkCases('DEMO', bulk, now, seed)) putCase(db, 'DEMO', c);
    const revoked = seed.filter((c) => c.status === 'revoked').map((c) => c.permitNo);
    for (const p of revoked) db.prepare('INSERT INTO revocations (version, permit_no) VALUES (1, ?)').run(p);
    setMeta(db, 'revocations.version', '1');
    setMeta(db, 'seeded', now.toISOString());
  })();
}

/** A cursor for `seq` in `office`'s cases: the one already given out for that place, or a new one. */
export function issueCursor(db: Db, office: string, seq: number): string {
  const known = db.prepare('SELECT cursor FROM cursors WHERE office = ? AND seq = ?').pluck().get(office, seq) as string | undefined;
  if (known) return known;
  const cursor = `${seq}.${randomBytes(9).toString('base64url')}`;
  db.prepare('INSERT INTO cursors (cursor, office, seq) VALUES (?,?,?)').run(cursor, office, seq);
  return cursor;
}

/** The place a cursor names, when this database gave it out to this office; null for any other. */
export function cursorPlace(db: Db, office: string, cursor: string): number | null {
  const seq = db.prepare('SELECT seq FROM cursors WHERE cursor = ? AND office = ?').pluck().get(cursor, office) as number | undefined;
  return seq ?? null;
}
