/**
 * A passport's chip as the window reads it (passport-chip.md): the verdict of passive authentication,
 * the MRZ its DG1 holds and the face image of its DG2.
 */
export type PassiveVerdict = 'valid' | 'hash-mismatch' | 'bad-signature' | 'unknown-csca' | 'no-sod';
export const PASSIVE_VERDICTS: readonly PassiveVerdict[] = ['valid', 'hash-mismatch', 'bad-signature', 'unknown-csca', 'no-sod'];

/** Why a chip was not read: refused access, no chip on the reader, the passport or the reader gone, or no MRZ to open it with. */
export type ChipAccessProblem = 'access-denied' | 'no-chip' | 'card-removed' | 'reader-removed' | 'read-failed' | 'no-key';

export interface ChipDg1 {
  lines: string[];
  fields: { documentNumber: string; surname: string; givenNames: string; nationality: string; birthDate: string; sex: string; expiryDate: string };
}

/** A chip read whole, or why not. `ok` only for a full read whose passive authentication is `valid`. */
export interface PassportRead {
  ok: boolean;
  access: 'BAC' | 'PACE' | null;
  dg1: ChipDg1 | null;
  /** The face image: its type, its size in bytes, and the bytes in base64. */
  photo: { mime: 'image/jpeg' | 'image/jp2'; bytes: number; base64: string } | null;
  passiveAuthentication: PassiveVerdict | 'not-checked';
  problems: string[];
}

/** Where the key that opened (or failed to open) the chip came from. */
export type ChipKeySource = 'mrz' | 'case' | 'typed';

/** A read at the window, as the core announces it: `readId` names it for a draft. */
export interface ChipRead extends PassportRead {
  readId: number;
  at: string;
  /** The key tried (null when none could be made: `no-key`). */
  key: ChipKeySource | null;
  /** The case the window expected the passport for (null: the police screen, or nothing open). */
  noticeNo: string | null;
  /** The face image as a JPEG the screen can show (a JPEG 2000 decoded), base64; null when it cannot be shown. */
  faceJpeg: string | null;
}

/** What the window expects a passport laid on the reader to be, so the chip can be opened without asking. */
export type PassportExpectation =
  /** A clerk's verification of this case is open: the key from its MRZ, else its passport number and birth date with the expiry typed. */
  | { noticeNo: string; expiryDate?: string }
  /** The police screen: the MRZ's second line the officer typed or scanned. */
  | { mrz: string };

/** What a record keeps of the chip: how it was opened and its verdict, or that the passport has none. */
export interface ChipEvidence {
  access: 'BAC' | 'PACE' | null;
  passiveAuthentication: PassiveVerdict | 'no-chip';
  documentNumber: string | null;
}
