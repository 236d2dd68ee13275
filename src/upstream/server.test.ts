/**
 * The reference server against the contract (shared/specs/upstream-api.md), over HTTP as any client
 * meets it: what a Verification may leave out, cursors that belong to the database that issued them,
 * records looked up by id, and decisions refused where the case's record was.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startUpstream, type RunningUpstream } from '../../test/support/upstream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const servers: RunningUpstream[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});
async function server() {
  const u = await startUpstream({ casesPath: SEED });
  servers.push(u);
  return u;
}

/**
 * The server's cases for these tests, written from upstream-api.md's Case (nothing of the app's demo):
 * sixteen notices awaiting verification at the DEMO office (more than a page of ten).
 */
const cases = Array.from({ length: 16 }, (_, i) => ({
  noticeNo: `WPN1101052026${String(i + 1).padStart(5, '0')}`,
  permitNo: `9110105202600${String(i + 1).padStart(8, '0')}`,
  category: 'B',
  status: 'awaiting_verification',
  applicant: { name: `TESTER,CASE ${i + 1}`, nameZh: null, nationality: 'GBR', sex: 'F', birthDate: '1990-04-12', passportNo: `P${String(i + 1).padStart(8, '0')}`, ssn: null },
  employer: { name: 'Example Ltd', uscc: '91110000MA01ABCD1X', address: 'Beijing' },
  entryDate: '2026-11-20',
  medical: { kind: 'commitment', issuedOn: null, issuer: null },
  version: 1,
  updatedAt: '2026-11-20T02:00:00Z',
}));
const SEED = join(mkdtempSync(join(tmpdir(), 'acw-upstream-test-')), 'cases.json');
writeFileSync(SEED, JSON.stringify(cases));

function as(u: RunningUpstream, workstation = 'DEMO/1') {
  const headers = { Authorization: `Bearer ${u.tokens[workstation]}`, 'X-Workstation': workstation, 'Content-Type': 'application/json' };
  return {
    get: async (path: string) => {
      const r = await fetch(`${u.url}${path}`, { headers });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    },
    post: async (path: string, body: unknown, key: string = randomUUID()) => {
      const r = await fetch(`${u.url}${path}`, { method: 'POST', headers: { ...headers, 'Idempotency-Key': key }, body: JSON.stringify(body) });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    },
  };
}

/** The least the contract requires of a Verification. */
const minimal = (noticeNo: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  noticeNo,
  caseVersion: 1,
  outcome: 'approved',
  materials: [{ code: 'passport', evidence: 'original_seen' }],
  reasons: [],
  clerk: 'clerk',
  at: new Date().toISOString(),
  workstation: 'DEMO/1',
  ...extra,
});

describe('the reference server takes every record the contract allows', () => {
  it('a verification with no QR, no card, no MRZ, no fields and no note; with nulls; with fields it does not know', async () => {
    const u = await server();
    const w = as(u);
    expect((await w.post('/v1/verifications', minimal(cases[0].noticeNo))).status).toBe(201);
    const withNulls = minimal(cases[2].noticeNo, { identity: { qr: null, card: null, mrz: null }, override: null, materials: [{ code: 'passport', evidence: 'missing', fields: null, note: null }], outcome: 'supplement', reasons: ['Original passport'] });
    expect((await w.post('/v1/verifications', withNulls)).status).toBe(201);
    const newer = minimal(cases[4].noticeNo, { identity: { qr: 'VALID', face: 'matched' }, channel: 'window', materials: [{ code: 'passport', evidence: 'original_seen', scanned: true }] });
    expect((await w.post('/v1/verifications', newer)).status).toBe(201);
  });

  it('refuses, with 422 and the field, what the contract requires: reasons for a rejection, a clerk, a known evidence', async () => {
    const u = await server();
    const w = as(u);
    const noReasons = await w.post('/v1/verifications', minimal(cases[0].noticeNo, { outcome: 'rejected' }));
    expect(noReasons).toMatchObject({ status: 422, body: { errors: [expect.stringContaining('reasons')] } });
    const noClerk: Record<string, unknown> = minimal(cases[0].noticeNo);
    delete noClerk.clerk;
    expect(await w.post('/v1/verifications', noClerk)).toMatchObject({ status: 422, body: { errors: [expect.stringContaining('clerk')] } });
    expect((await w.post('/v1/verifications', minimal(cases[0].noticeNo, { materials: [{ code: 'passport', evidence: 'seen' }] }))).status).toBe(422);
    expect((await u.stats()).verificationsCreated).toBe(0);
  });

  it('gives back a record it holds by id (this office only), and 404 for one it does not', async () => {
    const u = await server();
    const v = minimal(cases[0].noticeNo);
    await as(u).post('/v1/verifications', v);
    expect(await as(u).get(`/v1/verifications/${v.id}`)).toMatchObject({ status: 200, body: { id: v.id, noticeNo: v.noticeNo } });
    expect((await as(u).get(`/v1/verifications/${randomUUID()}`)).status).toBe(404);
    expect((await as(u, 'BJHD/1').get(`/v1/verifications/${v.id}`)).status).toBe(404);
  });
});

