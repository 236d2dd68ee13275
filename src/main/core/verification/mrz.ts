import { checkDigit } from '../mrz/format';

/**
 * Machine-readable zone check digits (ICAO Doc 9303, part 3 §4.9: weights 7, 3, 1 over digits,
 * letters A=10…Z=35 and the filler < = 0), for passports (TD3: two lines of 44) and TD2 documents
 * (two lines of 36). A problem names the field whose check digit fails, or `format`.
 */
export type MrzProblem =
  | 'format'
  | 'check-digit:document-number'
  | 'check-digit:birth-date'
  | 'check-digit:expiry-date'
  | 'check-digit:personal-number'
  | 'check-digit:composite';

export interface MrzFields {
  documentNumber: string;
  nationality: string;
  birthDate: string;
  sex: string;
  expiryDate: string;
  surname: string;
  givenNames: string;
}

/** The check digit of a field (weights 7, 3, 1), as the page reader computes it. */
export const mrzCheckDigit = checkDigit;

const LINE = /^[A-Z0-9<]+$/;

export function checkMrz(line1: string, line2: string): { ok: boolean; problems: MrzProblem[]; fields: MrzFields | null } {
  const l1 = line1.trim().toUpperCase();
  const l2 = line2.trim().toUpperCase();
  const length = l1.length;
  if ((length !== 44 && length !== 36) || l2.length !== length || !LINE.test(l1) || !LINE.test(l2)) {
    return { ok: false, problems: ['format'], fields: null };
  }
  const td3 = length === 44;
  const problems: MrzProblem[] = [];
  const digitOk = (field: string, check: string) => check === mrzCheckDigit(field);
  if (!digitOk(l2.slice(0, 9), l2[9])) problems.push('check-digit:document-number');
  if (!digitOk(l2.slice(13, 19), l2[19])) problems.push('check-digit:birth-date');
  if (!digitOk(l2.slice(21, 27), l2[27])) problems.push('check-digit:expiry-date');
  if (td3) {
    const personal = l2.slice(28, 42);
    // An empty personal number may carry < or 0 as its check digit.
    const emptyOk = /^<+$/.test(personal) && (l2[42] === '<' || l2[42] === '0');
    if (!emptyOk && !digitOk(personal, l2[42])) problems.push('check-digit:personal-number');
    if (!digitOk(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43), l2[43])) problems.push('check-digit:composite');
  } else if (!digitOk(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 35), l2[35])) {
    problems.push('check-digit:composite');
  }
  const [surname, given = ''] = l1.slice(5).split('<<');
  return {
    ok: problems.length === 0,
    problems,
    fields: {
      documentNumber: l2.slice(0, 9).replace(/<+$/, ''),
      nationality: l2.slice(10, 13).replace(/</g, ''),
      birthDate: l2.slice(13, 19),
      sex: l2[20],
      expiryDate: l2.slice(21, 27),
      surname: surname.replace(/</g, ' ').trim(),
      givenNames: given.replace(/</g, ' ').trim(),
    },
  };
}
