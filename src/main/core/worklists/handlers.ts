import { z } from 'zod';
import type { WorklistsHandlers } from '../../../shared/handlers';
import { CASE_STATUSES } from '../../../shared/cases';
import { URGENCIES, WORK_KINDS } from '../../../shared/worklists';
import type { HandlerTable } from '../calls/handler-spec';
import { worklist } from './worklist';

const filter = z.strictObject({
  work: z.enum(WORK_KINDS).optional(),
  category: z.enum(['A', 'B', 'C']).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  deadline: z.enum(URGENCIES).optional(),
});

export const worklistsHandlers: HandlerTable<WorklistsHandlers> = {
  'worklists.today': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ filter, limit: z.number().int().min(1).max(500).optional() }),
    run: ({ db, now }, { filter: f, limit }) => worklist(db, now(), f, limit ?? 100),
  },
};
