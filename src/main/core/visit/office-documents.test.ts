/**
 * Any window serves the documents of any other (issue 28): a grant issued at window 1 reaches the
 * authority with its PDF; the holder collects it at window 2, which takes the document (checked against
 * the SHA-256 window 1 sent), prints exactly that PDF, and records the proof of service, which the
 * authority takes. What cannot be proven the same document is not taken, and a void at the issuing
 * window follows the document to window 2.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/errors';
import type { DecisionView, ElsewhereView, VerificationView } from '../../../shared/verification';
import { DEMO_ROOTS } from '../../../../test/support/trust-roots';
import { createMemoryPrinters } from '../../platform/printers/memory';
import { createCore } from '../api/core';
import { getCase } from '../cases/cases';
import { demoCases } from '../demo/demo-cases';
import { decisionPdf, issueDecision, listDecisions, unservedDecisions, voidDecision } from '../documents/decisions';
import { documentCounts } from '../documents/register-counts';
import { documentsElsewhere, officeDocumentEvents, takeOfficeDocuments } from '../documents/office-documents';
import { updateSettings } from '../settings/settings';
import { createTrustedClock } from '../clock/trusted-clock';
import { createSyncService } from '../sync/service';
import { pushOutbox } from '../sync/push';
import { approve, client, events, NOW, runCleanups, TODAY, upstream, windowStore } from '../sync/test-sync';

afterEach(runCleanups);

const ok = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Window 1 approves a case and issues its grant; the authority takes both, with the grant's PDF. */
async function grantAtWindowOne() {
  const u = await upstream();
  const one = await windowStore(u, undefined, undefined, undefined, '1');
  const two = await windowStore(u, undefined, undefined, undefined, '2');
  for (const w of [one, two]) {
    const s = createSyncService({ db: w.db, events: events().events, clock: createTrustedClock(w.db), trustRoots: DEMO_ROOTS });
    await s.runNow();
    await s.stop();
  }
  const c = demoCases(TODAY).find((x) => x.status === 'awaiting_verification' && x.category !== 'A')!;
  const record = approve(one.db, c.noticeNo);
  const grant = await issueDecision(one.db, record.id, 'clerk1', new Date());
  expect(await pushOutbox(one.db, client(u, 5000, 'DEMO/1'), () => new Date())).toMatchObject({ refused: 0, failed: null });
  return { u, one, two, c, grant };
}

