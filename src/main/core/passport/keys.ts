import type { PermitCase } from '../../../shared/cases';
import type { ChipKeySource, PassportExpectation } from '../../../shared/passport';
import type { VerificationDraft } from '../../../shared/verification';
import type { BacKey } from '../emrtd/bac';

/** A key to try, and where it came from (said on screen when the chip refuses it). */
export interface KeyCandidate {
  key: BacKey;
  source: ChipKeySource;
}

const YYMMDD = /^\d{6}$/;

/**
 * The key in the second line of a TD3 (44 characters) or TD2 (36) zone: the document number (0–8),
 * the birth date (13–18) and the expiry date (21–26). The chip itself judges it: a line whose check
 * digits fail is still tried, since the line on the page is what the state printed.
 */
export function keyFromMrzLine(line2: string): BacKey | null {
  const line = line2.trim().toUpperCase();
  if (!/^[A-Z0-9<]{44}$|^[A-Z0-9<]{36}$/.test(line)) return null;
  const key = { documentNumber: line.slice(0, 9).replace(/<+$/, ''), birthDate: line.slice(13, 19), expiryDate: line.slice(21, 27) };
  return key.documentNumber && YYMMDD.test(key.birthDate) && YYMMDD.test(key.expiryDate) ? key : null;
}

/** A date as YYMMDD: from YYYY-MM-DD, or already so. */
export function yymmdd(date: string | null | undefined): string | null {
  if (!date) return null;
  const d = date.trim();
  if (YYMMDD.test(d)) return d;
  const m = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(d);
  return m ? `${m[1]}${m[2]}${m[3]}` : null;
}

/**
 * The keys to open a passport laid on the reader with, best first: the MRZ the visit has (typed, from a
 * passport reader, or read from the page's image), then the passport number and birth date the clerk
 * recorded (else the case's) with the expiry date the clerk typed. None when nothing gives all three.
 */
export function chipKeys(expectation: PassportExpectation, c: PermitCase | null, draft: VerificationDraft | null): KeyCandidate[] {
  if ('mrz' in expectation) {
    const key = keyFromMrzLine(expectation.mrz);
    return key ? [{ key, source: 'typed' }] : [];
  }
  const out: KeyCandidate[] = [];
  const fromMrz = draft?.mrz ? keyFromMrzLine(draft.mrz.line2) : null;
  if (fromMrz) out.push({ key: fromMrz, source: 'mrz' });
  const passport = draft?.materials.find((m) => m.code === 'passport')?.fields ?? {};
  const documentNumber = (passport.passportNo?.trim() || c?.applicant.passportNo || '').toUpperCase().replace(/\s+/g, '');
  const birthDate = yymmdd(passport.birthDate?.trim() || c?.applicant.birthDate);
  const expiryDate = yymmdd(expectation.expiryDate);
  if (/^[A-Z0-9]{1,9}$/.test(documentNumber) && birthDate && expiryDate) {
    const key = { documentNumber, birthDate, expiryDate };
    if (!out.some((k) => JSON.stringify(k.key) === JSON.stringify(key))) out.push({ key, source: 'case' });
  }
  return out;
}
