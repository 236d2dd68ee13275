import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/errors';
import type { Method, Params, Result } from '../../../shared/handlers';
import type { VerificationDraft, VerificationView } from '../../../shared/verification';
import { createCore } from '../api/core';
import { chinaDate } from '../dates/calendar';
import { demoCases } from '../demo/demo-cases';
import { openDemoTestStore } from '../store/test-store';

const T0 = new Date('2026-11-23T02:00:00Z');
const cases = demoCases(chinaDate(T0));
const onTime = cases[0];
const overdue = cases[16];

async function signedIn(username: string) {
  const db = await openDemoTestStore(T0);
  const core = createCore({ db, version: 't', now: () => T0 });
  const session = core.openSession();
  await core.call(session, 'session.signIn', { username, password: `${username}-demo` });
  // The core answers untyped data (it crosses a wire); the test reads it as the contract types it.
  const typed = { call: <M extends Method>(_s: unknown, m: M, p: Params<M> | Record<string, unknown>) => core.call(session, m, p) as Promise<ApiResult<Result<M>>> };
  return { db, core: typed, session };
}

function allOriginals(view: VerificationView): VerificationDraft {
  return {
    materials: view.checklist.map((i) => ({ code: i.code, evidence: i.expected, fields: {}, note: '' })),
    qrText: null,
    cardReadId: null,
    mrz: null,
    photoCheckId: null,
    attendedBy: 'applicant',
    note: '',
  };
}

describe('a card read for the visit', () => {
  it('stays the draft’s evidence after a restart of the core and after five more reads, and reaches the record', async () => {
    const db = await openDemoTestStore(T0);
    const a = onTime.applicant;
    const card = { cardId: null, cardType: null, specVersion: null, issueDate: null, expiryDate: null, cardNumber: 'CARD-7', ssn: a.ssn, name: a.name, sex: a.sex === 'X' ? null : a.sex, birthDate: a.birthDate, psam: true };
    const open = async () => {
      const core = createCore({ db, version: 't', now: () => T0 });
      const session = core.openSession();
      await core.call(session, 'session.signIn', { username: 'clerk', password: 'clerk-demo' });
      return { core, call: <M extends Method>(m: M, p: Params<M> | Record<string, unknown>) => core.call(session, m, p) as Promise<ApiResult<Result<M>>> };
    };
    const first = await open();
    first.core.events.emit({ type: 'card.read', readId: 1, card });
    const v0 = await first.call('verification.get', { noticeNo: onTime.noticeNo });
    if (!v0.ok) throw new Error(v0.error.message);
    const draft = { ...allOriginals(v0.value), cardReadId: 1 };
    expect(await first.call('verification.saveDraft', { noticeNo: onTime.noticeNo, draft })).toMatchObject({ ok: true, value: { identity: { card: { cardNumber: 'CARD-7' } } } });
    // Five more reads: the core's memory of read 1 is gone; the draft keeps it.
    for (let id = 2; id <= 7; id++) first.core.events.emit({ type: 'card.read', readId: id, card: { ...card, cardNumber: `OTHER-${id}` } });
    expect(await first.call('verification.get', { noticeNo: onTime.noticeNo })).toMatchObject({ ok: true, value: { identity: { card: { cardNumber: 'CARD-7' } } } });
    // A restart: a new core on the same store knows no read at all.
    const again = await open();
    const v1 = await again.call('verification.get', { noticeNo: onTime.noticeNo });
    expect(v1).toMatchObject({ ok: true, value: { identity: { card: { cardNumber: 'CARD-7' } } } });
    // The card data itself never goes back to the screen in the draft.
    expect(JSON.stringify(v1.ok && v1.value.draft)).not.toContain('CARD-7');
    const signed = await again.call('verification.signOff', { noticeNo: onTime.noticeNo, caseVersion: onTime.version, outcome: 'approved', draft, reasons: [], supplements: [] });
    expect(signed).toMatchObject({ ok: true, value: { identity: { card: { cardNumber: 'CARD-7' } } } });
  });
});

