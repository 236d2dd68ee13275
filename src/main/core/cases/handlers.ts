import { z } from 'zod';
import type { CasesHandlers } from '../../../shared/handlers';
import { ApiFailure } from '../api/failure';
import type { HandlerTable } from '../api/handler-spec';
import { getSettings } from '../settings/settings';
import { getCase, searchCases } from './cases';
import { entryDeadline, noticeValidUntil } from './deadlines';
import { isValidUscc } from './uscc';

/** Today's date at the window: the deadlines are counted in Beijing time, whatever the PC's zone. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export const casesHandlers: HandlerTable<CasesHandlers> = {
  'cases.search': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ query: z.string().max(200), limit: z.number().int().min(1).max(200).optional() }),
    run: ({ db }, { query, limit }) => searchCases(db, query, limit),
  },
  'cases.get': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ noticeNo: z.string().min(1).max(64) }),
    run: ({ db, now }, { noticeNo }) => {
      const c = getCase(db, noticeNo);
      if (!c) throw new ApiFailure('not-found', 'No case has that notice number.');
      const { deadlineNearDays } = getSettings(db);
      return {
        case: c,
        deadline: c.entryDate ? entryDeadline(c.entryDate, chinaDate(now()), deadlineNearDays) : null,
        usccValid: isValidUscc(c.employer.uscc),
        noticeValidUntil: c.notice ? noticeValidUntil(c.notice.issuedOn, c.notice.validMonths) : null,
      };
    },
  },
};
