import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PermitCase } from '../../../shared/cases';
import { caseSchema } from '../../../shared/upstream-contract';
import type { CoreEvents } from '../events/events';
import { getCase, saveCase, tidySearchIndex } from '../cases/cases';
import { createLogger } from '../log/logger';
import { deleteStoreMeta, getStoreMeta, setStoreMeta } from '../store/meta';
import { hasUnsentWork } from '../outbox/outbox';
import { UpstreamError, type UpstreamClient } from './upstream-client';

const log = createLogger('sync');
export const CURSOR = 'sync.cursor';
export const SKIPPED = 'sync.skipped-cases';
const PAGE = 500;
/** A pull that stored this many cases leaves the search index tidied (cases.ts). */
const TIDY_AFTER = 5000;

type CasesPage = Awaited<ReturnType<UpstreamClient['casesSince']>>;

const BEHIND = new Set(['awaiting_verification', 'verified']);
const AHEAD = new Set(['verified', 'rejected', 'decision_issued']);

/**
 * Takes a case from upstream into the cache. The local status history is kept; a status the window
 * set itself and has not sent yet (a record or a decision waiting in the outbox) stands against an
 * upstream that is behind it, since the server learns it when the outbox arrives; withdrawn and
 * revoked always come through. Returns the status the case had here before, when it changed.
 */
export function mergeUpstreamCase(db: Database, incoming: PermitCase, at: string): { before: string; after: string } | null {
  const local = getCase(db, incoming.noticeNo);
  let status = incoming.status;
  if (local && local.status !== status && BEHIND.has(status) && AHEAD.has(local.status) && hasUnsentWork(db, incoming.noticeNo)) {
    status = local.status;
  }
  const history = [...(local?.history ?? incoming.history ?? [])];
  if (!local || local.status !== status) history.push({ status, at });
  saveCase(db, { ...incoming, status, history });
  return local && local.status !== status ? { before: local.status, after: status } : null;
}

/**
 * Pulls every case changed since the stored cursor, page by page. Each page and the cursor after it
 * are stored in one transaction, so an interruption anywhere resumes from the last whole page. A 410
 * (the server did not issue the cursor) starts again from the beginning: local records, drafts and the
 * outbox are in their own tables and untouched; cases are only upserted. `restarted` then tells the
 * caller that the server was reset, so that what was sent to it is checked.
 */
export async function pullCases(db: Database, client: UpstreamClient, events: CoreEvents, now: () => Date): Promise<{ pages: number; cases: number; restarted: boolean; touched: Set<string> }> {
  let pages = 0;
  // The cases the authority changed since the last pull: another window's work on one shows here.
  const touched = new Set<string>();
  let cases = 0;
  let restarted = false;
  // The next page is asked for while this one is stored, so the server's work and the store's overlap.
  // It is used only when this page was stored whole; the stored cursor stays the one to resume from.
  let ahead: { cursor: string | null; page: Promise<CasesPage> } | null = null;
  for (;;) {
    const cursor = getStoreMeta(db, CURSOR);
    let page;
    try {
      const asked: Promise<CasesPage> = ahead?.cursor === cursor ? ahead.page : client.casesSince(cursor, PAGE);
      ahead = null;
      page = await asked;
    } catch (err) {
      // 410: the server did not issue this cursor (garbage, another server's, one from before a
      // restore). A 400 for a request with a cursor is taken the same way, once: a server that says
      // so for a cursor it does not know must not stop every later pull.
      if (err instanceof UpstreamError && cursor !== null && (err.status === 410 || err.status === 400) && !restarted) {
        log.warn('cursor not known to the server: full resync', { status: err.status });
        deleteStoreMeta(db, CURSOR);
        restarted = true;
        continue;
      }
      throw err;
    }
    if (page.more && page.next) {
      const next = client.casesSince(page.next, PAGE);
      // Settled at once, so a failure of the page asked ahead is never left unhandled meanwhile.
      next.catch(() => undefined);
      ahead = { cursor: page.next, page: next };
      // Storing the page holds the event loop: let the request go out first.
      await new Promise((r) => setImmediate(r));
    }
    const at = now().toISOString();
    const changed: { noticeNo: string; before: string; after: string }[] = [];
    let skipped = 0;
    db.transaction(() => {
      for (const raw of page.cases) {
        const parsed = caseSchema.safeParse(raw);
        if (!parsed.success) {
          skipped++;
          continue;
        }
        const c = parsed.data as unknown as PermitCase;
        const change = mergeUpstreamCase(db, c, at);
        touched.add(c.noticeNo);
        if (change) changed.push({ noticeNo: c.noticeNo, ...change });
      }
      if (skipped) setStoreMeta(db, SKIPPED, String(Number(getStoreMeta(db, SKIPPED) ?? 0) + skipped));
      if (page.next) setStoreMeta(db, CURSOR, page.next);
    })();
    if (skipped) log.warn('cases from upstream failed validation and were skipped', { count: skipped });
    pages++;
    cases += page.cases.length - skipped;
    for (const c of changed) events.emit({ type: 'case.changed', noticeNo: c.noticeNo, status: c.after, previous: c.before });
    if (!page.more) {
      if (cases >= TIDY_AFTER) tidySearchIndex(db);
      return { pages, cases, restarted, touched };
    }
  }
}

/** A case not in the cache, asked for online (by notice number, or a lookup's keys); what is found is cached. */
export async function lookupCases(db: Database, client: UpstreamClient, query: Record<string, string> | { noticeNo: string }, now: Date): Promise<PermitCase[]> {
  const raw = 'noticeNo' in query ? [await client.caseByNotice(String(query.noticeNo))] : await client.lookup(query);
  const found = raw.map((r) => caseSchema.safeParse(r)).filter((p) => p.success).map((p) => p.data as unknown as PermitCase);
  const at = now.toISOString();
  db.transaction(() => found.forEach((f) => mergeUpstreamCase(db, f, at)))();
  return found;
}
