import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PermitCase } from '../../../shared/cases';
import type { SignatureStrokes } from '../../../shared/verification';
import { pdfInkPixels, pdfText } from '../../../../test/support/pdf-text';
import { verifyAudit } from '../audit/audit';
import { caseView } from '../case-view/case-view';
import { lastDayToBring } from '../cases/deadlines';
import { getCase, saveCase } from '../cases/cases';
import { openTestStore } from '../store/test-store';
import { dueEntries } from '../outbox/outbox';
import { signOff } from '../verification/records';
import { getDraft } from '../verification/drafts';
import { allOriginalsDraft, windowCase } from '../verification/test-records';
import { decisionPdf, decisionRow, hasLiveDecision, issueDecision, issueRefusal, issueSupplementNotice, listDecisions, recordService, voidDecision } from './decisions';
import { addNumberBlock, numbersLeft } from './numbers';
import { renderDocumentPdf, type ServiceContent } from './render-document';

/** The refusal, the supplement notice and the proof of service: numbered, archived, read back by poppler, and what they change. */
const NOW = new Date('2026-11-23T02:00:00Z');
const TODAY = '2026-11-23';

const theCase: PermitCase = windowCase(TODAY);
const ctx = { actor: 'clerk', now: NOW, today: TODAY, cardRead: () => null, liveDecisionOn: (id: string) => hasLiveDecision(db, id) };
const sign = (c: PermitCase, over: Partial<Parameters<typeof signOff>[1]>) =>
  signOff(db, { noticeNo: c.noticeNo, caseVersion: getCase(db, c.noticeNo)!.version, outcome: 'approved', draft: allOriginalsDraft(c), reasons: [], supplements: [], override: null, correctionOf: null, ...over }, ctx);
const bringBy = (c: PermitCase, today: string) => lastDayToBring(c, today);

/** The document's text as poppler reads it, without the spaces and line breaks its layout puts in. */
function textOf(id: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'acw-document-')), 'd.pdf');
  writeFileSync(file, decisionPdf(db, id).pdf);
  return flat(pdfText(file));
}
const flat = (s: string) => s.replace(/\s+/g, '');
const expectAll = (text: string, parts: string[]) => {
  for (const s of parts) expect(text).toContain(flat(s));
};

let db: Database;
beforeEach(() => {
  db = openTestStore();
  saveCase(db, theCase);
  for (const [type, prefix] of [['grant', '京人社外许字'], ['refusal', '京人社外不许字'], ['supplement', '京人社外补字'], ['service', '京人社外送字']] as const) {
    addNumberBlock(db, { type, prefix, year: 2026, from: 7, to: 9 });
  }
});

describe('the refusal decision', () => {
  it('says the reasons as the clerk wrote them, the basis, and where and within what time to seek reconsideration or sue; numbered from its own block', async () => {
    const r = sign(theCase, { outcome: 'rejected', reasons: ['劳动合同岗位与许可岗位不一致 The contract names another position', 'Employer address differs from the licence'] });
    const d = await issueRefusal(db, r.id, 'clerk', NOW);
    expect(d).toMatchObject({ type: 'refusal', number: '京人社外不许字〔2026〕第000007号', verificationId: r.id });
    expect(numbersLeft(db, 2026, 'refusal')).toBe(2);
    expect(numbersLeft(db, 2026, 'grant')).toBe(3);
    expectAll(textOf(d.id), ['不予行政许可决定书', 'Decision Not to Grant Administrative Licence', d.number, theCase.applicant.name, theCase.applicant.passportNo, theCase.noticeNo,
      '1. 劳动合同岗位与许可岗位不一致 The contract names another position', '2. Employer address differs from the licence', '第三十八条第二款', '第四十一条',
      '六十日内向示范市人民政府申请行政复议', '六个月内向示范市人民路区人民法院提起行政诉讼', 'within 60 days', 'within 6 months', '2026年11月23日']);
    expect(dueEntries(db, NOW).filter((e) => e.kind === 'document').map((e) => e.body)).toEqual([expect.objectContaining({ type: 'refusal', number: d.number, kind: 'issued', caseNo: theCase.noticeNo, pdfSha256: d.sha256 })]);
    await expect(issueRefusal(db, r.id, 'clerk', NOW)).rejects.toMatchObject({ code: 'conflict' });
    voidDecision(db, d.id, 'supervisor', 'The second reason was wrong', NOW);
    expect(getCase(db, theCase.noticeNo)!.status).toBe('rejected');
    expect((await issueRefusal(db, r.id, 'clerk', NOW)).number).toBe('京人社外不许字〔2026〕第000008号');
    expect(verifyAudit(db)).toBeNull();
  });

  it('is issued only on the newest record that rejects', async () => {
    const approved = sign(theCase, {});
    await expect(issueRefusal(db, approved.id, 'clerk', NOW)).rejects.toMatchObject({ code: 'conflict' });
    const rejected = sign(theCase, { outcome: 'rejected', reasons: ['Forged contract'], correctionOf: approved.id });
    const corrected = sign(theCase, { correctionOf: rejected.id });
    await expect(issueRefusal(db, rejected.id, 'clerk', NOW)).rejects.toMatchObject({ code: 'conflict' });
    expect(corrected.outcome).toBe('approved');
  });
});