describe('verification calls', () => {
  it('a supplement sign-off sent a hundred times at once (a double click, a repeated call) keeps one record and one upstream copy', async () => {
    const { db, core, session } = await signedIn('clerk');
    const v0 = await core.call(session, 'verification.get', { noticeNo: onTime.noticeNo });
    if (!v0.ok) throw new Error(v0.error.message);
    const draft = allOriginals(v0.value);
    draft.materials[0] = { ...draft.materials[0], evidence: 'missing' };
    const params = { noticeNo: onTime.noticeNo, caseVersion: onTime.version, outcome: 'supplement' as const, draft, reasons: [], supplements: ['护照原件 Original passport'] };
    const answers = await Promise.all(Array.from({ length: 100 }, () => core.call(session, 'verification.signOff', params)));
    const ids = new Set(answers.map((a) => (a.ok ? a.value.id : a.error.code)));
    expect(ids.size).toBe(1);
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM verifications WHERE notice_no = ?').pluck().get(onTime.noticeNo)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM outbox WHERE kind = 'verification'").pluck().get()).toBe(1);
  });

  it('a clerk saves a draft (kept for the next call), signs it off, and issues the decision', async () => {
    const { core, session } = await signedIn('clerk');
    const v0 = await core.call(session, 'verification.get', { noticeNo: onTime.noticeNo });
    if (!v0.ok) throw new Error(v0.error.message);
    expect(v0.value.draft).toBeNull();
    expect(v0.value.approvalBlockers).toEqual(['materials']);
    expect(v0.value.numbersLeft).toBe(999);
    const draft = allOriginals(v0.value);
    const saved = await core.call(session, 'verification.saveDraft', { noticeNo: onTime.noticeNo, draft });
    expect(saved).toMatchObject({ ok: true, value: { draft, approvalBlockers: [] } });
    const again = await core.call(session, 'verification.get', { noticeNo: onTime.noticeNo });
    expect(again).toMatchObject({ ok: true, value: { draft } });
    const record = await core.call(session, 'verification.signOff', { noticeNo: onTime.noticeNo, caseVersion: onTime.version, outcome: 'approved', draft, reasons: [], supplements: [] });
    if (!record.ok) throw new Error(record.error.message);
    const decision = await core.call(session, 'decisions.issue', { verificationId: record.value.id });
    expect(decision).toMatchObject({ ok: true, value: { number: '示人社外许字〔2026〕第000001号', printed: false } });
    const after = await core.call(session, 'verification.get', { noticeNo: onTime.noticeNo });
    expect(after).toMatchObject({ ok: true, value: { draft: null, records: [{ id: record.value.id }], numbersLeft: 998 } });
  });

  it("the photo's verdict is the core's, from the file's bytes: a client cannot write one into the draft", async () => {
    const { core, session } = await signedIn('clerk');
    const v0 = await core.call(session, 'verification.get', { noticeNo: onTime.noticeNo });
    if (!v0.ok) throw new Error(v0.error.message);
    const draft = allOriginals(v0.value);
    // A draft in the old shape, with a verdict of the client's own: refused, nothing saved.
    const forged = await core.call(session, 'verification.saveDraft', { noticeNo: onTime.noticeNo, draft: { ...draft, photo: { ok: true, problems: [] } } });
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await core.call(session, 'verification.get', { noticeNo: onTime.noticeNo })).toMatchObject({ ok: true, value: { draft: null } });
    // A PNG sent as the photo: the core's check says so, and keeps it for the draft to name.
    const png = await sharp({ create: { width: 390, height: 520, channels: 3, background: '#fff' } }).png().toBuffer();
    const check = await core.call(session, 'verification.checkPhoto', { noticeNo: onTime.noticeNo, base64: png.toString('base64') });
    expect(check).toMatchObject({ ok: true, value: { ok: false, problems: ['not-jpeg'], bytes: png.length } });
    if (!check.ok) throw new Error(check.error.message);
    const named = await core.call(session, 'verification.saveDraft', { noticeNo: onTime.noticeNo, draft: { ...draft, photoCheckId: check.value.id } });
    expect(named).toMatchObject({ ok: true, value: { photo: { id: check.value.id, ok: false }, approvalBlockers: ['materials'], problems: [{ code: 'photo', detail: 'not-jpeg' }] } });
    // Another case's check, or one that does not exist, counts as none.
    const other = await core.call(session, 'verification.checkPhoto', { noticeNo: cases[2].noticeNo, base64: png.toString('base64') });
    if (!other.ok) throw new Error(other.error.message);
    const borrowed = await core.call(session, 'verification.saveDraft', { noticeNo: onTime.noticeNo, draft: { ...draft, photoCheckId: other.value.id } });
    expect(borrowed).toMatchObject({ ok: true, value: { photo: null, approvalBlockers: [] } });
    const record = await core.call(session, 'verification.signOff', { noticeNo: onTime.noticeNo, caseVersion: onTime.version, outcome: 'approved', draft: { ...draft, photoCheckId: check.value.id }, reasons: [], supplements: [] });
    expect(record).toMatchObject({ ok: false, error: { code: 'approval-blocked' } });
  });

  it("an overdue case needs a supervisor's password and a written reason; a clerk's own password does not do", async () => {
    const { core, session } = await signedIn('clerk');
    const v = await core.call(session, 'verification.get', { noticeNo: overdue.noticeNo });
    if (!v.ok) throw new Error(v.error.message);
    const draft = allOriginals(v.value);
    const base = { noticeNo: overdue.noticeNo, caseVersion: overdue.version, outcome: 'approved' as const, draft, reasons: [], supplements: [] };
    expect(await core.call(session, 'verification.signOff', base)).toMatchObject({ ok: false, error: { code: 'approval-blocked' } });
    const reason = 'Entry stamp shows a later date; passport seen.';
    expect(await core.call(session, 'verification.signOff', { ...base, override: { username: 'clerk', password: 'clerk-demo', reason } })).toMatchObject({
      ok: false,
      error: { code: 'supervisor-required' },
    });
    expect(await core.call(session, 'verification.signOff', { ...base, override: { username: 'supervisor', password: 'wrong', reason } })).toMatchObject({
      ok: false,
      error: { code: 'wrong-credentials' },
    });
    expect(await core.call(session, 'verification.signOff', { ...base, override: { username: 'supervisor', password: 'supervisor-demo', reason: 'short' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', fields: ['override.reason'] },
    });
    const ok = await core.call(session, 'verification.signOff', { ...base, override: { username: 'supervisor', password: 'supervisor-demo', reason } });
    expect(ok).toMatchObject({ ok: true, value: { override: { by: 'supervisor', reason }, clerk: 'clerk' } });
  });

  it('police may not verify; a malformed draft changes nothing; an admin reserves numbers that do not overlap', async () => {
    const police = await signedIn('police');
    expect(await police.core.call(police.session, 'verification.get', { noticeNo: onTime.noticeNo })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { core, session } = await signedIn('clerk');
    const bad = await core.call(session, 'verification.saveDraft', { noticeNo: onTime.noticeNo, draft: { materials: [{ code: 'passport', evidence: 'looked-at' }] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await core.call(session, 'verification.get', { noticeNo: onTime.noticeNo })).toMatchObject({ ok: true, value: { draft: null } });
    const admin = await signedIn('admin');
    const year = Number(chinaDate(T0).slice(0, 4));
    expect(await admin.core.call(admin.session, 'decisions.addNumberBlock', { prefix: '示人社外许字', year, from: 500, to: 1500 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await admin.core.call(admin.session, 'decisions.addNumberBlock', { prefix: '示人社外许字', year, from: 1000, to: 1999 })).toMatchObject({ ok: true, value: { from: 1000, to: 1999, next: 1000 } });
    expect(await admin.core.call(admin.session, 'decisions.addNumberBlock', { prefix: '示人社外许字', year, from: 3000, to: 2000 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
