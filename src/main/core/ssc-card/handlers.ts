import { z } from 'zod';
import type { CardsHandlers } from '../../../shared/handlers';
import { ApiFailure } from '../api/failure';
import type { HandlerTable } from '../api/handler-spec';
import { getCase, searchCases } from '../cases/cases';
import { caseView } from '../cases/handlers';
import { compactId } from '../cases/search-terms';
import { compareCardWithCase } from './match-case';

export const cardsHandlers: HandlerTable<CardsHandlers> = {
  'cards.match': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ readId: z.number().int().min(1), noticeNo: z.string().min(1).max(64).optional() }),
    run: ({ db, now, cardRead }, { readId, noticeNo }) => {
      const card = cardRead(readId);
      if (!card) throw new ApiFailure('not-found', 'That card read is no longer held; insert the card again.');
      let found = noticeNo ? getCase(db, noticeNo) : null;
      if (!noticeNo && card.ssn) {
        // The card number is not in the case data; the social security number is.
        const ssn = compactId(card.ssn);
        found =
          searchCases(db, card.ssn, 5)
            .map((s) => getCase(db, s.noticeNo))
            .find((c) => !!c?.applicant.ssn && compactId(c.applicant.ssn) === ssn) ?? null;
      }
      return { card, case: found ? caseView(db, found, now()) : null, differences: found ? compareCardWithCase(card, found) : [] };
    },
  },
};
