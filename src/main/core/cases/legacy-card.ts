import type { LegacyPermitCard, PermitCase } from '../../../shared/cases';
import { REFORM_DAY } from './reform';

/**
 * The reform's transition for holders of a physical work permit card: a permit issued before
 * 1 December 2024 came as a card, and the card stays valid until the permit is extended or changed
 * ("no change, no replacement"; the employer may ask for the electronic licence instead, 电子证照换发).
 * The window tells such a permit by upstream's mark (`physicalCard: true`, a field the contract
 * tolerates) or by its validity having begun before the reform. The card's own number is the permit
 * number, which the reform kept.
 */
export function legacyCard(c: PermitCase, today: string): LegacyPermitCard | null {
  const marked = (c as { physicalCard?: unknown }).physicalCard === true;
  const before = !!c.validFrom && c.validFrom < REFORM_DAY;
  if (!marked && !before) return null;
  const validTo = c.validTo ?? null;
  return {
    permitNo: c.permitNo,
    validTo,
    state: validTo === null ? 'validity-unknown' : today <= validTo ? 'valid' : 'expired',
    by: marked ? 'upstream' : 'validity-before-reform',
  };
}
