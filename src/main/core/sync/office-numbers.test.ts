/**
 * Numbers unique across the office (issue 28): every demo store starts with the same seeded blocks, so
 * a window linked to an authority sets them aside (said and audited) and numbers only from blocks the
 * authority reserved for its workstation. Two windows of one office, each linked to the reference
 * server, issue grants with no contact to it (offline), then send them: no number is issued twice and
 * the server refuses none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoCases } from '../demo/demo-cases';
import { createTrustedClock } from '../clock/trusted-clock';
import { issueDecision } from '../documents/decisions';
import { listNumberBlocks, numbersLeft } from '../documents/numbers';
import { getCase } from '../cases/cases';
import { approveWithAllOriginals } from '../verification/test-records';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';
import { pushOutbox } from './push';
import { createSyncService } from './service';
import { client, events, NOW, runCleanups, TODAY, upstream, windowStore } from './test-sync';

afterEach(runCleanups);

const YEAR = Number(TODAY.slice(0, 4));

describe('decision numbers across the windows of one office', () => {
  it('a linked window sets the demo numbers aside and numbers from its own reserved blocks; two windows issuing offline never issue the same number', async () => {
    const u = await upstream();
    const windows = [await windowStore(u, undefined, undefined, undefined, '1'), await windowStore(u, undefined, undefined, undefined, '2')];
    // Unlinked, a demo store numbers from its seed: the same 1–999 in every demo store.
    for (const w of windows) expect(listNumberBlocks(w.db).filter((b) => b.type === 'grant' && b.year === YEAR)).toMatchObject([{ source: 'demo', from: 1, to: 999, setAsideAt: null }]);

    for (const w of windows) {
      const sync = createSyncService({ db: w.db, events: events().events, clock: createTrustedClock(w.db), trustRoots: DEMO_ROOTS });
      await sync.runNow();
      await sync.stop();
      const grants = listNumberBlocks(w.db).filter((b) => b.type === 'grant' && b.year === YEAR);
      expect(grants.filter((b) => b.source === 'demo').every((b) => b.setAsideAt !== null)).toBe(true);
      expect(grants.some((b) => b.source === 'upstream' && b.setAsideAt === null)).toBe(true);
      // What is left is the reserved blocks' alone.
      expect(numbersLeft(w.db, YEAR)).toBe(grants.filter((b) => b.source === 'upstream').reduce((n, b) => n + b.to - b.next + 1, 0));
      const audit = w.db.prepare("SELECT target FROM audit_log WHERE action = 'decision-numbers.demo-set-aside'").pluck().all() as string[];
      expect(audit).toHaveLength(1);
      expect(audit[0]).toContain('grant');
    }

    // Offline: each window approves cases of its own and issues their grants without reaching the server.
    const open = demoCases(TODAY).filter((c) => c.status === 'awaiting_verification' && c.category !== 'A');
    expect(open.length).toBeGreaterThanOrEqual(4);
    const issued: string[][] = [];
    for (const [i, w] of windows.entries()) {
      const numbers: string[] = [];
      for (const c of open.slice(i * 2, i * 2 + 2)) {
        const record = approveWithAllOriginals(w.db, getCase(w.db, c.noticeNo)!, { now: NOW });
        numbers.push((await issueDecision(w.db, record.id, 'clerk', NOW)).number);
      }
      issued.push(numbers);
    }
    const all = issued.flat();
    expect(new Set(all).size).toBe(all.length);

    // Then both send what they did: the server takes every grant, refusing no number as already issued.
    for (const [i] of windows.entries()) {
      const sent = await pushOutbox(windows[i].db, client(u, 2000, `DEMO/${i + 1}`), () => NOW);
      expect(sent, `window ${i + 1}`).toMatchObject({ refused: 0, failed: null });
    }
  }, 60_000);
});
