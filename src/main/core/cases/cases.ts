import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseStatus, CaseSummary, PermitCase, PermitCategory } from '../../../shared/cases';
import { prepared } from '../store/prepared';
import { compactId, nameTerms, searchQuery } from './search-terms';

/** Inserts or replaces a case and its search terms in one transaction. */
export function saveCase(db: Database, c: PermitCase): void {
  // Inside the caller's transaction (a pull stores a page of cases in one) no savepoint is needed.
  if (db.inTransaction) return storeCase(db, c);
  db.transaction(() => storeCase(db, c))();
}

/**
 * A case's document as stored: its JSON deflated (a third of the size, measured on the demo's cases; a
 * big office's year holds 200,000). Documents written before migration 0270 are text; both are read.
 */
const encodeCase = (c: PermitCase): Buffer => deflateRawSync(JSON.stringify(c));
export const decodeCase = (document: string | Buffer): PermitCase => JSON.parse(typeof document === 'string' ? document : inflateRawSync(document).toString('utf8')) as PermitCase;

function storeCase(db: Database, c: PermitCase): void {
  const existing = prepared(db, 'SELECT id FROM cases WHERE notice_no = ?').get(c.noticeNo) as { id: number } | undefined;
  const row = [c.permitNo, c.category, c.status, c.entryDate, c.version, encodeCase(c), c.pendingSupplement?.workstation ?? null];
  let id: number;
  if (existing) {
    id = existing.id;
    prepared(db, 'UPDATE cases SET permit_no=?, category=?, status=?, entry_date=?, version=?, document=?, pending_supplement=? WHERE id=?').run(...row, id);
    prepared(db, 'DELETE FROM case_search WHERE rowid = ?').run(id);
  } else {
    id = Number(prepared(db, 'INSERT INTO cases (permit_no, category, status, entry_date, version, document, pending_supplement, notice_no) VALUES (?,?,?,?,?,?,?,?)').run(...row, c.noticeNo).lastInsertRowid);
  }
  const a = c.applicant;
  const ids = [c.noticeNo, c.permitNo, a.passportNo, a.ssn].filter((x): x is string => !!x).map(compactId);
  const names = [...nameTerms(a.name), ...(a.nameZh ? nameTerms(a.nameZh) : [])];
  prepared(db, 'INSERT INTO case_search (rowid, ids, names) VALUES (?, ?, ?)').run(id, ids.join(' '), names.join(' '));
}

/**
 * Rewrites the search index into one segment. Cases stored many at a time (a first pull, a resync)
 * leave it in many, which measured a third slower to search (median 0.59 against 0.38 ms over
 * 200,000 cases); rewriting 200,000 takes about a second.
 */
export function tidySearchIndex(db: Database): void {
  db.prepare("INSERT INTO case_search (case_search) VALUES ('optimize')").run();
}

export function hasAnyCase(db: Database): boolean {
  return !!db.prepare('SELECT 1 FROM cases LIMIT 1').get();
}

export function getCase(db: Database, noticeNo: string): PermitCase | null {
  const row = prepared(db, 'SELECT document FROM cases WHERE notice_no = ?').get(noticeNo) as { document: string | Buffer } | undefined;
  return row ? decodeCase(row.document) : null;
}

export function getCaseByPermitNo(db: Database, permitNo: string): PermitCase | null {
  const row = db.prepare('SELECT document FROM cases WHERE permit_no = ? ORDER BY version DESC LIMIT 1').get(permitNo) as
    | { document: string | Buffer }
    | undefined;
  return row ? decodeCase(row.document) : null;
}

function summarise(c: PermitCase): CaseSummary {
  return {
    noticeNo: c.noticeNo,
    permitNo: c.permitNo,
    category: c.category,
    status: c.status,
    name: c.applicant.name,
    nameZh: c.applicant.nameZh,
    nationality: c.applicant.nationality,
    entryDate: c.entryDate,
  };
}

