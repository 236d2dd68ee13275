/**
 * Sync benchmark, over loopback against the reference upstream server: pull 200,000 cases into an
 * empty encrypted store, then push 10,000 verification records from the outbox, three times over other
 * cases (the median is the figure); the store's size on disk after the pull and the first push. Run
 * with `npm run bench -- sync` (BENCH_SYNC_CASES, BENCH_SYNC_RECORDS to change).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createCoreEvents } from '../../src/main/core/events/events';
import { getStoreMeta } from '../../src/main/core/store/meta';
import { openTestStore } from '../../src/main/core/store/test-store';
import { enqueueVerification, outboxCounts } from '../../src/main/core/outbox/outbox';
import { CURSOR, pullCases } from '../../src/main/core/sync/pull';
import { pushOutbox } from '../../src/main/core/sync/push';
import { createUpstreamClient } from '../../src/main/core/sync/upstream-client';
import { startUpstream } from '../support/upstream';

const CASES = Number(process.env.BENCH_SYNC_CASES ?? 200_000);
const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? 10_000);
const PUSH_RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The store's file and its WAL, the WAL checkpointed first. */
function sizeOnDisk(db: ReturnType<typeof openTestStore>): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const file = db.name;
  return statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
}

export async function benchSync(): Promise<void> {
  const t0 = performance.now();
  const u = await startUpstream({ bulk: CASES });
  console.log(`sync: reference server seeded with ${CASES} + demo cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const db = openTestStore();
    const client = createUpstreamClient({ url: u.url, token: u.tokens['DEMO/1'], workstation: 'DEMO/1', timeoutMs: 30_000 });
    const p0 = performance.now();
    const pulled = await pullCases(db, client, createCoreEvents(), () => new Date());
    const pullS = (performance.now() - p0) / 1000;
    console.log(`  pull: ${pulled.cases} cases in ${pulled.pages} pages, ${pullS.toFixed(1)} s (target < 60 s); cursor ${getStoreMeta(db, CURSOR)}`);

    // The push, three times over different cases (each run a fresh outbox of RECORDS verifications): the median is the figure.
    const notices = db.prepare("SELECT notice_no FROM cases WHERE status = 'awaiting_verification' AND notice_no LIKE 'WPB%' LIMIT ?").pluck().all(RECORDS * PUSH_RUNS) as string[];
    const runs: number[] = [];
    let sent = 0;
    let storeBytes = 0;
    for (let run = 0; run < PUSH_RUNS; run++) {
      const at = new Date().toISOString();
      db.transaction(() => {
        for (const noticeNo of notices.slice(run * RECORDS, (run + 1) * RECORDS)) {
          enqueueVerification(db, { id: randomUUID(), noticeNo, caseVersion: 1, outcome: 'supplement', materials: [], identity: { qr: null, card: null, mrz: null }, reasons: ['Original passport'], override: null, clerk: 'bench', at, workstation: 'DEMO/1' }, new Date(at));
        }
      })();
      const s0 = performance.now();
      let sentNow = 0;
      for (;;) {
        const r = await pushOutbox(db, client, () => new Date());
        if (r.failed) throw r.failed;
        sentNow += r.sent;
        if (r.sent === 0) break;
      }
      runs.push((performance.now() - s0) / 1000);
      sent = sentNow;
      // The store's size is the year's cases with one push of RECORDS behind them, as the target reads.
      if (run === 0) storeBytes = sizeOnDisk(db);
    }
    const stats = await u.stats();
    console.log(`  push: ${sent} records, median of ${PUSH_RUNS} runs ${median(runs).toFixed(1)} s (target < 10 s; runs ${runs.map((r) => r.toFixed(1)).join(', ')} s); server created ${stats.verificationsCreated}, outbox left ${JSON.stringify(outboxCounts(db))}`);
    console.log(`  store on disk after the pull and the first push: ${(storeBytes / 1024 / 1024).toFixed(1)} MiB (target < 250 MiB; encrypted, ${db.prepare('SELECT count(*) FROM cases').pluck().get()} cases, FTS index included)`);
    console.log(`  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
    db.close();
  } finally {
    await u.stop();
  }
}