describe('cursors belong to the database that issued them', () => {
  it('garbage, a cursor of another server and one never issued get 410; an issued one pages on', async () => {
    const a = await server();
    const b = await server();
    const first = await as(a).get('/v1/cases?limit=10');
    expect(first).toMatchObject({ status: 200, body: { more: true } });
    const cursor = String(first.body.next);
    expect((await as(a).get(`/v1/cases?since=${encodeURIComponent(cursor)}&limit=10`)).status).toBe(200);
    for (const foreign of ['garbage', 'c12', '999999', `${cursor.split('.')[0]}.forged`]) {
      expect((await as(a).get(`/v1/cases?since=${encodeURIComponent(foreign)}`)).status).toBe(410);
    }
    // The same place in another server's database is not that server's cursor.
    await as(b).get('/v1/cases?limit=10');
    expect((await as(b).get(`/v1/cases?since=${encodeURIComponent(cursor)}`)).status).toBe(410);
    // Nor is it another office's.
    expect((await as(a, 'BJHD/1').get(`/v1/cases?since=${encodeURIComponent(cursor)}`)).status).toBe(410);
  });
});

describe("decision events follow the case's record", () => {
  it('409 for a decision on a case whose verification was refused, or that was never verified here; 201 after an approval', async () => {
    const u = await server();
    const w = as(u);
    const event = (caseNo: string, number: string) => ({ number, caseNo, kind: 'issued', pdfSha256: 'a'.repeat(64), at: new Date().toISOString(), clerk: 'clerk' });
    await u.control(`/_test/cases/${cases[0].noticeNo}`, { status: 'withdrawn' });
    expect(await w.post('/v1/verifications', minimal(cases[0].noticeNo))).toMatchObject({ status: 409, body: { reason: 'withdrawn' } });
    expect(await w.post('/v1/decisions', event(cases[0].noticeNo, 'N-1'))).toMatchObject({ status: 409 });
    expect(await w.post('/v1/decisions', event(cases[2].noticeNo, 'N-2'))).toMatchObject({ status: 409, body: { reason: 'not-verified' } });
    expect((await w.post('/v1/verifications', minimal(cases[2].noticeNo))).status).toBe(201);
    expect((await w.post('/v1/decisions', event(cases[2].noticeNo, 'N-2'))).status).toBe(201);
    expect((await u.stats()).decisionEventsCreated).toBe(1);
  });
});

