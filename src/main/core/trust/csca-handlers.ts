import { z } from 'zod';
import type { CscaListStatus } from '../../../shared/evidence';
import type { PassportHandlers } from '../../../shared/handlers';
import type { HandlerTable } from '../calls/handler-spec';
import { ApiFailure } from '../failures/failure';
import { CscaListError, cscaStatus, importCscaList } from './csca-list';


function withAge(db: Parameters<typeof cscaStatus>[0], now: Date): CscaListStatus | null {
  const s = cscaStatus(db);
  return s ? { ...s, ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(s.issuedAt)) / 86_400_000)) } : null;
}

/** The CSCA list in Settings: seen by administrators and supervisors, imported by an administrator. */
export const cscaHandlers: HandlerTable<PassportHandlers> = {
  'passport.cscaStatus': {
    access: ['admin', 'supervisor'],
    input: z.strictObject({}),
    run: ({ db, now }) => withAge(db, now()),
  },
  'passport.importCscas': {
    access: ['admin'],
    // A master list of every state's CSCAs is a few hundred KB; base64 within one frame.
    input: z.strictObject({ base64: z.string().min(4).max(3_900_000).regex(/^[A-Za-z0-9+/]*={0,2}$/) }),
    run: ({ db, now, session }, p) => {
      try {
        importCscaList(db, Buffer.from(p.base64, 'base64'), session.account!.username, now());
      } catch (err) {
        if (err instanceof CscaListError) throw new ApiFailure('invalid-request', err.message, ['base64']);
        throw err;
      }
      return withAge(db, now());
    },
  },
};
