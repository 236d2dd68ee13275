/**
 * Register benchmark: a busy window's year in an encrypted store on disk (30,000 sign-offs by eight
 * clerks, 26,000 grants and 25,500 proofs of service issued, 2,000 voided, 6,500 reprints, 20,000
 * evaluations, over 20,000 cases, every weekday's figures signed by the supervisor), then the median time of the year's register by month, by week and
 * by day, and of its XLSX.
 * Run with `npm run bench -- register`.
 *
 * Records are written as rows with a document the size of a real one (a real sign-off each would take
 * an hour); the documents' PDFs are small, since the register reads none of them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { saveCase } from '../../src/main/core/cases/cases';
import { addDays } from '../../src/main/core/dates/calendar';
import { buildRegister, signDay } from '../../src/main/core/register/register';
import { registerWorkbook } from '../../src/main/core/register/xlsx';
import { openStore } from '../../src/main/core/store/store';
import { bindAuditKey } from '../../src/main/core/audit/audit-key';
import type { RegisterPeriodKind } from '../../src/shared/register';

const RECORDS = 30_000;
const CLERKS = Array.from({ length: 8 }, (_, i) => `clerk${i + 1}`);
const NOW = new Date('2026-12-31T10:00:00Z');
const YEAR_START = Date.parse('2025-12-31T16:00:00Z');
const DOC = (clerk: string) => JSON.stringify({ clerk, workstation: 'DEMO/1', materials: Array.from({ length: 8 }, (_, i) => ({ code: `m${i}`, evidence: 'original_seen', fields: { a: 'x'.repeat(60) }, note: '' })) });
const PDF = randomBytes(2_000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchRegister(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'acw-bench-register-'));
  const db = openStore(join(dir, 'bench.db'), randomBytes(32));
  // The audit key is held apart from the store, as the hosts hold it; a store opened without one refuses to audit.
  bindAuditKey(db, randomBytes(32));
  const t0 = performance.now();
  const at = (i: number) => new Date(YEAR_START + Math.floor((i / RECORDS) * 365 * 86_400_000)).toISOString();
  db.transaction(() => {
    for (let i = 0; i < RECORDS; i++) {
      const noticeNo = `WPNREG${String(i).padStart(8, '0')}`;
      if (i < 20_000)
        saveCase(db, {
          noticeNo,
          permitNo: `11010520${String(i).padStart(10, '0')}`,
          category: 'B',
          status: 'decision_issued',
          applicant: { name: `BENCH,PERSON ${i}`, nameZh: null, nationality: 'GBR', sex: 'M', birthDate: '1990-01-01', passportNo: `E${String(i).padStart(8, '0')}`, ssn: null },
          employer: { name: 'Bench Employer', uscc: '91350100M000100Y43', address: 'Beijing' },
          entryDate: '2026-01-01',
          version: 1,
          updatedAt: '2026-01-01T00:00:00Z',
        });
      const clerk = CLERKS[i % CLERKS.length];
      const outcome = i % 15 === 0 ? 'supplement' : i % 29 === 0 ? 'rejected' : 'approved';
      db.prepare('INSERT INTO verifications (seq, id, notice_no, correction_of, outcome, at, document) VALUES (?,?,?,?,?,?,?)').run(i + 1, `rec-${i}`, noticeNo, null, outcome, at(i), DOC(clerk));
      if (outcome === 'approved') {
        const id = db
          .prepare("INSERT INTO decisions (type, number, notice_no, verification_id, issued_at, issued_by, content, pdf, sha256, voided_at, voided_by) VALUES ('grant',?,?,?,?,?,?,?,?,?,?)")
          .run(`G${i}`, noticeNo, `rec-${i}`, at(i), clerk, '{}', PDF, 'x', i % 13 === 0 ? at(i + 3) : null, i % 13 === 0 ? 'supervisor' : null).lastInsertRowid;
        // Handed over at the window, as nearly all are: a proof of service for each but one in fifty.
        if (i % 50 !== 0) {
          const serviceId = db
            .prepare("INSERT INTO decisions (type, number, notice_no, verification_id, issued_at, issued_by, content, pdf, sha256) VALUES ('service',?,?,?,?,?,?,?,?)")
            .run(`S${i}`, noticeNo, `rec-${i}`, at(i), clerk, JSON.stringify({ type: 'service', served: [{ number: `G${i}` }] }), PDF, 'x').lastInsertRowid;
          db.prepare('INSERT INTO decision_services (service_id, number) VALUES (?, ?)').run(serviceId, `G${i}`);
        }
        for (let copy = 0; copy < (i % 4 === 0 ? 2 : 1); copy++)
          db.prepare("INSERT INTO decision_prints (decision_id, copy_no, printer, state, at, by, sha256) VALUES (?,?,'Counter','completed',?,?,'x')").run(id, copy, at(i), clerk);
      }
      if (i % 3 !== 0) db.prepare('INSERT INTO evaluations (id, notice_no, grade, reasons, at, clerk, workstation) VALUES (?,?,?,?,?,?,?)').run(randomUUID(), noticeNo, 5 - (i % 5), i % 5 >= 3 ? '["waited-long"]' : '[]', at(i), clerk, 'DEMO/1');
    }
  })();
  // The supervisor signs each weekday, as an office does: each report checks every signed day's figures again.
  let signed = 0;
  for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    signDay(db, NOW, d, '', 'supervisor');
    signed++;
  }
  console.log(`register: a year of ${RECORDS} sign-offs by ${CLERKS.length} clerks, ${signed} days signed, stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const year = { from: '2026-01-01', to: '2026-12-31' };
  for (const by of ['month', 'week', 'day'] as RegisterPeriodKind[]) {
    buildRegister(db, NOW, { ...year, by });
    const times: number[] = [];
    let rows = 0;
    for (let k = 0; k < 9; k++) {
      const s = performance.now();
      rows = buildRegister(db, NOW, { ...year, by }).rows.length;
      times.push(performance.now() - s);
    }
    console.log(`register: the year by ${by} (${rows} rows): median ${median(times).toFixed(0)} ms (target: under 1 s)`);
  }
  const xlsx: number[] = [];
  let bytes = 0;
  for (let k = 0; k < 5; k++) {
    const s = performance.now();
    bytes = (await registerWorkbook(buildRegister(db, NOW, { ...year, by: 'day' }))).length;
    xlsx.push(performance.now() - s);
  }
  console.log(`register: the year by day as XLSX (${(bytes / 1024).toFixed(0)} KiB): median ${median(xlsx).toFixed(0)} ms; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
