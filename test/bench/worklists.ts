/**
 * Worklist benchmark: 200,000 cases in an encrypted store on disk, of which a year's work at this
 * window (10,000 cases verified here, decided and nearly all served, and the open work of the day),
 * then the median and p95 time of the clerk's worklist under each filter. Run with
 * `npm run bench -- worklists`.
 *
 * The window's records and documents are written as rows (a real sign-off and PDF for each of 10,000
 * cases would take an hour), each the size a real one has, so the queries read what they would.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { openStore } from '../../src/main/core/store/store';
import { saveCase } from '../../src/main/core/cases/cases';
import { addDays } from '../../src/main/core/dates/calendar';
import { worklist } from '../../src/main/core/worklists/worklist';
import type { CaseStatus, PermitCase } from '../../src/shared/cases';
import type { WorklistFilter } from '../../src/shared/worklists';

const N = Number(process.env.BENCH_CASES ?? 200_000);
const LOCAL = 10_000;
const NOW = new Date('2026-11-23T02:00:00Z');
const TODAY = '2026-11-23';
const PDF = randomBytes(40_000);
const RECORD_DOC = JSON.stringify({ materials: Array.from({ length: 12 }, (_, i) => ({ code: `m${i}`, evidence: 'original_seen', fields: { a: 'x'.repeat(40) }, note: '' })) });

/** What each case is: most were settled elsewhere long ago; some await their visit; the first LOCAL are this window's year. */
function statusOf(i: number): { status: CaseStatus; local: 'served' | 'unserved' | 'verified' | 'supplement' | 'rejected' | null } {
  if (i < LOCAL) {
    const k = i % 200;
    if (k === 0) return { status: 'verified', local: 'verified' };
    if (k === 1) return { status: 'awaiting_verification', local: 'supplement' };
    if (k === 2) return { status: 'rejected', local: 'rejected' };
    if (k < 6) return { status: 'decision_issued', local: 'unserved' };
    return { status: 'decision_issued', local: 'served' };
  }
  // Elsewhere: most decided; some awaiting their visit (entry dates over 400 days); a few verified and not yet decided, withdrawn or refused.
  const k = i % 100;
  return { status: k < 8 ? 'awaiting_verification' : k === 8 ? 'verified' : k === 9 ? 'withdrawn' : k === 10 ? 'rejected' : 'decision_issued', local: null };
}

function benchCase(i: number, status: CaseStatus): PermitCase {
  return {
    noticeNo: `WPN2026${String(i).padStart(8, '0')}`,
    permitNo: `110105${String(19600000 + i).padStart(12, '0')}`,
    category: (['A', 'B', 'C'] as const)[i % 3],
    status,
    applicant: { name: `BENCH,PERSON ${i.toString(36).toUpperCase()}`, nameZh: null, nationality: 'GBR', sex: 'M', birthDate: '1990-01-01', passportNo: `E${String(i * 13).padStart(8, '0')}`, ssn: null },
    employer: { name: 'Bench Employer', uscc: '91350100M000100Y43', address: 'Beijing' },
    notice: { issuedOn: addDays(TODAY, -200), validMonths: 12, approvedMonths: 24, family: [] },
    entryDate: addDays(TODAY, -(i % 400)),
    version: 1,
    updatedAt: '2026-11-01T00:00:00Z',
  };
}

function storeWindowWork(db: Database, i: number, local: NonNullable<ReturnType<typeof statusOf>['local']>, noticeNo: string): void {
  const at = new Date(NOW.getTime() - (i % 330) * 86_400_000).toISOString();
  const outcome = local === 'supplement' ? 'supplement' : local === 'rejected' ? 'rejected' : 'approved';
  const id = `rec-${i}`;
  db.prepare('INSERT INTO verifications (seq, id, notice_no, correction_of, outcome, at, document) VALUES (?,?,?,?,?,?,?)').run(i + 1, id, noticeNo, null, outcome, at, RECORD_DOC);
  if (local !== 'served' && local !== 'unserved') return;
  const decision = db.prepare("INSERT INTO decisions (type, number, notice_no, verification_id, issued_at, issued_by, content, pdf, sha256) VALUES ('grant',?,?,?,?,?,?,?,?)");
  const number = `G${i}`;
  decision.run(number, noticeNo, id, at, 'clerk', RECORD_DOC, PDF, 'x');
  if (local === 'unserved') return;
  const service = db.prepare("INSERT INTO decisions (type, number, notice_no, verification_id, issued_at, issued_by, content, pdf, sha256) VALUES ('service',?,?,?,?,?,?,?,?)");
  const serviceId = service.run(`S${i}`, noticeNo, id, at, 'clerk', JSON.stringify({ type: 'service', served: [{ number }] }), PDF, 'x').lastInsertRowid;
  db.prepare('INSERT INTO decision_services (service_id, number) VALUES (?, ?)').run(serviceId, number);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** Fills a store with the benchmark's cases and this window's year of work. */
export function buildBenchStore(db: Database): Database {
  for (let from = 0; from < N; from += 500) {
    db.transaction(() => {
      for (let i = from; i < Math.min(N, from + 500); i++) {
        const { status, local } = statusOf(i);
        const c = benchCase(i, status);
        saveCase(db, c);
        if (local) storeWindowWork(db, i, local, c.noticeNo);
      }
    })();
  }
  return db;
}

export function benchWorklists(): void {
  const dir = mkdtempSync(join(tmpdir(), 'acw-bench-'));
  const t0 = performance.now();
  const db = buildBenchStore(openStore(join(dir, 'bench.db'), randomBytes(32)));
  console.log(`worklists: ${N} cases (${LOCAL} of them this window's year) stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const filters: WorklistFilter[] = [{}, { deadline: 'overdue' }, { deadline: 'near' }, { work: 'visit' }, { work: 'serve' }, { work: 'decide' }, { category: 'B' }, { status: 'awaiting_verification', deadline: 'near' }];
  for (let k = 0; k < 5; k++) for (const f of filters) worklist(db, NOW, f, 100);
  const times: number[] = [];
  let shown = 0;
  for (let k = 0; k < 25; k++) {
    for (const f of filters) {
      const s = performance.now();
      shown += worklist(db, NOW, f, 100).items.length;
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  const w = worklist(db, NOW, {}, 100);
  console.log(
    `worklists: ${times.length} worklists (${filters.length} filters), ${shown} items shown; counts ${JSON.stringify(w.counts)}; ` +
      `median ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms (target: median < 50 ms); ` +
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  );
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
