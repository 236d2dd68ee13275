import { z } from 'zod';
import type { WorkdaysHandlers } from '../../../shared/handlers';
import { ApiFailure, parseJsonParam } from '../failures/failure';
import type { HandlerTable } from '../calls/handler-spec';
import { appendAudit } from '../audit/audit';
import { ScheduleError } from './schedule-file';
import { scheduleStatus, storeSchedule } from './schedules';

export const workdaysHandlers: HandlerTable<WorkdaysHandlers> = {
  'workdays.status': {
    access: ['clerk', 'supervisor', 'admin'],
    input: z.strictObject({}),
    run: ({ db }) => scheduleStatus(db),
  },
  'workdays.importSchedule': {
    access: ['admin'],
    input: z.strictObject({ schedule: z.string().max(200_000) }),
    run: ({ db, session, now }, { schedule }) => {
      const json = parseJsonParam(schedule, 'schedule');
      db.transaction(() => {
        try {
          const s = storeSchedule(db, json, 'import', now());
          appendAudit(db, { at: now().toISOString(), actor: session.account!.username, action: 'workdays.schedule-imported', target: String(s.year) });
        } catch (err) {
          if (err instanceof ScheduleError) throw new ApiFailure('invalid-request', `The schedule cannot be used: ${err.message}`, ['schedule']);
          throw err;
        }
      })();
      return scheduleStatus(db);
    },
  },
};
