import { followUpCounts } from '../evaluations/follow-ups';
import { enqueueRegisterDay } from '../outbox/outbox';
import type { UpstreamRegisterDay } from '../../../shared/upstream-contract';
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DayReview, Register, RegisterFigures, RegisterPeriodKind } from '../../../shared/register';
import { DOCUMENT_TYPES } from '../../../shared/verification';
import { ApiFailure } from '../failures/failure';
import { appendAudit } from '../audit/audit';
import { addDays, chinaDate, parseDate } from '../dates/calendar';
import { listNumberBlocks } from '../documents/numbers';
import { documentCounts } from '../documents/register-counts';
import { evaluationCounts } from '../evaluations/evaluations';
import { getSettings, workstationOf } from '../settings/settings';
import { recordCounts } from '../verification/records';
import { worklist } from '../worklists/worklist';

const empty = (): RegisterFigures => ({
  verifications: { approved: 0, supplement: 0, rejected: 0 },
  corrections: 0,
  issued: { grant: 0, refusal: 0, supplement: 0, service: 0 },
  reprinted: 0,
  voided: 0,
  evaluations: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
});

/** The first instant of a Beijing day, as the store writes instants (UTC, milliseconds, Z). */
export const startOfDay = (day: string) => new Date(`${day}T00:00:00.000+08:00`).toISOString();

/** The period a Beijing day falls in: itself, the Monday of its week, or its month. */
export function periodOf(day: string, by: RegisterPeriodKind): string {
  if (by === 'day') return day;
  if (by === 'month') return day.slice(0, 7);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

function periodsBetween(from: string, to: string, by: RegisterPeriodKind): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const p = periodOf(d, by);
    if (out.at(-1) !== p) out.push(p);
  }
  return out;
}

/**
 * The register of [from, to], Beijing days inclusive: each owner counts its own rows by day and clerk
 * in SQL (records, documents, prints, evaluations), and the days are summed into the periods here.
 */
export function buildRegister(db: Database, now: Date, q: { from: string; to: string; by: RegisterPeriodKind }): Register {
  const { from, to, by } = q;
  const lo = startOfDay(from);
  const hi = startOfDay(addDays(to, 1));
  const rows = new Map<string, RegisterFigures>();
  const at = (day: string, clerk: string) => {
    const key = `${periodOf(day, by)}\u0000${clerk}`;
    let f = rows.get(key);
    if (!f) rows.set(key, (f = empty()));
    return f;
  };
  const counts = countsBetween(db, lo, hi);
  for (const r of counts.records) {
    const f = at(r.day, r.clerk);
    f.verifications[r.outcome] += r.n;
    f.corrections += r.corrections;
  }
  const docs = counts.documents;
  for (const d of docs.issued) at(d.day, d.clerk).issued[d.type] += d.n;
  for (const d of docs.voided) at(d.day, d.clerk).voided += d.n;
  for (const d of docs.reprinted) at(d.day, d.clerk).reprinted += d.n;
  for (const e of counts.evaluations) at(e.day, e.clerk).evaluations[String(e.grade) as '1'] += e.n;

  const list = [...rows].map(([key, figures]) => {
    const [period, clerk] = key.split('\u0000');
    return { period, clerk, figures };
  });
  list.sort((a, b) => a.period.localeCompare(b.period) || a.clerk.localeCompare(b.clerk));
  const periods = periodsBetween(from, to, by);
  const totals = periods.map((period) => ({ period, figures: sumFigures(list.filter((r) => r.period === period).map((r) => r.figures)) }));
  const s = getSettings(db);
  const deadlines = worklist(db, now, {}, 0).counts;
  const clerks = [...new Set(list.map((r) => r.clerk))].sort();
  return {
    from,
    to,
    by,
    window: workstationOf(s),
    periods,
    rows: list,
    totals,
    total: sumFigures(totals.map((t) => t.figures)),
    clerks,
    byClerk: clerks.map((clerk) => ({ clerk, figures: sumFigures(list.filter((r) => r.clerk === clerk).map((r) => r.figures)) })),
    blocks: listNumberBlocks(db).map((b) => ({ type: b.type, prefix: b.prefix, year: b.year, from: b.from, to: b.to, used: b.next - b.from, left: b.to - b.next + 1 })),
    deadlines: { asOf: chinaDate(now), overdue: deadlines.overdue, near: deadlines.near },
    followUps: followUpCounts(db, lo, hi, chinaDate(now), workstationOf(s)),
    reviews: reviewsBetween(db, from, to, counts),
  };
}

/** Figures added up (the periods of a register, the windows of the office's). */
export function sumFigures(list: RegisterFigures[]): RegisterFigures {
  const t = empty();
  for (const f of list) {
    for (const o of ['approved', 'supplement', 'rejected'] as const) t.verifications[o] += f.verifications[o];
    for (const d of DOCUMENT_TYPES) t.issued[d] += f.issued[d];
    for (const g of ['1', '2', '3', '4', '5'] as const) t.evaluations[g] += f.evaluations[g];
    t.corrections += f.corrections;
    t.reprinted += f.reprinted;
    t.voided += f.voided;
  }
  return t;
}