describe("an issued document's PDF, for the office's other windows (the window's addition)", () => {
  it('keeps a PDF that hashes to pdfSha256 and refuses one that does not; the history leaves it out and names the window; the document is served by number to the office alone', async () => {
    const u = await server();
    const w = as(u);
    const pdf = Buffer.from('%PDF-1.7 a decision');
    const sha = createHash('sha256').update(pdf).digest('hex');
    const event = (number: string, extra: Record<string, unknown>) => ({ number, caseNo: cases[3].noticeNo, kind: 'issued', pdfSha256: sha, at: new Date().toISOString(), clerk: 'clerk', ...extra });
    expect((await w.post('/v1/verifications', minimal(cases[3].noticeNo))).status).toBe(201);
    expect(await w.post('/v1/decisions', event('N-10', { pdf: Buffer.from('%PDF-1.7 another').toString('base64'), content: { number: 'N-10' } }))).toMatchObject({ status: 422, body: { errors: ['pdf: does not hash to pdfSha256'] } });
    expect((await w.post('/v1/decisions', event('N-10', { pdf: pdf.toString('base64'), content: { number: 'N-10', permitNo: cases[3].permitNo } }))).status).toBe(201);

    const history = await as(u, 'DEMO/2').get(`/v1/cases/${cases[3].noticeNo}/history`);
    expect(history.body.decisions).toEqual([expect.objectContaining({ number: 'N-10', workstation: 'DEMO/1', pdfHeld: true })]);
    expect(JSON.stringify(history.body)).not.toContain(pdf.toString('base64'));
    expect(await as(u, 'DEMO/2').get(`/v1/cases/${cases[3].noticeNo}/documents/N-10`)).toMatchObject({ status: 200, body: { number: 'N-10', pdf: pdf.toString('base64'), content: { number: 'N-10' }, workstation: 'DEMO/1' } });
    expect((await as(u, 'DEMO/2').get(`/v1/cases/${cases[3].noticeNo}/documents/N-11`)).status).toBe(404);
    expect((await as(u, 'BJHD/1').get(`/v1/cases/${cases[3].noticeNo}/documents/N-10`)).status).toBe(404);
  });
});

describe('other documents (POST /v1/documents) follow the case too', () => {
  it('a refusal after a rejection, a supplement notice after a request, a proof of service of issued documents; numbers by type', async () => {
    const u = await server();
    const w = as(u);
    const at = new Date().toISOString();
    const doc = (type: string, caseNo: string, number: string, extra: Record<string, unknown> = {}) => ({ type, number, caseNo, kind: 'issued', pdfSha256: 'b'.repeat(64), at, clerk: 'clerk', ...extra });
    const [a, b] = [cases[0].noticeNo, cases[2].noticeNo];
    expect(await w.post('/v1/documents', doc('refusal', a, 'R-1'))).toMatchObject({ status: 409, body: { reason: 'not-rejected' } });
    expect((await w.post('/v1/verifications', minimal(a, { outcome: 'rejected', reasons: ['Forged contract'] }))).status).toBe(201);
    expect((await w.post('/v1/documents', doc('refusal', a, 'R-1'))).status).toBe(201);
    expect(await w.post('/v1/documents', doc('refusal', a, 'R-1'))).toMatchObject({ status: 409, body: { reason: 'number-already-issued' } });
    // A proof of service names what it served, to whom and how; one of a document the server does not know is refused.
    expect(await w.post('/v1/documents', doc('service', a, 'S-1'))).toMatchObject({ status: 422 });
    expect(await w.post('/v1/documents', doc('service', a, 'S-1', { served: ['R-9'], recipient: 'SMITH', method: 'window' }))).toMatchObject({ status: 409, body: { reason: 'served-document-unknown' } });
    expect((await w.post('/v1/documents', doc('service', a, 'S-1', { served: ['R-1'], recipient: 'SMITH', method: 'window' }))).status).toBe(201);
    expect((await w.post('/v1/documents', { ...doc('refusal', a, 'R-1'), kind: 'reprint' })).status).toBe(201);
    expect(await w.post('/v1/documents', { ...doc('refusal', a, 'R-7'), kind: 'void', reason: 'wrong' })).toMatchObject({ status: 409, body: { reason: 'no-such-document' } });
    expect(await w.post('/v1/documents', doc('supplement', b, 'B-1'))).toMatchObject({ status: 409, body: { reason: 'no-supplement-request' } });
    expect((await w.post('/v1/verifications', minimal(b, { outcome: 'supplement', reasons: ['Original passport'] }))).status).toBe(201);
    expect((await w.post('/v1/documents', doc('supplement', b, 'B-1'))).status).toBe(201);
    expect(await w.post('/v1/documents', doc('permit', b, 'B-2'))).toMatchObject({ status: 422 });
    expect((await u.stats()).documentEventsCreated).toBe(4);

    const grant = await w.post('/v1/decision-numbers', { year: 2026, count: 5 });
    const refusal = await w.post('/v1/decision-numbers', { year: 2026, count: 5, type: 'refusal' });
    expect(grant.body).toMatchObject({ prefix: '示人社外许字', from: 1000, to: 1004 });
    expect(refusal.body).toMatchObject({ prefix: '示人社外不许字', from: 1000, to: 1004 });
    expect((await w.post('/v1/decision-numbers', { year: 2026, count: 5, type: 'permit' })).status).toBe(422);
  });
});