/** The whole cases matching what the user typed, best match first, at most `limit`. */
function matchingCases(db: Database, input: string, limit: number): PermitCase[] {
  const match = searchQuery(input);
  if (!match) return [];
  const rows = db
    .prepare(
      `SELECT c.document FROM case_search s JOIN cases c ON c.id = s.rowid
       WHERE case_search MATCH ? ORDER BY s.rank LIMIT ?`,
    )
    .all(match, limit) as { document: string | Buffer }[];
  return rows.map((r) => decodeCase(r.document));
}

/** Cases matching what the user typed, best match first, at most `limit`. */
export function searchCases(db: Database, input: string, limit = 50): CaseSummary[] {
  return matchingCases(db, input, limit).map(summarise);
}

/** The case of a social security number, separators ignored (the search finds it by prefix). */
/**
 * The cached case a reference names, by its kind (a notice or a permit number): as it stands, then in
 * capitals, as numbers are usually written.
 */
export function getCaseByReference(db: Database, reference: string, kind: 'notice' | 'permit'): PermitCase | null {
  const local = (r: string) => (kind === 'notice' ? getCase(db, r) : getCaseByPermitNo(db, r));
  return local(reference) ?? local(reference.toUpperCase());
}

export function getCaseBySsn(db: Database, ssn: string): PermitCase | null {
  const wanted = compactId(ssn);
  return matchingCases(db, ssn, 5).find((c) => !!c.applicant.ssn && compactId(c.applicant.ssn) === wanted) ?? null;
}

/** Which cases await their visit: B and C holders with an entry date in a range (inclusive, either end open). */
export interface VisitRange {
  category?: PermitCategory;
  entryFrom?: string;
  entryTo?: string;
}

const VISIT_WHERE = `status = 'awaiting_verification' AND entry_date >= ? AND entry_date <= ? AND category IN (?, ?)`;
// Category A holders do not come within 30 days of entry: asking for A finds no visit.
const visitParams = (r: VisitRange) => [r.entryFrom ?? '0000', r.entryTo ?? '9999', ...(r.category ? [r.category, r.category] : ['B', 'C'])].map((p) => (p === 'A' ? '' : p));

/** How many cases await their visit in the range (the index answers; no case document is read). */
export function countAwaitingVisits(db: Database, r: VisitRange): number {
  return (prepared(db, `SELECT count(*) AS n FROM cases WHERE ${VISIT_WHERE}`).get(...visitParams(r)) as { n: number }).n;
}

/** The cases awaiting their visit in the range, earliest entry (soonest last day) first, at most `limit`. */
export function awaitingVisits(db: Database, r: VisitRange, limit: number): CaseSummary[] {
  const rows = prepared(db, `SELECT document FROM cases WHERE ${VISIT_WHERE} ORDER BY entry_date, notice_no LIMIT ?`).all(...visitParams(r), limit) as { document: string | Buffer }[];
  return rows.map((row) => summarise(decodeCase(row.document)));
}

/** The summaries of the cases named, those that are stored. */
export function caseSummaries(db: Database, noticeNos: readonly string[]): Map<string, CaseSummary> {
  const out = new Map<string, CaseSummary>();
  for (const n of noticeNos) {
    const c = getCase(db, n);
    if (c) out.set(n, summarise(c));
  }
  return out;
}

/** The notice numbers of the cases with a status (the index answers). */
export function noticesWithStatus(db: Database, status: CaseStatus): string[] {
  return (prepared(db, 'SELECT notice_no FROM cases WHERE status = ?').all(status) as { notice_no: string }[]).map((r) => r.notice_no);
}

/** Cases awaiting their verification that the authority says wait on a request for supplements (any window's). */
export function casesPendingSupplement(db: Database): PermitCase[] {
  // By the partial index alone (a condition on status lets the planner walk every case awaiting its visit instead).
  const rows = prepared(db, 'SELECT status, document FROM cases INDEXED BY cases_pending_supplement WHERE pending_supplement IS NOT NULL').all() as { status: string; document: string | Buffer }[];
  return rows.filter((r) => r.status === 'awaiting_verification').map((r) => decodeCase(r.document));
}
