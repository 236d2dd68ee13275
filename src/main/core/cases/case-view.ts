import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseView, PermitCase } from '../../../shared/cases';
import { chinaDate } from '../dates/calendar';
import { getSettings } from '../settings/settings';
import { RULES, checkCase } from '../verification/rules';
import { entryDeadline, noticeValidUntil } from './deadlines';
import { isValidUscc } from './uscc';

/** A case as the case screen shows it: its checks with their basis, the 30-day deadline, the notice's validity. */
export function caseView(db: Database, c: PermitCase, now: Date): CaseView {
  const settings = getSettings(db);
  const { deadlineNearDays } = settings;
  const today = chinaDate(now);
  const checked = checkCase(c, today, settings);
  return {
    checks: {
      approvalBlocked: checked.approvalBlocked,
      results: checked.results.map((r) => ({ ...r, basis: RULES.find((x) => x.id === r.rule)!.basis })),
    },
    case: c,
    deadline: c.entryDate ? entryDeadline(c.entryDate, today, deadlineNearDays) : null,
    usccValid: isValidUscc(c.employer.uscc),
    noticeValidUntil: c.notice ? noticeValidUntil(c.notice.issuedOn, c.notice.validMonths) : null,
  };
}

