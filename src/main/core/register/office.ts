import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Register, RegisterFigures, RegisterPeriodKind } from '../../../shared/register';
import type { Upstream } from '../calls/ports';
import { addDays, chinaDate } from '../dates/calendar';
import { ApiFailure } from '../failures/failure';
import { getSettings, workstationOf } from '../settings/settings';
import { buildRegister, periodOf, sumFigures } from './register';

/**
 * The office's register: every window's signed days as the authority holds them (`GET /v1/register-days`),
 * summed by period, each window in the place a clerk has in a window's register, so the same charts,
 * tables, workbook and PDF show it; the days up to today that a window of the office has not signed are
 * named (the office's windows as the settings list them, else those that signed a day of the range, and
 * this one). Figures are the
 * windows' own counts as signed; a day signed again replaces the earlier at the authority.
 */
export async function buildOfficeRegister(db: Database, sync: Pick<Upstream, 'officeRegisterDays'>, now: Date, q: { from: string; to: string; by: RegisterPeriodKind }): Promise<Register> {
  const days = await sync.officeRegisterDays(q.from, q.to);
  if (days === 'not-linked') throw new ApiFailure('not-linked', 'This window is not linked to an authority: the office register is made of the days the windows sign and send it.');
  if (days === 'unreachable') throw new ApiFailure('upstream-unreachable', 'The authority cannot be reached now: the office register is made of the days it holds. Try again when the link is back.');
  const own = buildRegister(db, now, { ...q, by: q.by });
  const s = getSettings(db);
  const mine = workstationOf(s);
  const rows = new Map<string, RegisterFigures>();
  for (const d of days) {
    const key = `${periodOf(d.day, q.by)}\u0000${d.workstation}`;
    rows.set(key, sumFigures([...(rows.has(key) ? [rows.get(key)!] : []), d.figures as unknown as RegisterFigures]));
  }
  const list = [...rows].map(([key, figures]) => {
    const [period, clerk] = key.split('\u0000');
    return { period, clerk, figures };
  });
  list.sort((a, b) => a.period.localeCompare(b.period) || a.clerk.localeCompare(b.clerk));
  const listed = s.officeWindows.split(',').map((w) => w.trim()).filter(Boolean).map((w) => workstationOf({ officeCode: s.officeCode, windowNo: w }));
  const windows = [...new Set([mine, ...listed, ...days.map((d) => d.workstation)])].sort();
  const today = chinaDate(now);
  const unsigned: { day: string; windows: string[] }[] = [];
  for (let day = q.from; day <= q.to && day <= today; day = addDays(day, 1)) {
    const signed = new Set(days.filter((d) => d.day === day).map((d) => d.workstation));
    const missing = windows.filter((w) => !signed.has(w));
    if (missing.length) unsigned.push({ day, windows: missing });
  }
  return {
    ...own,
    scope: 'office',
    window: s.officeCode,
    rows: list,
    totals: own.periods.map((period) => ({ period, figures: sumFigures(list.filter((r) => r.period === period).map((r) => r.figures)) })),
    total: sumFigures(list.map((r) => r.figures)),
    clerks: windows,
    byClerk: windows.map((w) => ({ clerk: w, figures: sumFigures(list.filter((r) => r.clerk === w).map((r) => r.figures)) })),
    blocks: [],
    // This window's own signatures (its signing form follows them); the other windows' are in `unsigned`.
    reviews: own.reviews,
    unsigned,
  };
}
