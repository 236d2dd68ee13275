import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseView, PermitCase } from '../../../shared/cases';
import { chinaDate } from '../dates/calendar';
import { getSettings } from '../settings/settings';
import { RULES, checkCase } from '../verification/rules';
import { limitsOf, sooner } from '../cases/deadlines';
import { isValidUscc } from '../cases/uscc';
import { listDecisions } from '../documents/decisions';
import { listRecords } from '../verification/records';
import { workdayCalendar } from '../workdays/schedules';
import { statutoryClocks } from '../workdays/statutory-clocks';
import { regionName } from '../regions/regions';
import { regionTableOf } from '../regions/stored-tables';
import { legacyCard } from '../cases/legacy-card';

/** A case as the case screen shows it: its checks with their basis, the 30-day deadline, the notice's validity. */
export function caseView(db: Database, c: PermitCase, now: Date): CaseView {
  const settings = getSettings(db);
  const { deadlineNearDays } = settings;
  const today = chinaDate(now);
  const checked = checkCase(c, today, settings);
  const { deadline, validUntil } = limitsOf(c, today, deadlineNearDays);
  return {
    clocks: caseClocks(db, c, today, sooner(deadline?.lastDay ?? null, validUntil)),
    checks: {
      approvalBlocked: checked.approvalBlocked,
      results: checked.results.map((r) => ({ ...r, basis: RULES.find((x) => x.id === r.rule)!.basis })),
    },
    case: c,
    legacyCard: legacyCard(c, today),
    deadline,
    workPlaceName: regionName(c.workPlace, regionTableOf(db)),
    usccValid: isValidUscc(c.employer.uscc),
    noticeValidUntil: validUntil,
  };
}

/** The statutory clocks from the case's records and decisions, on the working-day calendar in force. */
function caseClocks(db: Database, c: PermitCase, today: string, bringBy: string | null) {
  const all = listRecords(db, c.noticeNo);
  const corrected = new Set(all.map((r) => r.correctionOf).filter(Boolean));
  const records = all
    .filter((r) => !corrected.has(r.id))
    .map((r) => ({ on: chinaDate(new Date(r.at)), outcome: r.outcome }))
    .sort((a, b) => a.on.localeCompare(b.on));
  // The decision is the grant or the refusal standing; it is served when a live proof of service covers it.
  const decision = listDecisions(db, c.noticeNo)
    .filter((d) => !d.voided && (d.type === 'grant' || d.type === 'refusal'))
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt))[0];
  const decidedOn = decision ? chinaDate(new Date(decision.issuedAt)) : null;
  return statutoryClocks({ records, decidedOn, servedOn: decision?.servedOn ?? null, bringBy }, workdayCalendar(db), today);
}

