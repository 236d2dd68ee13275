import type { FieldDifference, PermitCase } from '../../../shared/cases';
import type { PermitFields } from '../../../shared/permit-qr';
import { compactId, foldText } from './search-terms';


/**
 * Names match when they are the same letters in the same order, ignoring case, accents, spacing and
 * the punctuation between parts ("GARCÍA MÁRQUEZ,JOSÉ" = "Garcia Marquez, Jose"). Order matters:
 * a passport name is not a search term.
 */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => foldText(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

const sameId = (a: string, b: string) => compactId(a) === compactId(b);
const same = (a: string, b: string) => a.trim() === b.trim();

/** Each field where the permit in the QR and the case disagree; fields the case lacks are skipped. */
export function comparePermitWithCase(p: PermitFields, c: PermitCase): FieldDifference[] {
  const pairs: [keyof PermitFields, string | null | undefined, (a: string, b: string) => boolean][] = [
    ['nn', c.noticeNo, sameId],
    ['pn', c.permitNo, sameId],
    ['cat', c.category, same],
    ['nm', c.applicant.name, sameName],
    ['nmz', c.applicant.nameZh, same],
    ['nat', c.applicant.nationality, same],
    ['dob', c.applicant.birthDate, same],
    ['sex', c.applicant.sex, same],
    ['ppn', c.applicant.passportNo, sameId],
    ['emp', c.employer.name, same],
    ['uscc', c.employer.uscc, sameId],
    ['pos', c.position, same],
    ['loc', c.workPlace, same],
    ['vf', c.validFrom, same],
    ['vt', c.validTo, same],
    ['ssn', c.applicant.ssn, sameId],
  ];
  const out: FieldDifference[] = [];
  for (const [field, caseValue, eq] of pairs) {
    const qr = p[field];
    if (qr === undefined || caseValue === undefined || caseValue === null) continue;
    if (!eq(String(qr), caseValue)) out.push({ field, qr: String(qr), case: caseValue });
  }
  return out;
}
