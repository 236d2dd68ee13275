import { illFormedTextAt } from '../../../shared/unicode';
import { Agent, request as send } from 'undici';
import type { z } from 'zod';
import { identityCheck } from '../upstream-link/upstream-tls';
import { auditHeadAnswerSchema, caseHistorySchema, casesPageSchema, officeEvaluationsSchema, registerDaySchema, registerDaysAnswerSchema, numberBlockSchema, timeSchema } from '../../../shared/upstream-contract';
import type { DocumentType } from '../../../shared/verification';

/**
 * The client side of the upstream contract. Every answer is read whole and checked before use: a
 * refused or reset connection, a timeout, a body cut off mid-way and malformed JSON all end as an
 * `UpstreamError` (never a half-read result), with the HTTP status and `Retry-After` when there is one.
 * An adapter to the real system implements this same interface.
 */
export type UpstreamErrorKind = 'network' | 'timeout' | 'http' | 'malformed' | 'tls';

export class UpstreamError extends Error {
  constructor(
    readonly kind: UpstreamErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    readonly body: unknown = null,
  ) {
    super(message);
  }

  /** Worth trying again later: the network, a timeout, a bad answer, 408, 425, 429 and 5xx; never a certificate refused. */
  get transient(): boolean {
    if (this.kind === 'tls') return false;
    return this.kind !== 'http' || this.status === null || [408, 425, 429].includes(this.status) || this.status >= 500;
  }
}

export interface UpstreamConfig {
  url: string;
  token: string;
  workstation: string;
  timeoutMs: number;
  /**
   * How the server's certificate is checked: against `ca` (the office's CA, or the system's roots the
   * host found; Node's own when absent), the host name, and with `pins`, a pinned key in its chain.
   */
  tls?: { ca?: string[]; pins?: readonly string[] };
}

/** OpenSSL's and Node's codes for a certificate or TLS failure: the server is not the one trusted. */
const TLS_FAILURE = /CERT|SSL|TLS|PIN_MISMATCH|UNABLE_TO_(VERIFY|GET)|SELF_SIGNED|HOSTNAME/;