describe('images of originals (POST /v1/evidence, GET /v1/evidence/{id})', () => {
  const image = (bytes: Buffer, over: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    verificationId: randomUUID(),
    noticeNo: cases[0].noticeNo,
    material: 'passport',
    mime: 'image/jpeg',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    data: bytes.toString('base64'),
    capturedAt: '2026-12-07T02:00:00Z',
    device: 'a document camera',
    workstation: 'DEMO/1',
    ...over,
  });

  it('keeps an image once by its id, answers what it holds, and refuses one whose hash is not its bytes or that is over 4 MiB', async () => {
    const u = await server();
    const api = as(u);
    const bytes = Buffer.from('\xff\xd8 a picture, as far as the server is concerned');
    const body = image(bytes);
    expect(await api.post('/v1/evidence', body, body.id)).toMatchObject({ status: 201, body: { id: body.id, sha256: body.sha256, size: bytes.length } });
    expect(await api.post('/v1/evidence', body, body.id)).toMatchObject({ status: 200, body: { id: body.id, sha256: body.sha256 } });
    expect(await api.get(`/v1/evidence/${body.id}`)).toEqual({ status: 200, body: { id: body.id, sha256: body.sha256, size: bytes.length } });
    expect((await api.get(`/v1/evidence/${randomUUID()}`)).status).toBe(404);
    // Another office's window does not see it.
    expect((await as(u, 'BJHD/1').get(`/v1/evidence/${body.id}`)).status).toBe(404);
    expect((await api.post('/v1/evidence', image(bytes, { sha256: 'a'.repeat(64) }))).status).toBe(422);
    expect((await api.post('/v1/evidence', { ...body, data: Buffer.from('other bytes').toString('base64'), sha256: createHash('sha256').update('other bytes').digest('hex') }, body.id)).status).toBe(422);
    const big = Buffer.alloc(4 * 1024 * 1024 + 10, 7);
    expect((await api.post('/v1/evidence', image(big))).status).toBe(413);
    expect((await api.post('/v1/evidence', image(bytes, { noticeNo: 'NO-SUCH-CASE' }))).status).toBe(422);
    expect(await u.stats()).toMatchObject({ evidenceCreated: 1, evidenceReplayed: 1 });
  });
});

