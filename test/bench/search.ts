/**
 * Search benchmark: 200,000 cases in an encrypted store on disk, then the median and p95 time of
 * searches by each key. Run with `npm run bench -- search`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../../src/main/core/store/store';
import { bindAuditKey } from '../../src/main/core/audit/audit-key';
import { saveCase, searchCases, tidySearchIndex } from '../../src/main/core/cases/cases';
import type { PermitCase } from '../../src/shared/cases';

const SURNAMES = ['SMITH', "O'BRIEN", 'MÜLLER', 'GARCÍA-LÓPEZ', 'NGUYEN', 'KOWALSKI', 'DUBOIS', 'ROSSI', 'IVANOV', 'SATO', 'KIM', 'SILVA'];
const GIVEN = ['JOHN PAUL', 'MARÍA JOSÉ', 'ANNA', 'JEAN-PIERRE', 'YUKI', 'MIN-JUN', 'OLGA', 'LUCA', 'THANH HA', 'PIOTR'];
const N = Number(process.env.BENCH_CASES ?? 200_000);

function benchCase(i: number): PermitCase {
  return {
    noticeNo: `WPN2026${String(i).padStart(8, '0')}`,
    permitNo: `110105${String(19600000 + (i % 400000)).padStart(8, '0')}${String(i % 10000).padStart(4, '0')}`,
    category: (['A', 'B', 'C'] as const)[i % 3],
    status: 'awaiting_verification',
    applicant: {
      name: `${SURNAMES[i % SURNAMES.length]},${GIVEN[(i * 7) % GIVEN.length]} ${i.toString(36).toUpperCase()}`,
      nameZh: null,
      nationality: 'GBR',
      sex: 'M',
      birthDate: '1990-01-01',
      passportNo: `E${String(i * 13).padStart(8, '0')}`,
      ssn: i % 2 ? `11010519900101${String(i % 10000).padStart(4, '0')}` : null,
    },
    employer: { name: 'Bench Employer', uscc: '91350100M000100Y43', address: 'Beijing' },
    entryDate: '2026-11-01',
    version: 1,
    updatedAt: '2026-11-01T00:00:00Z',
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export function benchSearch(): void {
  const dir = mkdtempSync(join(tmpdir(), 'acw-bench-'));
  const db = openStore(join(dir, 'bench.db'), randomBytes(32));
  // The audit key is held apart from the store, as the hosts hold it; a store opened without one refuses to audit.
  bindAuditKey(db, randomBytes(32));
  const t0 = performance.now();
  // Stored as a first pull from upstream stores them: pages of 500, then the search index tidied.
  for (let from = 0; from < N; from += 500) {
    db.transaction(() => {
      for (let i = from; i < Math.min(N, from + 500); i++) saveCase(db, benchCase(i));
    })();
  }
  tidySearchIndex(db);
  console.log(`search: ${N} cases stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const queries: string[] = [];
  for (let k = 0; k < 200; k++) {
    const c = benchCase((k * 997) % N);
    const given = c.applicant.name.split(',')[1].split(' ');
    queries.push(c.noticeNo, c.permitNo, c.applicant.passportNo, c.applicant.ssn ?? c.noticeNo);
    queries.push(`${given[given.length - 1]} ${c.applicant.name.split(',')[0]}`.toLowerCase());
  }
  const times: number[] = [];
  let found = 0;
  for (const q of queries) {
    const s = performance.now();
    found += searchCases(db, q, 50).length > 0 ? 1 : 0;
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(
    `search: ${queries.length} queries, ${found} found; median ${percentile(times, 0.5).toFixed(2)} ms, ` +
      `p95 ${percentile(times, 0.95).toFixed(2)} ms (target: median < 20 ms, p95 < 50 ms); ` +
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  );
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
