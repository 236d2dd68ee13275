import { z } from 'zod';
import type { CardsHandlers } from '../../../shared/handlers';
import { ApiFailure } from '../failures/failure';
import type { HandlerTable } from '../calls/handler-spec';
import type { SscCardData } from '../../../shared/ssc-card';
import { getCase, getCaseBySsn } from '../cases/cases';
import { caseView } from '../case-view/case-view';
import { compareCardWithCase } from './match-case';

export const cardsHandlers: HandlerTable<CardsHandlers, { cardRead: (readId: number) => SscCardData | null }> = {
  'cards.match': {
    access: ['clerk', 'supervisor'],
    input: z.strictObject({ readId: z.number().int().min(1), noticeNo: z.string().min(1).max(64).optional() }),
    run: ({ db, now, cardRead }, { readId, noticeNo }) => {
      const card = cardRead(readId);
      if (!card) throw new ApiFailure('not-found', 'That card read is no longer held; insert the card again.');
      // With no case open, the card finds it by its social security number (the card number is not
      // in the case data).
      const found = noticeNo ? getCase(db, noticeNo) : card.ssn ? getCaseBySsn(db, card.ssn) : null;
      return { card, case: found ? caseView(db, found, now()) : null, differences: found ? compareCardWithCase(card, found) : [] };
    },
  },
};
