import { z } from 'zod';
import { CALLBACK_WAYS } from '../../../shared/follow-ups';
import type { FollowUpHandlers } from '../../../shared/handlers';
import type { HandlerTable } from '../calls/handler-spec';
import { chinaDate } from '../dates/calendar';
import { closeFollowUp, listFollowUps, saveFollowUp } from './follow-ups';

const entry = {
  evaluationId: z.string().min(1).max(64),
  checked: z.string().max(2000),
  putRight: z.string().max(2000),
  callback: z.strictObject({
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    how: z.enum(CALLBACK_WAYS).nullable(),
    said: z.string().max(2000),
  }),
};

/** The office's supervisors follow dissatisfied evaluations up; a clerk does not see them here. */
export const followUpHandlers: HandlerTable<FollowUpHandlers> = {
  'followUps.list': {
    access: ['supervisor'],
    input: z.strictObject({}),
    run: ({ db, now }) => listFollowUps(db, chinaDate(now())),
  },
  'followUps.save': {
    access: ['supervisor'],
    input: z.strictObject(entry),
    run: ({ db, now, session }, p) => saveFollowUp(db, p.evaluationId, p, session.account!.username, now()),
  },
  'followUps.close': {
    access: ['supervisor'],
    input: z.strictObject(entry),
    run: ({ db, now, session }, p) => closeFollowUp(db, p.evaluationId, p, session.account!.username, now()),
  },
};
