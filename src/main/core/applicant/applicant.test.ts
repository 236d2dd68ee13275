import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicantView } from '../../../shared/applicant';
import type { ApiResult } from '../../../shared/errors';
import type { CoreEvent } from '../../../shared/permit-qr';
import { createCore } from '../api/core';
import { demoCases } from '../demo/demo-cases';
import { pushOutbox } from '../sync/push';
import { client, runCleanups, TODAY, upstream, windowStore } from '../sync/test-sync';
import { reconcileSent, startReset } from '../sync/reconcile';
import { emptyDraft } from '../verification/drafts';
import { addressKey } from './displays';

afterEach(runCleanups);

async function windowWithDisplay() {
  const u = await upstream();
  const { db } = await windowStore(u);
  const core = createCore({ db, version: 't' });
  const clerk = core.openSession();
  await core.call(clerk, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
  const display = core.openSession();
  const heard: { who: string; e: CoreEvent }[] = [];
  core.events.subscribe((e) => {
    for (const [who, s] of [['clerk', clerk], ['display', display]] as const) {
      const out = core.eventFor(s, e);
      if (out?.type === 'applicant.changed') heard.push({ who, e: out });
    }
  });
  const ok = async <T>(p: Promise<ApiResult<unknown>>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  return { u, db, core, clerk, display, heard, ok };
}

const noticeNo = () => demoCases(TODAY).find((c) => c.category === 'B' && c.status === 'awaiting_verification')!.noticeNo;

describe("the applicant's display", () => {
  it('pairs once with the code from the clerk, shows only the open visit, and nothing once it ends', async () => {
    const { core, clerk, display, heard, ok } = await windowWithDisplay();
    const { code } = await ok<{ code: string }>(core.call(clerk, 'applicant.pair', {}));
    expect(code).toMatch(/^\d{6}$/);
    // Before pairing, the display may not look.
    expect(await core.call(display, 'applicant.view', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await ok<ApplicantView>(core.call(display, 'applicant.join', { code }))).state).toBe('idle');
    // The code is spent: a second screen cannot take it.
    const other = core.openSession();
    expect(await core.call(other, 'applicant.join', { code })).toMatchObject({ ok: false, error: { code: 'not-found', fields: ['code'] } });
    // A display is no window: it reaches no case.
    expect(await core.call(display, 'cases.search', { query: 'SMITH' })).toMatchObject({ ok: false, error: { code: 'signed-out' } });

    heard.length = 0;
    await ok(core.call(clerk, 'applicant.show', { noticeNo: noticeNo(), queueNo: 'a023' }));
    expect(heard.map((h) => h.who).sort()).toEqual(['clerk', 'display']);
    const view = await ok<Extract<ApplicantView, { state: 'visit' }>>(core.call(display, 'applicant.view', {}));
    expect(view).toMatchObject({ state: 'visit', noticeNo: noticeNo(), queueNo: 'A023', category: 'B', outcome: null, evaluation: 'not-asked' });
    expect(view.materials.find((m) => m.code === 'passport')?.state).toBe('to-check');

    // The checklist follows the clerk's draft as it is saved.
    await ok(core.call(clerk, 'verification.saveDraft', { noticeNo: noticeNo(), draft: { ...emptyDraft(), materials: [{ code: 'passport', evidence: 'original_seen', fields: {}, note: '' }] } }));
    const after = await ok<Extract<ApplicantView, { state: 'visit' }>>(core.call(display, 'applicant.view', {}));
    expect(after.materials.find((m) => m.code === 'passport')?.state).toBe('seen');

    await ok(core.call(clerk, 'applicant.show', { noticeNo: null }));
    expect(await ok<ApplicantView>(core.call(display, 'applicant.view', {}))).toEqual({ state: 'idle', office: expect.any(String), windowNo: '1' });
  });

  it('takes one evaluation per visit, a reason required for the two lowest grades; kept, audited, and sent upstream once', async () => {
    const { u, db, core, clerk, display, ok } = await windowWithDisplay();
    const { code } = await ok<{ code: string }>(core.call(clerk, 'applicant.pair', {}));
    await ok(core.call(display, 'applicant.join', { code }));
    await ok(core.call(clerk, 'applicant.show', { noticeNo: noticeNo() }));
    await ok(core.call(clerk, 'applicant.askEvaluation', {}));
    const view = await ok<Extract<ApplicantView, { state: 'visit' }>>(core.call(display, 'applicant.view', {}));
    expect(view.evaluation).toBe('asked');

    const low = await core.call(display, 'applicant.evaluate', { visitId: view.visitId, grade: 2, reasons: [] });
    expect(low).toMatchObject({ ok: false, error: { code: 'invalid-request', fields: ['reasons'] } });
    expect(db.prepare('SELECT count(*) FROM evaluations').pluck().get()).toBe(0);
    // The clerk cannot evaluate in the applicant's place.
    expect(await core.call(clerk, 'applicant.evaluate', { visitId: view.visitId, grade: 5, reasons: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const done = await ok<Extract<ApplicantView, { state: 'visit' }>>(core.call(display, 'applicant.evaluate', { visitId: view.visitId, grade: 2, reasons: ['waited-long', '等了很久'] }));
    expect(done.evaluation).toBe('done');
    expect(await core.call(display, 'applicant.evaluate', { visitId: view.visitId, grade: 5, reasons: [] })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await ok(core.call(clerk, 'applicant.status', {}))).toMatchObject({ paired: 1, evaluation: 'done', grade: 2 });

    const row = db.prepare('SELECT notice_no, grade, reasons, clerk, workstation FROM evaluations').get();
    expect(row).toEqual({ notice_no: noticeNo(), grade: 2, reasons: JSON.stringify(['waited-long', '等了很久']), clerk: 'clerk', workstation: 'DEMO/1' });
    const audit = db.prepare("SELECT actor, target FROM audit_log WHERE action = 'evaluation.recorded'").all() as { actor: string; target: string }[];
    expect(audit).toEqual([{ actor: 'applicant', target: `${noticeNo()} grade 2 (service of clerk)` }]);
    expect(audit[0].target).not.toContain('等了很久');

    // Sent to the reference server, and only once however often the round runs.
    expect((await pushOutbox(db, client(u), () => new Date())).sent).toBeGreaterThanOrEqual(1);
    await pushOutbox(db, client(u), () => new Date());
    expect((await u.stats()).evaluationsCreated).toBe(1);
    expect((await u.stats()).evaluationsReplayed).toBe(0);
    // Asked for by its key after a reset, the server has it: nothing is sent again.
    startReset(db, 'records-missing', new Date());
    await reconcileSent(db, client(u), () => new Date());
    await pushOutbox(db, client(u), () => new Date());
    expect((await u.stats()).evaluationsCreated).toBe(1);

    // The visit ended, a late tap is refused.
    await ok(core.call(clerk, 'applicant.show', { noticeNo: null }));
    expect(await core.call(display, 'applicant.evaluate', { visitId: view.visitId, grade: 5, reasons: [] })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it("keeps the clerk's code good whatever a stranger guesses, refuses the stranger, and tells only its own clerk of a change", async () => {
    const { core, clerk, display, heard, ok } = await windowWithDisplay();
    const { code } = await ok<{ code: string }>(core.call(clerk, 'applicant.pair', {}));
    const stranger = core.openSession('192.0.2.7');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => core.call(stranger, 'applicant.join', { code: String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0') })));
    expect(answers.every((a) => !a.ok)).toBe(true);
    expect(await core.call(stranger, 'applicant.join', { code })).toMatchObject({ ok: false, error: { code: 'too-many-attempts' } });
    // Another device of the same IPv6 /64 is the same guesser.
    expect(addressKey('2001:db8:1:2::a')).toBe(addressKey('2001:0db8:0001:0002:ffff:0:0:1'));
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    await ok(core.call(display, 'applicant.join', { code }));
    // Another clerk's visit is not this display's business.
    const colleague = core.openSession();
    await core.call(colleague, 'session.signIn', { username: 'supervisor', password: 'supervisor-demo' });
    heard.length = 0;
    await ok(core.call(colleague, 'applicant.show', { noticeNo: noticeNo() }));
    expect(heard).toEqual([]);
    expect((await ok<ApplicantView>(core.call(display, 'applicant.view', {}))).state).toBe('idle');
  });
});