describe('follow-ups of dissatisfied evaluations (POST /v1/evaluation-follow-ups, GET …/{key})', () => {
  it('keeps one per dissatisfied evaluation of this office, by the evaluation id; refuses one of a good grade, an unknown evaluation, or missing parts', async () => {
    const u = await server();
    const w = as(u);
    const caseNo = cases[0].noticeNo;
    const evaluation = (grade: number) => ({ id: randomUUID(), caseNo, grade, reasons: grade <= 2 ? ['waited-long'] : [], at: new Date().toISOString(), workstation: 'DEMO/1' });
    const bad = evaluation(2);
    const good = evaluation(5);
    expect((await w.post('/v1/evaluations', bad)).status).toBe(201);
    expect((await w.post('/v1/evaluations', good)).status).toBe(201);
    const followUp = (evaluationId: string, over: Record<string, unknown> = {}) => ({
      evaluationId,
      caseNo,
      dueDay: '2026-12-28',
      checked: 'The queue log',
      putRight: 'A second clerk at peak hours',
      callback: { on: '2026-12-10', how: 'phone', said: 'Satisfied' },
      closedAt: new Date().toISOString(),
      closedBy: 'supervisor',
      workstation: 'DEMO/1',
      ...over,
    });
    expect(await w.post('/v1/evaluation-follow-ups', followUp(randomUUID()))).toMatchObject({ status: 422 });
    expect(await w.post('/v1/evaluation-follow-ups', followUp(good.id))).toMatchObject({ status: 409, body: { reason: 'not-dissatisfied' } });
    expect(await w.post('/v1/evaluation-follow-ups', followUp(bad.id, { callback: { on: '2026-12-10', how: 'pigeon', said: 'x' } }))).toMatchObject({ status: 422 });
    expect(await w.post('/v1/evaluation-follow-ups', followUp(bad.id, { putRight: ' ' }))).toMatchObject({ status: 422 });
    const body = followUp(bad.id);
    expect((await w.post('/v1/evaluation-follow-ups', body, `follow-up-${bad.id}`)).status).toBe(201);
    // The same again (a lost answer) is taken as a replay; another key for the same evaluation is refused.
    expect((await w.post('/v1/evaluation-follow-ups', body, `follow-up-${bad.id}`)).status).toBe(200);
    expect(await w.post('/v1/evaluation-follow-ups', body)).toMatchObject({ status: 409, body: { reason: 'follow-up-already-recorded' } });
    expect((await w.get(`/v1/evaluation-follow-ups/follow-up-${bad.id}`)).status).toBe(200);
    expect((await as(u, 'BJHD/1').get(`/v1/evaluation-follow-ups/follow-up-${bad.id}`)).status).toBe(404);
    expect(await u.stats()).toMatchObject({ followUpsCreated: 1, followUpsReplayed: 1 });
  });
});

describe("the windows' signed register days (POST /v1/register-days, GET /v1/register-days)", () => {
  it("keeps each window's day, a later signing as a revision that replaces it, and serves the office's latest days in a range", async () => {
    const u = await server();
    const figures = (approved: number) => ({ verifications: { approved, supplement: 0, rejected: 0 }, corrections: 0, issued: { grant: 0, refusal: 0, supplement: 0, service: 0 }, reprinted: 0, voided: 0, evaluations: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
    const day = (ws: string, d: string, approved: number) => ({ workstation: ws, day: d, figures: figures(approved), hash: 'a'.repeat(64), signedBy: 'supervisor', at: new Date().toISOString() });
    expect((await as(u, 'DEMO/1').post('/v1/register-days', day('DEMO/1', '2026-12-01', 3))).status).toBe(201);
    expect((await as(u, 'DEMO/2').post('/v1/register-days', day('DEMO/2', '2026-12-01', 1))).status).toBe(201);
    expect(await as(u, 'DEMO/1').post('/v1/register-days', { ...day('DEMO/1', '2026-12-01', 4), hash: 'b'.repeat(64) })).toMatchObject({ status: 201, body: { revision: 2 } });
    expect((await as(u, 'BJHD/1').post('/v1/register-days', day('BJHD/1', '2026-12-01', 9))).status).toBe(201);
    // A window signs for itself only, and says what a day is.
    expect((await as(u, 'DEMO/1').post('/v1/register-days', day('DEMO/2', '2026-12-02', 1))).status).toBe(422);
    expect((await as(u, 'DEMO/1').post('/v1/register-days', { ...day('DEMO/1', '2026-12-02', 1), hash: 'short' })).status).toBe(422);
    const got = await as(u, 'DEMO/2').get('/v1/register-days?from=2026-12-01&to=2026-12-31');
    expect(got.status).toBe(200);
    const days = got.body.days as { workstation: string; figures: { verifications: { approved: number } }; revision: number }[];
    expect(days.map((d) => [d.workstation, d.figures.verifications.approved, d.revision])).toEqual([['DEMO/1', 4, 2], ['DEMO/2', 1, 1]]);
    expect((await as(u).get('/v1/register-days?from=2026-12-31&to=2026-12-01')).status).toBe(422);
  });
});