describe("serving another window's documents", () => {
  it('window 2 takes window 1\'s grant, prints exactly its PDF and serves it; the authority takes the proof of service; the register counts only what each window did', async () => {
    const { u, two, one, c, grant } = await grantAtWindowOne();
    const submitted: Buffer[] = [];
    const memory = createMemoryPrinters([{ name: 'Counter', isDefault: true }], { pollsToFinish: 1 });
    const printers = { ...memory.port, submit: (pdf: Buffer, printer: string, title: string) => (submitted.push(pdf), memory.port.submit(pdf, printer, title)) };
    const core = createCore({ db: two.db, version: 't', printers, trustRoots: DEMO_ROOTS });
    const s = core.openSession();
    ok(await core.call(s, 'session.signIn', { username: 'clerk', password: 'clerk-demo' }));

    const elsewhere = ok(await core.call(s, 'verification.elsewhere', { noticeNo: c.noticeNo })) as ElsewhereView;
    expect(elsewhere.documents).toEqual([{ number: grant.number, type: 'grant', workstation: 'DEMO/1', clerk: 'clerk1', at: grant.issuedAt, held: false, servedAt: null }]);

    const view = ok(await core.call(s, 'verification.takeFromOffice', { noticeNo: c.noticeNo })) as VerificationView;
    const taken = view.decisions.find((d) => d.number === grant.number)!;
    expect(taken).toMatchObject({ type: 'grant', workstation: 'DEMO/1', verificationId: null, issuedBy: 'clerk1', sha256: grant.sha256, voided: null, servedOn: null });
    // The very document window 1 issued, byte for byte.
    expect(decisionPdf(two.db, taken.id).pdf.equals(decisionPdf(one.db, grant.id).pdf)).toBe(true);
    expect(two.db.prepare("SELECT target FROM audit_log WHERE action = 'office-document.taken'").pluck().get()).toContain(`${grant.number} ${c.noticeNo} from DEMO/1`);
    // Taken once: asked again, nothing is left to take.
    expect(await core.call(s, 'verification.takeFromOffice', { noticeNo: c.noticeNo })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((ok(await core.call(s, 'verification.elsewhere', { noticeNo: c.noticeNo })) as ElsewhereView).documents[0]).toMatchObject({ held: true });
    // Not this window's to void.
    expect(() => voidDecision(two.db, taken.id, 'supervisor', 'wrong window', new Date())).toThrow(/issued at window DEMO\/1/);

    // Printed here: the original is window 1's PDF as issued.
    const printed = ok(await core.call(s, 'decisions.print', { id: taken.id })) as DecisionView;
    expect(printed.printed).toBe(true);
    expect(sha(submitted[0])).toBe(grant.sha256);
    const served = ok(await core.call(s, 'decisions.recordService', { documentIds: [taken.id], recipient: { kind: 'applicant', name: c.applicant.name }, method: 'window', signature: null })) as DecisionView;
    expect(served).toMatchObject({ type: 'service', serves: [grant.number], verificationId: null, workstation: null });
    await core.stop();

    expect(await pushOutbox(two.db, client(u, 5000, 'DEMO/2'), () => new Date())).toMatchObject({ refused: 0, failed: null });
    const stats = await u.stats();
    expect(stats.documentEventsCreated).toBe(1);
    // Window 1's next round: its grant was served at window 2, so its worklist no longer asks for that.
    expect(unservedDecisions(one.db).map((d) => d.number)).toEqual([grant.number]);
    const sync1 = createSyncService({ db: one.db, events: events().events, clock: createTrustedClock(one.db), trustRoots: DEMO_ROOTS });
    await sync1.runNow();
    await sync1.stop();
    expect(sync1.state().problems).toEqual([]);
    expect(unservedDecisions(one.db)).toEqual([]);
    expect(listDecisions(one.db, c.noticeNo)).toEqual([
      expect.objectContaining({ number: grant.number, workstation: null, servedOn: TODAY }),
      expect.objectContaining({ number: served.number, type: 'service', workstation: 'DEMO/2', serves: [grant.number] }),
    ]);

    // The register: the grant is window 1's issue; window 2 issued the proof of service only.
    const day = { from: `${TODAY}T00:00:00+08:00`, to: new Date(Date.now() + 86_400_000).toISOString() };
    const from = new Date(day.from).toISOString();
    expect(documentCounts(two.db, from, day.to).issued.map((x) => x.type)).toEqual(['service']);
    expect(documentCounts(one.db, from, day.to).issued.map((x) => x.type)).toEqual(['grant']);
  });

  it('a document whose PDF or content is not the one issued is not taken, and nothing is kept', async () => {
    const { u, two, c, grant } = await grantAtWindowOne();
    const history = await client(u, 5000, 'DEMO/2').caseHistory(c.noticeNo);
    const events = officeDocumentEvents(history);
    const wanted = documentsElsewhere(two.db, events, 'DEMO/2');
    const held = (await client(u, 5000, 'DEMO/2').caseDocument(c.noticeNo, grant.number)) as { pdf: string; content: Record<string, unknown> };
    const pdf = Buffer.from(held.pdf, 'base64');
    const altered = Buffer.from(pdf);
    altered[altered.length - 20] ^= 0x01;
    const cases = [
      { answer: { ...held, pdf: altered.toString('base64') }, why: /not the one that window issued/ },
      { answer: { ...held, content: { ...held.content, permitNo: 'SOMEONE-ELSE' } }, why: /content is of another document/ },
      { answer: { ...held, content: { ...held.content, type: 'refusal' } }, why: /content is of another document/ },
      { answer: { ...held, pdf: Buffer.from('not a pdf').toString('base64') }, why: /not its PDF/ },
      { answer: { ...held, content: { ...held.content, position: 'x'.repeat(300_000) } }, why: /larger than a document/ },
      { answer: null, why: /does not hold its PDF/ },
      { answer: { ...held, pdf: '*'.repeat(100) }, why: /does not hold its PDF/ },
    ];
    const c2 = getCase(two.db, c.noticeNo)!;
    for (const x of cases) {
      await expect(takeOfficeDocuments(two.db, c2, wanted, events, async () => x.answer, 'clerk', new Date())).rejects.toThrow(x.why);
    }
    expect(two.db.prepare('SELECT count(*) FROM decisions').pluck().get()).toBe(0);
    // A history event that cannot be read (its time is not a time) names no document.
    expect(officeDocumentEvents({ decisions: [{ ...(history.decisions[0] as object), at: 'yesterday' }], documents: [] })).toEqual([]);
    expect(two.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'office-document.taken'").pluck().get()).toBe(0);
    // The authority's own copy is the one issued.
    expect(await takeOfficeDocuments(two.db, c2, wanted, events, async () => held, 'clerk', new Date())).toEqual([grant.number]);
  });

  it('voided at window 1 after window 2 took it: void at window 2 too, with who voided it and where', async () => {
    const { u, one, two, c, grant } = await grantAtWindowOne();
    const core = createCore({ db: two.db, version: 't', trustRoots: DEMO_ROOTS });
    const s = core.openSession();
    ok(await core.call(s, 'session.signIn', { username: 'clerk', password: 'clerk-demo' }));
    ok(await core.call(s, 'verification.takeFromOffice', { noticeNo: c.noticeNo }));
    voidDecision(one.db, grant.id, 'supervisor1', 'Wrong position printed', new Date());
    expect(await pushOutbox(one.db, client(u, 5000, 'DEMO/1'), () => new Date())).toMatchObject({ refused: 0, failed: null });

    const elsewhere = ok(await core.call(s, 'verification.elsewhere', { noticeNo: c.noticeNo })) as ElsewhereView;
    expect(elsewhere.documents).toEqual([]);
    const view = ok(await core.call(s, 'verification.get', { noticeNo: c.noticeNo })) as VerificationView;
    expect(view.decisions.find((d) => d.number === grant.number)!.voided).toMatchObject({ by: 'supervisor1 (DEMO/1)', reason: 'Wrong position printed' });
    // Not counted as window 2's void.
    expect(documentCounts(two.db, '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z').voided).toEqual([]);
    await core.stop();
  });

  it('unlinked, the window says so and takes nothing', async () => {
    const { two, c } = await grantAtWindowOne();
    updateSettings(two.db, { upstreamUrl: '' }, 'test', NOW);
    const core = createCore({ db: two.db, version: 't', trustRoots: DEMO_ROOTS });
    const s = core.openSession();
    ok(await core.call(s, 'session.signIn', { username: 'clerk', password: 'clerk-demo' }));
    expect(await core.call(s, 'verification.takeFromOffice', { noticeNo: c.noticeNo })).toMatchObject({ ok: false, error: { code: 'not-linked' } });
    await core.stop();
  });
});
