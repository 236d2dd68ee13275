import type { PermitCase } from '../../../shared/cases';
import type { CardDifference, SscCardData } from '../../../shared/ssc-card';
import { sameName } from '../cases/compare-permit';
import { compactId } from '../cases/search-terms';

/**
 * Where the card and the case disagree: social security number, name (with its extension; the card
 * may carry the passport name or the Chinese name, so either matches, compared as the permit QR's
 * names are), and birth date. A field the card lacks (no PSAM) is not compared.
 */
export function compareCardWithCase(card: SscCardData, c: PermitCase): CardDifference[] {
  const out: CardDifference[] = [];
  const a = c.applicant;
  if (card.ssn && (!a.ssn || compactId(card.ssn) !== compactId(a.ssn))) out.push({ field: 'ssn', card: card.ssn, case: a.ssn ?? '' });
  if (card.name && !sameName(card.name, a.name) && !(a.nameZh && sameName(card.name, a.nameZh))) {
    out.push({ field: 'name', card: card.name, case: a.nameZh ? `${a.name} / ${a.nameZh}` : a.name });
  }
  if (card.birthDate && card.birthDate !== a.birthDate) out.push({ field: 'birthDate', card: card.birthDate, case: a.birthDate });
  return out;
}