export interface Answer<T> {
  status: number;
  value: T;
  /** A header of the answer, its first value when it came more than once. */
  header(name: string): string | null;
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function createUpstreamClient(cfg: UpstreamConfig) {
  const base = cfg.url.replace(/\/+$/, '');
  const dispatcher = new Agent({ connect: { ca: cfg.tls?.ca, rejectUnauthorized: true, checkServerIdentity: identityCheck(cfg.tls?.pins ?? []) } });

  async function request<T>(method: string, path: string, opts: { body?: unknown; key?: string; schema?: z.ZodType<T>; headers?: Record<string, string>; accept?: number[] } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${cfg.token}`,
      'X-Workstation': cfg.workstation,
      Accept: 'application/json',
      ...opts.headers,
    };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (opts.key) headers['Idempotency-Key'] = opts.key;
    let status: number;
    let answerHeaders: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      // undici's own request rather than its fetch: the same connections and checks, without the
      // streams and objects of the Fetch standard that cost more than the server's work in a long push.
      const res = await send(`${base}${path}`, {
        method: method as 'GET' | 'POST',
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(cfg.timeoutMs),
        dispatcher,
      });
      status = res.statusCode;
      answerHeaders = res.headers;
      text = await res.body.text();
    } catch (err) {
      const e = err as Error & { code?: string; cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'UND_ERR_ABORTED') throw new UpstreamError('timeout', `no answer within ${cfg.timeoutMs} ms`);
      const code = e.code ?? e.cause?.code ?? '';
      if (TLS_FAILURE.test(code)) throw new UpstreamError('tls', `${code}: ${e.cause?.message ?? e.message}`);
      throw new UpstreamError('network', `${code || e.name}: ${e.message}`);
    }
    const header = (name: string): string | null => {
      const v = answerHeaders[name.toLowerCase()];
      return (Array.isArray(v) ? v[0] : v) ?? null;
    };
    const ok = (opts.accept ?? [200, 201]).includes(status);
    let value: unknown = null;
    let notJson = false;
    if (text.length) {
      try {
        value = JSON.parse(text);
      } catch {
        notJson = true;
      }
    }
    // An error status is that status whatever its body (a proxy's HTML page, say), and so is a 404
    // asked for: only an answer that is to be used must be JSON.
    if (!ok) {
      throw new UpstreamError('http', `${method} ${path}: HTTP ${status}`, status, retryAfterMs(header('retry-after')), value);
    }
    if (notJson && status !== 404) throw new UpstreamError('malformed', `the answer to ${method} ${path} (HTTP ${status}) is not JSON`, status);
    // A lone surrogate ("\ud800") is valid JSON and no character: nothing of such an answer is stored.
    const illFormed = illFormedTextAt(value);
    if (illFormed !== null) throw new UpstreamError('malformed', `the answer to ${method} ${path} holds a broken character at ${illFormed}`, status);
    if (opts.schema && status !== 304) {
      const parsed = opts.schema.safeParse(value);
      if (!parsed.success) throw new UpstreamError('malformed', `the answer to ${method} ${path} does not follow the contract: ${parsed.error.issues[0]?.message ?? ''}`, status);
      return { status, value: parsed.data, header };
    }
    return { status, value: value as T, header };
  }

  return {
    /** Closes the connections this client holds (the settings changed, or the app stops). */
    close: () => dispatcher.close(),
    casesSince: (cursor: string | null, limit: number) =>
      request('GET', `/v1/cases?${new URLSearchParams({ ...(cursor ? { since: cursor } : {}), limit: String(limit) })}`, { schema: casesPageSchema }).then((a) => a.value),
    caseByNotice: (noticeNo: string) => request<unknown>('GET', `/v1/cases/${encodeURIComponent(noticeNo)}`).then((a) => a.value),
    /** What every window of the office did on the case (its verifications with their workstations). */
    caseHistory: (noticeNo: string) => request('GET', `/v1/cases/${encodeURIComponent(noticeNo)}/history`, { schema: caseHistorySchema }).then((a) => a.value),
    /** A document a window of the office issued on the case, with its PDF and content (the window's addition). */
    caseDocument: (noticeNo: string, number: string) => request<unknown>('GET', `/v1/cases/${encodeURIComponent(noticeNo)}/documents/${encodeURIComponent(number)}`).then((a) => a.value),
    lookup: (query: Record<string, string>) => request('GET', `/v1/cases?${new URLSearchParams(query)}`, { schema: casesPageSchema }).then((a) => a.value.cases),
    postVerification: (key: string, body: unknown) => request<unknown>('POST', '/v1/verifications', { body, key }),
    postDecision: (key: string, body: unknown) => request<unknown>('POST', '/v1/decisions', { body, key }),
    postDocument: (key: string, body: unknown) => request<unknown>('POST', '/v1/documents', { body, key }),
    postEvaluation: (key: string, body: unknown) => request<unknown>('POST', '/v1/evaluations', { body, key }),
    postEvidence: (key: string, body: unknown) => request<unknown>('POST', '/v1/evidence', { body, key }),
    postFollowUp: (key: string, body: unknown) => request<unknown>('POST', '/v1/evaluation-follow-ups', { body, key }),
    /** The office's dissatisfied evaluations given since a day, with their follow-ups once closed. */
    officeEvaluations: (from: string) => request('GET', `/v1/evaluations?${new URLSearchParams({ from })}`, { schema: officeEvaluationsSchema }).then((a) => a.value.evaluations),
    postRegisterDay: (key: string, body: unknown) => request<unknown>('POST', '/v1/register-days', { body, key }),
    /** Every window's latest signed day of the office in [from, to]; a day that is not one is left out. */
    registerDays: (from: string, to: string) =>
      request('GET', `/v1/register-days?${new URLSearchParams({ from, to })}`, { schema: registerDaysAnswerSchema }).then((a) =>
        a.value.days.flatMap((d) => {
          const parsed = registerDaySchema.safeParse(d);
          return parsed.success ? [parsed.data] : [];
        }),
      ),
    /** Whether the server holds a record this window sent (200) or not (404); anything else throws. */
    hasVerification: (id: string) => request<unknown>('GET', `/v1/verifications/${encodeURIComponent(id)}`, { accept: [200, 404] }).then((a) => a.status === 200),
    /** The same for a decision event, by the idempotency key it was sent with. */
    hasDecisionEvent: (key: string) => request<unknown>('GET', `/v1/decisions/${encodeURIComponent(key)}`, { accept: [200, 404] }).then((a) => a.status === 200),
    /** A document event: a server that cannot look one up answers 404, and the event is sent again with its key, which it applies once. */
    hasDocumentEvent: (key: string) => request<unknown>('GET', `/v1/documents/${encodeURIComponent(key)}`, { accept: [200, 404] }).then((a) => a.status === 200),
    /** An evaluation, by its key (as a document event is looked up). */
    hasEvaluation: (key: string) => request<unknown>('GET', `/v1/evaluations/${encodeURIComponent(key)}`, { accept: [200, 404] }).then((a) => a.status === 200),
    /** A dissatisfied evaluation's follow-up, by its key. */
    hasFollowUp: (key: string) => request<unknown>('GET', `/v1/evaluation-follow-ups/${encodeURIComponent(key)}`, { accept: [200, 404] }).then((a) => a.status === 200),
    /** An image of an original, by its id: held only when the server has it with the same SHA-256 (a partial upload is not holding it). */
    hasEvidence: (id: string, sha256?: string) =>
      request<unknown>('GET', `/v1/evidence/${encodeURIComponent(id)}`, { accept: [200, 404] }).then(
        (a) => a.status === 200 && (sha256 === undefined || (a.value as { sha256?: unknown } | null)?.sha256 === sha256),
      ),
    /** A block of numbers; the grant's are asked for as before (no `type`), any other document's with its type. */
    reserveNumbers: (key: string, year: number, count: number, type: DocumentType = 'grant') =>
      request('POST', '/v1/decision-numbers', { body: type === 'grant' ? { year, count } : { year, count, type }, key, schema: numberBlockSchema }).then((a) => a.value),
    trustList: (etag: string | null) =>
      request<unknown>('GET', '/v1/trust-list', { headers: etag ? { 'If-None-Match': etag } : {}, accept: [200, 304] }).then((a) => ({
        changed: a.status === 200,
        list: a.value,
        etag: a.header('etag'),
      })),
    /** The CSCA list in its signed envelope when it changed (the ETag says); null when the server has none (404). */
    cscaList: (etag: string | null) =>
      request<unknown>('GET', '/v1/csca-list', { headers: etag ? { 'If-None-Match': etag } : {}, accept: [200, 304, 404] }).then((a) =>
        a.status === 404 ? null : { changed: a.status === 200, list: a.value, etag: a.header('etag') },
      ),
    /** The revocations added since a version, in their signed envelope (checked by the caller against the pinned roots). */
    revocations: (since: number) => request<unknown>('GET', `/v1/revocations?since=${since}`).then((a) => a.value),
    time: () => request('GET', '/v1/time', { schema: timeSchema }).then((a) => a.value),
    /** A year's holiday schedule, raw (checked by the caller); null while it is not published (404). */
    calendar: (year: number) => request<unknown>('GET', `/v1/calendar?year=${year}`, { accept: [200, 404] }).then((a) => (a.status === 404 ? null : a.value)),
    /** The chain's newest entry, for the authority to keep (201), or refused as behind or rewritten (409). */
    postAuditHead: (head: { seq: number; hash: string; at: string }) => request('POST', '/v1/audit-heads', { body: head, schema: auditHeadAnswerSchema }).then((a) => a.value),
    /** The newest head the authority holds for this workstation; null when it holds none (404). */
    latestAuditHead: () =>
      request<unknown>('GET', '/v1/audit-heads/latest', { accept: [200, 404] }).then((a) => {
        if (a.status === 404) return null;
        const parsed = auditHeadAnswerSchema.safeParse(a.value);
        if (!parsed.success) throw new UpstreamError('malformed', 'the audit head from upstream does not follow the contract', a.status);
        return { seq: parsed.data.seq, hash: parsed.data.hash, at: parsed.data.at ?? parsed.data.receivedAt ?? '' };
      }),
  };
}

export type UpstreamClient = ReturnType<typeof createUpstreamClient>;
