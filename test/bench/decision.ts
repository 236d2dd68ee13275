/**
 * Decision benchmark: the time to render one Decision to Grant Administrative Licence as PDF and
 * archive it (number taken, PDF and SHA-256 stored, case moved on, audited) in an encrypted store on
 * disk, warm (after 5 unmeasured runs). Run with `npm run bench -- decision`.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { issueDecision, voidDecision } from '../../src/main/core/documents/decisions';
import { openDemoTestStore } from '../../src/main/core/store/test-store';
import { approveWithAllOriginals } from '../../src/main/core/verification/test-records';
import { demoPermitQrs } from '../support/demo-permits';

const RUNS = Number(process.env.BENCH_DECISIONS ?? 100);
const WARM_UP = 5;

export async function benchDecision(): Promise<void> {
  const now = new Date();
  const db = await openDemoTestStore(now);
  // The demo case with its signed permit QR, as scanned at the window: the decision prints the QR.
  const { validCase: c, valid: qrText } = demoPermitQrs(now);
  const record = approveWithAllOriginals(db, c, { actor: 'bench', now, draft: { qrText } });
  if (!record.qrText) throw new Error('the benchmark record should carry a VALID permit QR');
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const t0 = performance.now();
    const d = await issueDecision(db, record.id, 'bench', now);
    const ms = performance.now() - t0;
    if (i >= WARM_UP) times.push(ms);
    // Voiding (not measured) lets the same approved record take the next decision.
    voidDecision(db, d.id, 'bench', 'benchmark run, not a real decision', now);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(`decision: ${RUNS} decisions rendered and archived (A4, Chinese and English, with the permit's QR)`);
  console.log(`  median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (target: median under 400 ms warm)`);
  console.log(`  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  db.close();
}