type Counts = { records: ReturnType<typeof recordCounts>; documents: ReturnType<typeof documentCounts>; evaluations: ReturnType<typeof evaluationCounts> };

/** Each owner's counts of [lo, hi), by Beijing day and clerk. */
function countsBetween(db: Database, lo: string, hi: string): Counts {
  return { records: recordCounts(db, lo, hi), documents: documentCounts(db, lo, hi), evaluations: evaluationCounts(db, lo, hi, workstationOf(getSettings(db))) };
}

/** Rows in their groups' order (clerk, then the kind, within one day), as SQLite's GROUP BY gives them, whatever plan it chose. */
const inOrder = <T extends { clerk: string }>(rows: T[], kind: (r: T) => string | number = () => 0): T[] =>
  [...rows].sort((a, b) => (a.clerk !== b.clerk ? (a.clerk < b.clerk ? -1 : 1) : kind(a) < kind(b) ? -1 : kind(a) > kind(b) ? 1 : 0));

/** A day's figures as signed: every clerk's, in order, hashed; a later change to the day shows. `counts` are of that day alone. */
function dayHash(counts: Counts): string {
  const figures = {
    records: inOrder(counts.records, (r) => r.outcome),
    documents: { issued: inOrder(counts.documents.issued, (r) => r.type), voided: inOrder(counts.documents.voided, (r) => r.type), reprinted: inOrder(counts.documents.reprinted) },
    evaluations: inOrder(counts.evaluations, (r) => r.grade),
  };
  return createHash('sha256').update(JSON.stringify(figures)).digest('hex');
}

const noCounts = (): Counts => ({ records: [], documents: { issued: [], voided: [], reprinted: [] }, evaluations: [] });

/** The counts of a range split into its days: a register checks its signed days from the counts it made already, not three queries each. */
function byDay(counts: Counts): Map<string, Counts> {
  const days = new Map<string, Counts>();
  const of = (day: string) => {
    let c = days.get(day);
    if (!c) days.set(day, (c = noCounts()));
    return c;
  };
  for (const r of counts.records) of(r.day).records.push(r);
  for (const r of counts.documents.issued) of(r.day).documents.issued.push(r);
  for (const r of counts.documents.voided) of(r.day).documents.voided.push(r);
  for (const r of counts.documents.reprinted) of(r.day).documents.reprinted.push(r);
  for (const r of counts.evaluations) of(r.day).evaluations.push(r);
  return days;
}

function reviewsBetween(db: Database, from: string, to: string, counts: Counts): DayReview[] {
  const rows = db.prepare('SELECT day, signed_by AS signedBy, signed_at AS signedAt, note, figures_sha256 AS sha FROM day_reviews WHERE day >= ? AND day <= ? ORDER BY day').all(from, to) as (Omit<DayReview, 'unchanged'> & { sha: string })[];
  if (rows.length === 0) return [];
  const days = byDay(counts);
  return rows.map(({ sha, ...r }) => ({ ...r, unchanged: dayHash(days.get(r.day) ?? noCounts()) === sha }));
}

/**
 * The supervisor's end-of-day review: the day's figures signed as they stand, with a note, audited;
 * once per day (today's at its end, or a past one), never a day to come.
 */
export function signDay(db: Database, now: Date, day: string, note: string, supervisor: string): DayReview {
  if (parseDate(day) === null) throw new ApiFailure('invalid-request', `${day} is not a date`, ['day']);
  if (day > chinaDate(now)) throw new ApiFailure('conflict', `${day} has not come yet`, ['day']);
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM day_reviews WHERE day = ?').get(day)) throw new ApiFailure('conflict', `${day} was signed already`, ['day']);
    const signedAt = now.toISOString();
    const sha = dayHash(countsBetween(db, startOfDay(day), startOfDay(addDays(day, 1))));
    db.prepare('INSERT INTO day_reviews (day, signed_by, signed_at, note, figures_sha256) VALUES (?,?,?,?,?)').run(day, supervisor, signedAt, note, sha);
    appendAudit(db, { at: signedAt, actor: supervisor, action: 'register.day-signed', target: `${day} sha256 ${sha.slice(0, 16)}` });
    // The signed day goes to the authority, so that the office's register adds up every window's.
    const s = getSettings(db);
    const figures = buildRegister(db, now, { from: day, to: day, by: 'day' }).total;
    enqueueRegisterDay(db, { workstation: workstationOf(s), day, figures: figures as UpstreamRegisterDay['figures'], hash: sha, signedBy: supervisor, at: signedAt }, now);
    return { day, signedBy: supervisor, signedAt, note, unchanged: true };
  })();
}
