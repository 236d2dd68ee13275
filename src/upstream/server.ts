import { createHash, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import type { UpstreamCase } from './contract';
import type { Workstation } from './demo-data';
import { FAULT_MODES, createFaults, type FaultMode } from './faults';
import { envelopeOf, isEnvelopeShaped } from './envelope';
import { shippedCalendars, type YearCalendar } from './calendar';
import { createHistoryRoutes } from './history';
import { createRecordRoutes } from './records';
import { json, newStats, parseBody, readBody, type Reply, type UpstreamStats } from './reply';
import { changeCase, cursorPlace, getCaseRow, issueCursor, meta, setMeta } from './store';

export type { UpstreamStats } from './reply';

/**
 * The reference implementation of the upstream contract (`shared/specs/upstream-api.md`) on node:http:
 * bearer tokens per workstation, cases by cursor, online lookups, verification records and decision
 * events with idempotency keys, decision number blocks, the trust list with its ETag, incremental
 * revocations and the server's time. With `testControls`, `/_test/*` injects faults, changes cases
 * and counts what the server received, so tests can check "once and only once" from this side.
 */
export interface UpstreamOptions {
  db: Db;
  workstations: Workstation[];
  /** A bare list (the server signs it with `signingKey`) or an envelope, served as it is. */
  trustList: unknown;
  /** The CSCA list `{version, issuedAt, certificates}` (signed like the trust list); none: 404. */
  cscaList?: unknown;
  /**
   * The trust root the server signs its lists with (permit-qr.md §3a): the demo root's key by default;
   * null serves them bare, as a server before §3a did, for the tests of the window's refusal.
   */
  signingKey: KeyObject | null;
  now?: () => Date;
  testControls?: boolean;
  /** A certificate and its key (PEM): the server speaks HTTPS, as the authority's does. */
  tls?: { cert: string; key: string };
}

export function createUpstreamServer(opts: UpstreamOptions): { server: Server; stats: () => UpstreamStats } {
  const { db } = opts;
  // The server's own clock; `/_test/clock` sets it off by an offset, as a server with a wrong clock (or a
  // man in the middle answering /v1/time) would be.
  let clockOffsetMs = 0;
  // The holiday schedules the server publishes: those the calendar package ships, and any a test adds.
  const calendars = shippedCalendars();
  const now = opts.now ?? (() => new Date(Date.now() + clockOffsetMs));
  const faults = createFaults();
  const stats = newStats();
  const byToken = new Map(opts.workstations.map((w) => [w.token, w]));
  // The list's exact bytes are what the signature covers, so they are fixed once, at start.
  const sign = (payload: unknown) => (opts.signingKey ? envelopeOf(payload, opts.signingKey) : payload);
  const trustBody = JSON.stringify(isEnvelopeShaped(opts.trustList) ? opts.trustList : sign(opts.trustList));
  const trustEtag = `"${createHash('sha256').update(trustBody).digest('hex').slice(0, 32)}"`;
  const cscaBody = opts.cscaList === undefined ? null : JSON.stringify(isEnvelopeShaped(opts.cscaList) ? opts.cscaList : sign(opts.cscaList));
  const cscaEtag = cscaBody && `"${createHash('sha256').update(cscaBody).digest('hex').slice(0, 32)}"`;

  const { postAuditHead, postVerification, postDecision, postDocument, postEvaluation, postFollowUp, postRegisterDay, postNumbers, postEvidence } = createRecordRoutes({ db, now, stats });
  const { caseHistory, caseDocument } = createHistoryRoutes(db);
  function casesPage(office: string, url: URL): Reply {
    const since = url.searchParams.get('since');
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 500) || 500, 1), 5000);
    let after = 0;
    if (since !== null) {
      // Any cursor this database did not give out to this office: garbage, another server's, one given
      // out after the copy this database was restored from, or one forgotten by a compaction.
      const place = cursorPlace(db, office, since);
      if (place === null) return json(410, { error: 'this server did not issue that cursor (or no longer knows it): start again from the beginning' });
      after = place;
    }
    const rows = db.prepare('SELECT seq, document FROM cases WHERE office = ? AND seq > ? ORDER BY seq LIMIT ?').all(office, after, limit + 1) as { seq: number; document: string }[];
    const page = rows.slice(0, limit);
    const next = page.length ? issueCursor(db, office, page.at(-1)!.seq) : since;
    // Built by hand: the documents are stored as JSON already, and a page can hold thousands.
    const body = `{"cases":[${page.map((r) => r.document).join(',')}],"next":${next === null ? null : JSON.stringify(next)},"more":${rows.length > limit}}`;
    return { status: 200, body: { raw: body } };
  }

  function lookup(office: string, url: URL): Reply {
    const p = url.searchParams;
    let rows: { document: string }[];
    if (p.get('permitNo')) rows = db.prepare('SELECT document FROM cases WHERE office = ? AND permit_no = ?').all(office, p.get('permitNo')) as { document: string }[];
    else if (p.get('passportNo') && p.get('nationality'))
      rows = db.prepare('SELECT document FROM cases WHERE office = ? AND passport_no = ? AND nationality = ?').all(office, p.get('passportNo'), p.get('nationality')) as { document: string }[];
    else if (p.get('ssn')) rows = db.prepare('SELECT document FROM cases WHERE office = ? AND ssn = ?').all(office, p.get('ssn')) as { document: string }[];
    else return json(400, { error: 'give since, permitNo, passportNo with nationality, or ssn' });
    return json(200, { cases: rows.map((r) => JSON.parse(r.document) as UpstreamCase), next: null, more: false });
  }


  function revocations(url: URL): Reply {
    const since = Number(url.searchParams.get('since') ?? 0) || 0;
    const version = Number(meta(db, 'revocations.version') ?? 0);
    const added = db.prepare('SELECT permit_no FROM revocations WHERE version > ? ORDER BY version, rowid').pluck().all(since) as string[];
    return json(200, sign({ version, added }));
  }

  async function testControl(req: IncomingMessage, url: URL): Promise<Reply> {
    const body = req.method === 'POST' ? (parseBody(await readBody(req)) as Record<string, unknown> | undefined) ?? {} : {};
    if (url.pathname === '/_test/stats') return json(200, stats);
    if (url.pathname === '/_test/faults' && req.method === 'DELETE') {
      faults.clear();
      return json(200, { ok: true });
    }
    if (url.pathname === '/_test/faults') {
      if (!FAULT_MODES.includes(body.mode as FaultMode)) return json(400, { error: `mode: one of ${FAULT_MODES.join(', ')}` });
      faults.add(body as { mode: FaultMode });
      return json(200, { ok: true });
    }
    if (url.pathname === '/_test/compact') {
      // The server forgets every cursor it gave out.
      db.prepare('DELETE FROM cursors').run();
      return json(200, { ok: true });
    }
    if (url.pathname === '/_test/calendar') {
      // The State Council publishes a year's schedule (as each November).
      calendars.set(Number(body.year), body as unknown as YearCalendar);
      return json(200, { ok: true });
    }
    if (url.pathname === '/_test/clock') {
      clockOffsetMs = Number(body.offsetMs) || 0;
      return json(200, { now: now().toISOString() });
    }
    if (url.pathname === '/_test/revoke') {
      const version = Number(meta(db, 'revocations.version') ?? 0) + 1;
      db.prepare('INSERT INTO revocations (version, permit_no) VALUES (?, ?)').run(version, String(body.permitNo));
      setMeta(db, 'revocations.version', String(version));
      return json(200, { version });
    }
    const m = /^\/_test\/cases\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const changed = changeCase(db, decodeURIComponent(m[1]), body as Partial<UpstreamCase>, now());
      return changed ? json(200, changed) : json(404, { error: 'no such case' });
    }
    return json(404, { error: 'no such control' });
  }

  async function route(req: IncomingMessage, url: URL): Promise<Reply> {
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const w = auth ? byToken.get(auth) : undefined;
    if (!w) return json(401, { error: 'a workstation token is required' });
    if (req.headers['x-workstation'] !== `${w.office}/${w.window}`) return json(401, { error: 'X-Workstation does not match the token' });
    const key = req.headers['idempotency-key'] as string | undefined;
    const p = url.pathname;
    if (req.method === 'GET' && p === '/v1/cases') return url.searchParams.has('permitNo') || url.searchParams.has('passportNo') || url.searchParams.has('ssn') ? lookup(w.office, url) : casesPage(w.office, url);
    const one = /^\/v1\/cases\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && one) {
      const row = getCaseRow(db, decodeURIComponent(one[1]));
      return row && row.office === w.office ? json(200, row.case) : json(404, { error: 'no such case' });
    }
    // The office's dissatisfied evaluations (grades 1–2) given since a day, each with its follow-up once
    // closed: how every window's supervisors hear of them (the window's addition, docs/upstream.md).
    if (req.method === 'GET' && p === '/v1/evaluations') {
      const from = url.searchParams.get('from') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return json(422, { errors: ['from: a date YYYY-MM-DD'] });
      const rows = db
        .prepare(
          `SELECT e.document, e.workstation, f.document AS followUp FROM evaluations e LEFT JOIN evaluation_follow_ups f ON f.evaluation_id = e.id
           WHERE e.grade <= 2 AND e.workstation LIKE ? AND json_extract(e.document, '$.at') >= ? ORDER BY e.rowid LIMIT 2000`,
        )
        .all(`${w.office}/%`, `${from}T00:00:00`) as { document: string; workstation: string; followUp: string | null }[];
      return json(200, { evaluations: rows.map((r) => ({ ...(JSON.parse(r.document) as Record<string, unknown>), workstation: r.workstation, followUp: r.followUp ? JSON.parse(r.followUp) : null })) });
    }
    // Every window's latest signed day of this office in the range: the office's register.
    if (req.method === 'GET' && p === '/v1/register-days') {
      const from = url.searchParams.get('from') ?? '';
      const to = url.searchParams.get('to') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) return json(422, { errors: ['from, to: dates YYYY-MM-DD, from not after to'] });
      const rows = db
        .prepare('SELECT r.document, r.revision FROM register_days r WHERE r.office = ? AND r.day >= ? AND r.day <= ? AND r.revision = (SELECT max(revision) FROM register_days x WHERE x.workstation = r.workstation AND x.day = r.day) ORDER BY r.day, r.workstation')
        .all(w.office, from, to) as { document: string; revision: number }[];
      return json(200, { days: rows.map((r) => ({ ...(JSON.parse(r.document) as Record<string, unknown>), revision: r.revision })) });
    }
    // What every window of this office did on the case, and a document it issued (history.ts).
    const history = /^\/v1\/cases\/([^/]+)\/history$/.exec(p);
    if (req.method === 'GET' && history) return caseHistory(w, decodeURIComponent(history[1]));
    const caseDoc = /^\/v1\/cases\/([^/]+)\/documents\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && caseDoc) return caseDocument(w, decodeURIComponent(caseDoc[1]), decodeURIComponent(caseDoc[2]));
    // Records by id, so a window can find out which of those it sent the server lacks after a restore.
    const verification = /^\/v1\/verifications\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && verification) {
      const row = db.prepare('SELECT document, workstation FROM verifications WHERE id = ?').get(decodeURIComponent(verification[1])) as { document: string; workstation: string } | undefined;
      return row && row.workstation.split('/')[0] === w.office ? { status: 200, body: { raw: row.document } } : json(404, { error: 'no such verification' });
    }
    const decision = /^\/v1\/decisions\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && decision) {
      const row = db.prepare('SELECT d.document, d.case_no AS caseNo FROM decision_events d WHERE d.key = ?').get(decodeURIComponent(decision[1])) as { document: string; caseNo: string } | undefined;
      return row && getCaseRow(db, row.caseNo)?.office === w.office ? { status: 200, body: { raw: row.document } } : json(404, { error: 'no such decision event' });
    }
    const document = /^\/v1\/documents\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && document) {
      const row = db.prepare('SELECT document, case_no AS caseNo FROM document_events WHERE key = ?').get(decodeURIComponent(document[1])) as { document: string; caseNo: string } | undefined;
      return row && getCaseRow(db, row.caseNo)?.office === w.office ? { status: 200, body: { raw: row.document } } : json(404, { error: 'no such document event' });
    }
    const evaluation = /^\/v1\/evaluations\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && evaluation) {
      const row = db.prepare('SELECT document, workstation FROM evaluations WHERE key = ?').get(decodeURIComponent(evaluation[1])) as { document: string; workstation: string } | undefined;
      return row && row.workstation.split('/')[0] === w.office ? { status: 200, body: { raw: row.document } } : json(404, { error: 'no such evaluation' });
    }
    const followUp = /^\/v1\/evaluation-follow-ups\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && followUp) {
      const row = db.prepare('SELECT document, workstation FROM evaluation_follow_ups WHERE key = ?').get(decodeURIComponent(followUp[1])) as { document: string; workstation: string } | undefined;
      return row && row.workstation.split('/')[0] === w.office ? { status: 200, body: { raw: row.document } } : json(404, { error: 'no such follow-up' });
    }
    const evidence = /^\/v1\/evidence\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && evidence) {
      const row = db.prepare('SELECT id, sha256, size, workstation FROM evidence WHERE id = ?').get(decodeURIComponent(evidence[1])) as { id: string; sha256: string; size: number; workstation: string } | undefined;
      return row && row.workstation.split('/')[0] === w.office ? json(200, { id: row.id, sha256: row.sha256, size: row.size }) : json(404, { error: 'no such image' });
    }
    if (req.method === 'GET' && p === '/v1/csca-list') {
      if (!cscaBody || !cscaEtag) return json(404, { error: 'no CSCA list' });
      if (req.headers['if-none-match'] === cscaEtag) return { status: 304, headers: { ETag: cscaEtag } };
      return { status: 200, body: { raw: cscaBody }, headers: { ETag: cscaEtag } };
    }
    if (req.method === 'GET' && p === '/v1/trust-list') {
      if (req.headers['if-none-match'] === trustEtag) return { status: 304, headers: { ETag: trustEtag } };
      return { status: 200, body: { raw: trustBody }, headers: { ETag: trustEtag } };
    }
    if (req.method === 'GET' && p === '/v1/revocations') return revocations(url);
    if (req.method === 'GET' && p === '/v1/calendar') {
      const year = Number(url.searchParams.get('year'));
      const s = Number.isInteger(year) ? calendars.get(year) : undefined;
      return s ? json(200, s) : json(404, { error: `no holiday schedule published for ${url.searchParams.get('year')}` });
    }
    if (req.method === 'GET' && p === '/v1/audit-heads/latest') {
      const row = db.prepare('SELECT seq, hash, at, received_at AS receivedAt FROM audit_heads WHERE workstation = ? ORDER BY seq DESC LIMIT 1').get(`${w.office}/${w.window}`);
      return row ? json(200, row) : json(404, { error: 'no audit head from this workstation' });
    }
    if (req.method === 'GET' && p === '/v1/time') return json(200, { now: now().toISOString() });
    if (req.method === 'POST') {
      let raw: string;
      try {
        // An image of up to 4 MiB, in base64 inside JSON, is about 5.4 MiB.
        raw = await readBody(req, p === '/v1/evidence' ? 6 * 1024 * 1024 : undefined);
      } catch {
        return json(413, { error: 'body too large' });
      }
      if (p === '/v1/verifications') return postVerification(w, raw, key);
      if (p === '/v1/decisions') return postDecision(w, raw, key);
      if (p === '/v1/documents') return postDocument(w, raw, key);
      if (p === '/v1/evaluations') return postEvaluation(w, raw, key);
      if (p === '/v1/evaluation-follow-ups') return postFollowUp(w, raw, key);
      if (p === '/v1/register-days') return postRegisterDay(w, raw, key);
      if (p === '/v1/evidence') return postEvidence(w, raw, key);
      if (p === '/v1/decision-numbers') return postNumbers(w, raw, key);
      if (p === '/v1/audit-heads') return postAuditHead(w, raw);
    }
    return json(404, { error: 'no such resource' });
  }

  function send(res: ServerResponse, reply: Reply, cut = false): void {
    const text = reply.body === undefined ? '' : typeof reply.body === 'object' && reply.body !== null && 'raw' in reply.body ? String((reply.body as { raw: string }).raw) : JSON.stringify(reply.body);
    const bytes = Buffer.from(text, 'utf8');
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length), ...reply.headers });
    if (cut) {
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      res.socket?.destroy();
    } else res.end(bytes);
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://upstream');
      const routeName = `${req.method} ${url.pathname
        .replace(/\/v1\/cases\/[^/]+$/, '/v1/cases/{noticeNo}')
        .replace(/\/v1\/verifications\/[^/]+$/, '/v1/verifications/{id}')
        .replace(/\/v1\/decisions\/[^/]+$/, '/v1/decisions/{key}')
        .replace(/\/v1\/documents\/[^/]+$/, '/v1/documents/{key}')
        .replace(/\/v1\/evaluations\/[^/]+$/, '/v1/evaluations/{key}')
        .replace(/\/v1\/cases\/[^/]+\/history$/, '/v1/cases/{noticeNo}/history')
        .replace(/\/v1\/cases\/[^/]+\/documents\/[^/]+$/, '/v1/cases/{noticeNo}/documents/{number}')
        .replace(/\/v1\/evaluation-follow-ups\/[^/]+$/, '/v1/evaluation-follow-ups/{key}')
        .replace(/\/v1\/evidence\/[^/]+$/, '/v1/evidence/{id}')}`;
      if (opts.testControls && url.pathname.startsWith('/_test/')) return send(res, await testControl(req, url));
      stats.requests[routeName] = (stats.requests[routeName] ?? 0) + 1;
      const fault = faults.take(url.pathname);
      if (fault) stats.faultsInjected++;
      if (fault?.mode === 'refuse') return req.socket.destroy();
      if (fault?.mode === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault?.mode === '503') return send(res, json(503, { error: 'busy' }, { 'Retry-After': String(fault.retryAfterSeconds) }));
      if (fault?.mode === '500') return send(res, json(500, { error: 'internal' }));
      if (fault?.mode === 'malformed') return send(res, { status: 200, body: { raw: '{"cases": [{"noticeNo": ' } });
      if (fault?.mode === 'stale-cursor') return send(res, json(410, { error: 'the cursor is no longer known' }));
      if (fault?.mode === 'status') return send(res, json(fault.statusCode, { error: `injected HTTP ${fault.statusCode}` }));
      const reply = await route(req, url);
      send(res, reply, fault?.mode === 'cut');
    })().catch(() => {
      if (!res.headersSent) send(res, json(500, { error: 'internal' }));
      else res.destroy();
    });
  };
  const server: Server = opts.tls ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, handler) : createServer(handler);
  return { server, stats: () => stats };
}
