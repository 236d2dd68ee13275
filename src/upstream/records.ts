import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { auditHeadBody, decisionBody, documentBody, EVIDENCE_MAX_BYTES, evaluationBody,
  followUpBody, evidenceBody, numberRequestBody, registerDayBody, verificationBody } from './contract';
import { OFFICES, type Workstation } from './demo-data';
import { errorsOf, json, parseBody, type Reply, type UpstreamStats } from './reply';
import { stmt as prepared } from './statements';
import { changeCase, getCaseRow, meta, setMeta } from './store';

/**
 * What the windows post: audit heads, verification records, decision and document events,
 * evaluations and number blocks, each checked against the contract and the case, once per
 * Idempotency-Key.
 */
/** An event's PDF, when it carries one, is the one its pdfSha256 names. */
const pdfMatches = (d: { pdf?: string | null; pdfSha256: string }) => !d.pdf || createHash('sha256').update(Buffer.from(d.pdf, 'base64')).digest('hex') === d.pdfSha256;

export function createRecordRoutes({ db, now, stats }: { db: Db; now: () => Date; stats: UpstreamStats }) {
  /** Runs a POST once per Idempotency-Key: the same key and body again answer 200 with the first answer's body. */
  function idempotent(route: string, key: string | undefined, ws: string, raw: string, run: () => Reply, onReplay: () => void): Reply {
    if (!key) return db.transaction(run)();
    if (!/^[\w-]{8,100}$/.test(key)) return json(422, { errors: ['Idempotency-Key: 8 to 100 letters, digits, - or _'] });
    const done = prepared(db, 'SELECT request, status, response, workstation FROM idempotency WHERE key = ? AND route = ?').get(key, route) as
      | { request: string; status: number; response: string; workstation: string }
      | undefined;
    if (done) {
      if (done.request !== raw || done.workstation !== ws) return json(422, { errors: ['Idempotency-Key was used for another request'] });
      onReplay();
      return json(done.status === 201 ? 200 : done.status, JSON.parse(done.response));
    }
    return db.transaction(() => {
      const reply = run();
      if (reply.status < 500) prepared(db, 'INSERT INTO idempotency (key, route, workstation, request, status, response) VALUES (?,?,?,?,?,?)').run(key, route, ws, raw, reply.status, JSON.stringify(reply.body ?? null));
      return reply;
    })();
  }

  /**
   * A window's audit head, kept per workstation. Decided where the contract is silent: a head below the
   * highest this workstation sent is refused (409 `behind`), as is another hash at a place already
   * held (409 `rewritten`), since either means the window's chain was cut or rewritten; the same head
   * again is 201 with what is held. `latest` is the highest head.
   */
  function postAuditHead(w: Workstation, raw: string): Reply {
    const parsed = auditHeadBody.safeParse(parseBody(raw));
    if (!parsed.success) return json(422, { errors: errorsOf(parsed.error) });
    const ws = `${w.office}/${w.window}`;
    const h = parsed.data;
    return db.transaction(() => {
      const top = db.prepare('SELECT seq, hash, at, received_at AS receivedAt FROM audit_heads WHERE workstation = ? ORDER BY seq DESC LIMIT 1').get(ws) as
        | { seq: number; hash: string; at: string; receivedAt: string }
        | undefined;
      const same = db.prepare('SELECT hash, received_at AS receivedAt FROM audit_heads WHERE workstation = ? AND seq = ?').get(ws, h.seq) as { hash: string; receivedAt: string } | undefined;
      if (same) return same.hash === h.hash ? json(201, { seq: h.seq, hash: h.hash, receivedAt: same.receivedAt }) : json(409, { reason: 'rewritten', latest: top });
      if (top && top.seq > h.seq) return json(409, { reason: 'behind', latest: top });
      const receivedAt = now().toISOString();
      db.prepare('INSERT INTO audit_heads (workstation, seq, hash, at, received_at) VALUES (?,?,?,?,?)').run(ws, h.seq, h.hash, h.at, receivedAt);
      return json(201, { seq: h.seq, hash: h.hash, receivedAt });
    })();
  }

  function postVerification(w: Workstation, raw: string, key: string | undefined): Reply {
    const ws = `${w.office}/${w.window}`;
    return idempotent('verifications', key, ws, raw, () => {
      const parsed = verificationBody.safeParse(parseBody(raw));
      if (!parsed.success) return json(422, { errors: errorsOf(parsed.error) });
      const v = parsed.data;
      if (v.workstation !== ws) return json(422, { errors: [`workstation: this token is ${ws}`] });
      const row = getCaseRow(db, v.noticeNo);
      if (!row || row.office !== w.office) return json(422, { errors: ['noticeNo: no such case in this office'] });
      const c = row.case;
      // Each outcome is kept, so that a decision on this case from this window can be refused when its
      // record was (upstream-api.md).
      const result = (r: string) => prepared(db, 'INSERT INTO verification_results (notice_no, workstation, verification_id, result, at) VALUES (?,?,?,?,?)').run(c.noticeNo, ws, v.id, r, now().toISOString());
      const refuse = (reason: string) => {
        result(`refused:${reason}`);
        return json(409, { reason });
      };
      if (c.status === 'withdrawn' || c.status === 'revoked') return refuse(c.status);
      if (c.status !== 'awaiting_verification') {
        // A correction from the window that verified the case is accepted; another window's is not.
        const last = db.prepare('SELECT workstation FROM verifications WHERE notice_no = ? ORDER BY rowid DESC LIMIT 1').pluck().get(c.noticeNo) as string | undefined;
        if (last !== ws) return refuse('verified-elsewhere');
      }
      if (prepared(db, 'SELECT 1 FROM verifications WHERE id = ?').get(v.id)) return json(422, { errors: ['id: a record with this id exists'] });
      prepared(db, 'INSERT INTO verifications (id, notice_no, workstation, document) VALUES (?,?,?,?)').run(v.id, v.noticeNo, ws, raw);
      result(`accepted:${v.outcome}`);
      const status = v.outcome === 'approved' ? 'verified' : v.outcome === 'rejected' ? 'rejected' : 'awaiting_verification';
      // A request for supplements waits for them at any window of the office (upstream-api.md): what is
      // missing now, the notice's number and last day once the notice is sent; a later record ends it.
      const pendingSupplement =
        v.outcome === 'supplement'
          ? { documentNumber: null, missing: v.materials.filter((m) => m.evidence === 'missing').map((m) => m.code), lastDay: null, workstation: ws }
          : null;
      const changed = changeCase(db, c.noticeNo, { status, pendingSupplement }, now())!;
      stats.verificationsCreated++;
      return json(201, { id: v.id, noticeNo: c.noticeNo, status: changed.status, caseVersion: changed.version });
    }, () => stats.verificationsReplayed++);
  }

  function postDecision(w: Workstation, raw: string, key: string | undefined): Reply {
    const ws = `${w.office}/${w.window}`;
    if (!key) return json(422, { errors: ['Idempotency-Key header is required'] });
    return idempotent('decisions', key, ws, raw, () => {
      const parsed = decisionBody.safeParse(parseBody(raw));
      if (!parsed.success) return json(422, { errors: errorsOf(parsed.error) });
      const d = parsed.data;
      if (!pdfMatches(d)) return json(422, { errors: ['pdf: does not hash to pdfSha256'] });
      const row = getCaseRow(db, d.caseNo);
      if (!row || row.office !== w.office) return json(422, { errors: ['caseNo: no such case in this office'] });
      if (row.case.status === 'withdrawn' || row.case.status === 'revoked') return json(409, { reason: row.case.status });
      if (d.kind === 'issued') {
        if (db.prepare("SELECT 1 FROM decision_events WHERE number = ? AND kind = 'issued'").get(d.number)) return json(409, { reason: 'number-already-issued' });
        // A licence needs this window's last record of the case to be an approval the server took.
        const last = db.prepare('SELECT result FROM verification_results WHERE notice_no = ? AND workstation = ? ORDER BY rowid DESC LIMIT 1').pluck().get(d.caseNo, ws) as string | undefined;
        if (last?.startsWith('refused:')) return json(409, { reason: `verification-refused (${last.slice(8)})` });
        if (last !== 'accepted:approved') return json(409, { reason: 'not-verified' });
      } else if (!db.prepare("SELECT 1 FROM decision_events WHERE number = ? AND case_no = ? AND kind = 'issued'").get(d.number, d.caseNo)) {
        return json(409, { reason: 'no-such-decision' });
      }
      db.prepare('INSERT INTO decision_events (key, number, case_no, kind, document, workstation) VALUES (?,?,?,?,?,?)').run(key, d.number, d.caseNo, d.kind, raw, ws);
      // Every accepted post raises the case's version (upstream-api.md), so the office's other windows pull it.
      const status = d.kind === 'issued' ? 'decision_issued' : d.kind === 'void' && row.case.status === 'decision_issued' ? 'verified' : row.case.status;
      changeCase(db, d.caseNo, { status }, now());
      stats.decisionEventsCreated++;
      return json(201, { number: d.number, kind: d.kind });
    }, () => stats.decisionEventsReplayed++);
  }

  /**
   * Another document's event: a refusal needs this window's last record of the case to be a rejection
   * the server took, a supplement notice a request for supplements, a proof of service documents of
   * the case the server knows as issued; a reprint or void needs the document issued.
   */
  function postDocument(w: Workstation, raw: string, key: string | undefined): Reply {
    const ws = `${w.office}/${w.window}`;
    if (!key) return json(422, { errors: ['Idempotency-Key header is required'] });
    return idempotent('documents', key, ws, raw, () => {
      const parsed = documentBody.safeParse(parseBody(raw));
      if (!parsed.success) return json(422, { errors: errorsOf(parsed.error) });
      const d = parsed.data;
      if (!pdfMatches(d)) return json(422, { errors: ['pdf: does not hash to pdfSha256'] });
      const row = getCaseRow(db, d.caseNo);
      if (!row || row.office !== w.office) return json(422, { errors: ['caseNo: no such case in this office'] });
      const issued = (number: string) =>
        !!db.prepare("SELECT 1 FROM decision_events WHERE number = ? AND case_no = ? AND kind = 'issued'").get(number, d.caseNo) ||
        !!db.prepare("SELECT 1 FROM document_events WHERE number = ? AND case_no = ? AND kind = 'issued'").get(number, d.caseNo);
      if (d.kind === 'issued') {
        const taken = db.prepare("SELECT 1 FROM decision_events WHERE number = ? AND kind = 'issued' UNION SELECT 1 FROM document_events WHERE number = ? AND kind = 'issued'").get(d.number, d.number);
        if (taken) return json(409, { reason: 'number-already-issued' });
        const last = db.prepare('SELECT result FROM verification_results WHERE notice_no = ? AND workstation = ? ORDER BY rowid DESC LIMIT 1').pluck().get(d.caseNo, ws) as string | undefined;
        if (d.type === 'refusal' && last !== 'accepted:rejected') return json(409, { reason: 'not-rejected' });
        if (d.type === 'supplement' && last !== 'accepted:supplement') return json(409, { reason: 'no-supplement-request' });
        if (d.type === 'service' && !(d.served ?? []).every(issued)) return json(409, { reason: 'served-document-unknown' });
      } else if (!issued(d.number)) {
        return json(409, { reason: 'no-such-document' });
      }
      db.prepare('INSERT INTO document_events (key, number, case_no, type, kind, document, workstation) VALUES (?,?,?,?,?,?,?)').run(key, d.number, d.caseNo, d.type, d.kind, raw, ws);
      // The supplement notice names the request the case waits on; its last day comes with it (lastDay).
      const pending = row.case.pendingSupplement as { workstation?: string } | null | undefined;
      if (d.type === 'supplement' && d.kind === 'issued' && pending?.workstation === ws) {
        const lastDay = typeof d.lastDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.lastDay) ? d.lastDay : null;
        changeCase(db, d.caseNo, { pendingSupplement: { ...pending, documentNumber: d.number, lastDay } }, now());
      } else {
        // Every accepted post raises the case's version (upstream-api.md), so the office's other windows pull it.
        changeCase(db, d.caseNo, {}, now());
      }
      stats.documentEventsCreated++;
      return json(201, { number: d.number, type: d.type, kind: d.kind });
    }, () => stats.documentEventsReplayed++);
  }

  /** An applicant's evaluation of a case of this office; one per evaluation id, whatever its key. */
  function postEvaluation(w: Workstation, raw: string, key: string | undefined): Reply {
    const ws = `${w.office}/${w.window}`;
    if (!key) return json(422, { errors: ['Idempotency-Key header is required'] });
    return idempotent('evaluations', key, ws, raw, () => {
      const parsed = evaluationBody.safeParse(parseBody(raw));
      if (!parsed.success) return json(422, { errors: errorsOf(parsed.error) });
      const e = parsed.data;
      if (e.workstation !== ws) return json(422, { errors: ['workstation: not the one this token belongs to'] });
      const row = getCaseRow(db, e.caseNo);
      if (!row || row.office !== w.office) return json(422, { errors: ['caseNo: no such case in this office'] });
      if (db.prepare('SELECT 1 FROM evaluations WHERE id = ?').get(e.id)) return json(409, { reason: 'evaluation-already-recorded' });
      db.prepare('INSERT INTO evaluations (key, id, case_no, workstation, grade, document) VALUES (?,?,?,?,?,?)').run(key, e.id, e.caseNo, ws, e.grade, raw);
      stats.evaluationsCreated++;
      return json(201, { id: e.id, grade: e.grade });
    }, () => stats.evaluationsReplayed++);
  }

  /** A follow-up of an evaluation this server holds from this office: one per evaluation, whatever its key. */
  function postFollowUp(w: Workstation, raw: string, key: string | undefined): Reply {
    const ws = `${w.office}/${w.window}`;
    if (!key) return json(422, { errors: ['Idempotency-Key header is required'] });
    return idempotent('evaluation-follow-ups', key, ws, raw, () => {
      const parsed = followUpBody.safeParse(parseBody(raw));
      if (!parsed.success) return json(422, { errors: errorsOf(parsed.error) });
      const f = parsed.data;
      if (f.workstation !== ws) return json(422, { errors: ['workstation: not the one this token belongs to'] });
      const evaluation = db.prepare('SELECT case_no AS caseNo, workstation, grade FROM evaluations WHERE id = ?').get(f.evaluationId) as { caseNo: string; workstation: string; grade: number } | undefined;
      if (!evaluation || evaluation.workstation.split('/')[0] !== w.office || evaluation.caseNo !== f.caseNo) return json(422, { errors: ['evaluationId: no such evaluation of this case in this office'] });
      if (evaluation.grade > 2) return json(409, { reason: 'not-dissatisfied' });
      if (db.prepare('SELECT 1 FROM evaluation_follow_ups WHERE evaluation_id = ?').get(f.evaluationId)) return json(409, { reason: 'follow-up-already-recorded' });
      db.prepare('INSERT INTO evaluation_follow_ups (key, evaluation_id, case_no, workstation, closed_at, document) VALUES (?,?,?,?,?,?)').run(key, f.evaluationId, f.caseNo, ws, f.closedAt, raw);
      stats.followUpsCreated++;
      return json(201, { evaluationId: f.evaluationId });
    }, () => stats.followUpsReplayed++);
  }

  /** A window's signed day: a later signing of the same day is a new revision, the latest the one served. */
  function postRegisterDay(w: Workstation, raw: string, key: string | undefined): Reply {
    const ws = `${w.office}/${w.window}`;
    if (!key) return json(422, { errors: ['Idempotency-Key header is required'] });
    return idempotent('register-days', key, ws, raw, () => {
      const parsed = registerDayBody.safeParse(parseBody(raw));
      if (!parsed.success) return json(422, { errors: errorsOf(parsed.error) });
      const d = parsed.data;
      if (d.workstation !== ws) return json(422, { errors: ['workstation: not the one this token belongs to'] });
      const revision = ((db.prepare('SELECT max(revision) FROM register_days WHERE workstation = ? AND day = ?').pluck().get(ws, d.day) as number | null) ?? 0) + 1;
      db.prepare('INSERT INTO register_days (workstation, office, day, revision, document) VALUES (?,?,?,?,?)').run(ws, w.office, d.day, revision, raw);
      stats.registerDaysCreated++;
      return json(201, { workstation: ws, day: d.day, revision });
    }, () => stats.registerDaysReplayed++);
  }

  function postNumbers(w: Workstation, raw: string, key: string | undefined): Reply {
    const ws = `${w.office}/${w.window}`;
    return idempotent('decision-numbers', key, ws, raw, () => {
      const parsed = numberRequestBody.safeParse(parseBody(raw));
      if (!parsed.success) return json(422, { errors: errorsOf(parsed.error) });
      const { year, count } = parsed.data;
      const type = parsed.data.type ?? 'grant';
      const grantPrefix = OFFICES.find((o) => o.code === w.office)?.prefix ?? `${w.office}许字`;
      // Each type has its own prefix and counter: 许字 grants, 不许字 refusals, 补字 supplement notices, 送字 proofs of service.
      const prefix = type === 'grant' ? grantPrefix : grantPrefix.replace(/许字$/, '') + { refusal: '不许字', supplement: '补字', service: '送字' }[type];
      const counter = type === 'grant' ? `numbers.${w.office}.${year}` : `numbers.${w.office}.${type}.${year}`;
      // Numbers below 1000 are left to windows set up offline (the app's demo holds 1–999).
      const from = Number(meta(db, counter) ?? 1000);
      setMeta(db, counter, String(from + count));
      db.prepare('INSERT INTO number_blocks (office, year, prefix, first, last, workstation) VALUES (?,?,?,?,?,?)').run(w.office, year, prefix, from, from + count - 1, ws);
      stats.numberBlocks.push({ office: w.office, year, from, to: from + count - 1, type });
      return json(201, { prefix, year, from, to: from + count - 1 });
    }, () => undefined);
  }

  /**
   * An image of an original. Kept once per id: the same id again with the same bytes answers 200 with
   * what is held (a resend after a lost answer), with other bytes 422. Decided where the contract is
   * silent: the image's case must be of this office; its record may arrive after it.
   */
  function postEvidence(w: Workstation, raw: string, key: string | undefined): Reply {
    const ws = `${w.office}/${w.window}`;
    if (!key) return json(422, { errors: ['Idempotency-Key header is required'] });
    const parsed = evidenceBody.safeParse(parseBody(raw));
    if (!parsed.success) return json(422, { errors: errorsOf(parsed.error) });
    const e = parsed.data;
    if (e.workstation !== ws) return json(422, { errors: ['workstation: not the one this token belongs to'] });
    // base64's length says the decoded size before anything is decoded.
    if (Math.floor((e.data.length * 3) / 4) - (e.data.match(/=+$/)?.[0].length ?? 0) > EVIDENCE_MAX_BYTES) return json(413, { error: 'the image is over 4 MiB' });
    const bytes = Buffer.from(e.data, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== e.sha256) return json(422, { errors: ['sha256: does not match data'] });
    const row = getCaseRow(db, e.noticeNo);
    if (!row || row.office !== w.office) return json(422, { errors: ['noticeNo: no such case in this office'] });
    return db.transaction(() => {
      const held = db.prepare('SELECT sha256, size FROM evidence WHERE id = ?').get(e.id) as { sha256: string; size: number } | undefined;
      if (held) {
        if (held.sha256 !== e.sha256) return json(422, { errors: ['id: an image with this id and other bytes is held'] });
        stats.evidenceReplayed++;
        return json(200, { id: e.id, sha256: held.sha256, size: held.size });
      }
      db.prepare('INSERT INTO evidence (id, key, notice_no, verification_id, material, mime, sha256, size, data, workstation, captured_at, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)').run(
        e.id, key, e.noticeNo, e.verificationId, e.material, e.mime, e.sha256, bytes.length, bytes, ws, e.capturedAt, now().toISOString(),
      );
      stats.evidenceCreated++;
      return json(201, { id: e.id, sha256: e.sha256, size: bytes.length });
    })();
  }

  return { postAuditHead, postVerification, postDecision, postDocument, postEvaluation, postFollowUp, postRegisterDay, postNumbers, postEvidence };
}
