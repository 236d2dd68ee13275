import { z } from 'zod';
import type { ChipHandlers } from '../../../shared/handlers';
import type { PassportExpectation } from '../../../shared/passport';
import type { HandlerTable } from '../calls/handler-spec';
import { getCase } from '../cases/cases';
import { ApiFailure } from '../failures/failure';
import { getDraft } from '../verification/drafts';
import type { ChipDesk } from './chip-desk';
import { chipKeys } from './keys';

const MRZ_LINE = /^[A-Za-z0-9<]{36}$|^[A-Za-z0-9<]{44}$/;

export const passportHandlers: HandlerTable<ChipHandlers, { chipDesk: ChipDesk }> = {
  'passport.expect': {
    access: ['clerk', 'supervisor', 'police'],
    input: z
      .strictObject({
        noticeNo: z.string().min(1).max(64).optional(),
        // The passport's last day as the page prints it (YYYY-MM-DD or YYMMDD), when no MRZ is at hand.
        expiryDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$|^\d{6}$/).optional(),
        mrz: z.string().trim().regex(MRZ_LINE, 'the second line of the MRZ: 44 characters (36 on a TD2)').optional(),
      })
      .refine((p) => !(p.noticeNo && p.mrz), { message: 'a case or an MRZ line, not both', path: ['mrz'] })
      .refine((p) => !p.expiryDate || p.noticeNo, { message: 'an expiry date goes with a case', path: ['expiryDate'] }),
    run: ({ db, chipDesk, session }, p) => {
      let expectation: PassportExpectation | null = null;
      if (p.mrz) expectation = { mrz: p.mrz.toUpperCase() };
      else if (p.noticeNo) {
        // A case's data opens the chip for those who work cases; the police screen types the MRZ.
        if (session.account!.role === 'police') throw new ApiFailure('forbidden', 'The police screen opens a chip with the MRZ line.');
        if (!getCase(db, p.noticeNo)) throw new ApiFailure('not-found', 'No case has that notice number.');
        expectation = { noticeNo: p.noticeNo, ...(p.expiryDate ? { expiryDate: p.expiryDate } : {}) };
      }
      chipDesk.expect(expectation);
      if (!expectation) return { key: null };
      const keys = 'noticeNo' in expectation ? chipKeys(expectation, getCase(db, expectation.noticeNo), getDraft(db, expectation.noticeNo)) : chipKeys(expectation, null, null);
      return { key: keys[0]?.source ?? null };
    },
  },
};