describe('the supplement notice', () => {
  const missingPassport = () => {
    const draft = allOriginalsDraft(theCase);
    draft.materials[0] = { ...draft.materials[0], evidence: 'missing', note: 'only a photocopy brought' };
    return draft;
  };

  it('lists each material and what is wrong, once, with the last day: the 30-day window\'s when it ends first', async () => {
    const r = sign(theCase, { outcome: 'supplement', draft: missingPassport(), supplements: ['护照 Passport: 原件未带 the original was not brought', '体检证明 Medical report: 已过期 expired'] });
    const d = await issueSupplementNotice(db, r.id, bringBy, 'clerk', NOW);
    expect(d).toMatchObject({ type: 'supplement', number: '京人社外补字〔2026〕第000007号' });
    // Entered 2026-11-10: the 30-day window's last day is 2026-12-10; the notice (issued 2026-09-01, 6 months) runs to 2027-02-28.
    expectAll(textOf(d.id), ['补正材料通知书', 'Notice to Supplement Materials', d.number, '第三十二条', '一次性告知', '1. 护照 Passport: 原件未带 the original was not brought', '2. 体检证明 Medical report: 已过期 expired', '2026年12月10日（含当日）前', 'on or before 2026-12-10', '周一至周五']);
    await expect(issueSupplementNotice(db, r.id, bringBy, 'clerk', NOW)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('gives the notice\'s end of validity as the last day when that comes first, and the day itself at the boundary', () => {
    // Issued 2026-06-11 for 6 months: valid to 2026-12-11; entered 2026-11-20: the window's last day is 2026-12-20.
    expect(lastDayToBring({ ...theCase, entryDate: '2026-11-20', notice: { ...theCase.notice!, issuedOn: '2026-06-11' } }, TODAY)).toBe('2026-12-11');
    // Both end on the same day.
    expect(lastDayToBring({ ...theCase, entryDate: '2026-11-11', notice: { ...theCase.notice!, issuedOn: '2026-06-11' } }, TODAY)).toBe('2026-12-11');
    // One day either side of the boundary.
    expect(lastDayToBring({ ...theCase, entryDate: '2026-11-12', notice: { ...theCase.notice!, issuedOn: '2026-06-11' } }, TODAY)).toBe('2026-12-11');
    expect(lastDayToBring({ ...theCase, entryDate: '2026-11-10', notice: { ...theCase.notice!, issuedOn: '2026-06-11' } }, TODAY)).toBe('2026-12-10');
    expect(lastDayToBring({ ...theCase, entryDate: null, notice: undefined }, TODAY)).toBeNull();
  });

  it('the applicant\'s return opens the same case\'s verification again, filled in from the request, and then it can be approved', async () => {
    const draft = missingPassport();
    const r = sign(theCase, { outcome: 'supplement', draft, supplements: ['护照原件 Original passport'] });
    const reopened = getDraft(db, theCase.noticeNo)!;
    expect(reopened).toMatchObject({ returningFrom: r.id, materials: draft.materials, cardReadId: null, mrz: null });
    expect(getCase(db, theCase.noticeNo)!.status).toBe('awaiting_verification');
    const back = { ...reopened, materials: reopened.materials.map((m, i) => (i === 0 ? { ...m, evidence: allOriginalsDraft(theCase).materials[0].evidence, note: '' } : m)) };
    const approved = sign(theCase, { draft: back });
    expect(approved.outcome).toBe('approved');
    expect(getDraft(db, theCase.noticeNo)).toBeNull();
    expect(getCase(db, theCase.noticeNo)!.status).toBe('verified');
  });
});

describe('the proof of service', () => {
  const X: SignatureStrokes = { width: 300, height: 100, strokes: [[[5, 5], [150, 50], [295, 95]], [[295, 5], [150, 50], [5, 95]], [[140, 20]]] };

  it('names the documents served with their numbers, the recipient, the method, the date and the server; the signature drawn on screen is in the PDF', async () => {
    const grant = await issueDecision(db, sign(theCase, {}).id, 'clerk', NOW);
    const served = await recordService(db, { documentIds: [grant.id], recipient: { kind: 'applicant', name: theCase.applicant.name }, method: 'window', signature: X, server: 'Li Na' }, 'clerk', NOW);
    expect(served).toMatchObject({ type: 'service', number: '京人社外送字〔2026〕第000007号', serves: [grant.number] });
    expectAll(textOf(served.id), ['送达回证', 'Proof of Service', served.number, grant.number, '准予行政许可决定书', theCase.applicant.name, '直接送达', '2026年11月23日', 'Li Na', 'Signed on screen']);
    expect(listDecisions(db, theCase.noticeNo).find((d) => d.id === grant.id)!.servedOn).toBe(TODAY);
    expect(caseView(db, getCase(db, theCase.noticeNo)!, NOW).clocks.service).toMatchObject({ from: TODAY, doneOn: TODAY, state: 'met' });
    expect(dueEntries(db, NOW).find((e) => e.kind === 'document')!.body).toMatchObject({ type: 'service', served: [grant.number], recipient: theCase.applicant.name, method: 'window' });
    await expect(recordService(db, { documentIds: [grant.id], recipient: { kind: 'applicant', name: 'x' }, method: 'window', signature: null, server: 'Li Na' }, 'clerk', NOW)).rejects.toMatchObject({ code: 'conflict' });

    // The same proof signed on paper: the box is left empty, so the drawn strokes are what differs.
    voidDecision(db, served.id, 'supervisor', 'Recorded against the wrong recipient', NOW);
    expect(caseView(db, getCase(db, theCase.noticeNo)!, NOW).clocks.service).toMatchObject({ doneOn: null, state: 'running' });
    const paper = await recordService(db, { documentIds: [grant.id], recipient: { kind: 'applicant', name: theCase.applicant.name }, method: 'window', signature: null, server: 'Li Na' }, 'clerk', NOW);
    expectAll(textOf(paper.id), ['Please sign in this box']);
    // The strokes are drawn: against the same proof with a signature of one short stroke, the X adds its two long lines.
    const content = JSON.parse(decisionRow(db, served.id).content) as ServiceContent;
    const short: SignatureStrokes = { width: 300, height: 100, strokes: [[[150, 50], [151, 50]]] };
    const dot = (await renderDocumentPdf({ ...content, signature: short })).pdf;
    const added = pdfInkPixels(decisionPdf(db, served.id).pdf) - pdfInkPixels(dot);
    // Two diagonals of about 210 pt each at 72 dpi, one and a half pixels wide: some 600 pixels of ink.
    expect(added).toBeGreaterThan(450);
    expect(verifyAudit(db)).toBeNull();
  });

  it('an agent receives with an identity document and a power of attorney; a proof covers live documents of one case, never itself', async () => {
    const grant = await issueDecision(db, sign(theCase, {}).id, 'clerk', NOW);
    await expect(recordService(db, { documentIds: [grant.id], recipient: { kind: 'agent', name: '王五' }, method: 'window', signature: null, server: 'Li Na' }, 'clerk', NOW)).rejects.toMatchObject({ code: 'invalid-request' });
    const agent = { kind: 'agent' as const, name: '王五', agentIdType: '居民身份证', agentIdNo: '110101199001011234', powerOfAttorney: '授权委托书 2026-11-20' };
    const served = await recordService(db, { documentIds: [grant.id], recipient: agent, method: 'window', signature: null, server: 'Li Na' }, 'clerk', NOW);
    expectAll(textOf(served.id), ['王五（代收人 agent，居民身份证 110101199001011234；授权委托书 power of attorney: 授权委托书 2026-11-20）']);
    await expect(recordService(db, { documentIds: [served.id], recipient: agent, method: 'window', signature: null, server: 'Li Na' }, 'clerk', NOW)).rejects.toMatchObject({ code: 'invalid-request' });
    const other = { ...theCase, noticeNo: 'WPN-OTHER-0001', permitNo: 'P-OTHER' };
    saveCase(db, other);
    const otherGrant = await issueDecision(db, sign(other, {}).id, 'clerk', NOW);
    voidDecision(db, served.id, 'supervisor', 'Test of a proof across cases', NOW);
    await expect(recordService(db, { documentIds: [grant.id, otherGrant.id], recipient: agent, method: 'window', signature: null, server: 'Li Na' }, 'clerk', NOW)).rejects.toMatchObject({ code: 'invalid-request' });
    voidDecision(db, otherGrant.id, 'supervisor', 'Test of serving a void one', NOW);
    await expect(recordService(db, { documentIds: [otherGrant.id], recipient: agent, method: 'window', signature: null, server: 'Li Na' }, 'clerk', NOW)).rejects.toMatchObject({ code: 'conflict' });
  });
});
