import type { MrzRead } from '../../../shared/evidence';
import type { ChecklistItem, MaterialEntry, VerificationDraft } from '../../../shared/verification';
import { mrzBirthDate } from '../verification/identity';

/** The materials whose page carries a machine-readable zone, and the layouts each may have. */
export const MRZ_PAGES: Record<string, readonly string[]> = {
  passport: ['TD3'],
  // A Z visa and a work-type residence permit are visa stickers (MRV-A; MRV-B where a state prints it small).
  'work-visa-or-residence-permit': ['MRV-A', 'MRV-B'],
};

/** A visa's last day, YYMMDD, as a date: visas are of this century. */
function expiryDate(yymmdd: string): string | null {
  return /^\d{6}$/.test(yymmdd) ? `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}` : null;
}

/**
 * The draft with what a page's zone says: a passport's MRZ joins the identity cross-check as a passport
 * reader's typed one does, and its fields fill the passport's lines the clerk has not typed; a visa's
 * fill its number and last day. Only a read whose every digit holds, of the layout the page should
 * have, is taken; what the clerk typed is never overwritten (a difference then shows against the case).
 */
export function fillFromMrz(draft: VerificationDraft, item: ChecklistItem, mrz: MrzRead, today: string): VerificationDraft {
  if (!mrz.ok || !mrz.fields || !mrz.format || !MRZ_PAGES[item.code]?.includes(mrz.format)) return draft;
  const f = mrz.fields;
  const read: Record<string, string | null> =
    item.code === 'passport'
      ? {
          passportNo: f.documentNumber,
          name: f.givenNames ? `${f.surname},${f.givenNames}` : f.surname,
          birthDate: mrzBirthDate(f.birthDate, today),
          nationality: f.nationality,
        }
      : { documentNo: f.documentNumber, expiry: expiryDate(f.expiryDate) };
  const existing = draft.materials.find((m) => m.code === item.code);
  const fields = { ...(existing?.fields ?? {}) };
  for (const [key, value] of Object.entries(read)) if (value && !fields[key]?.trim() && item.fields.some((x) => x.key === key)) fields[key] = value;
  const entry: MaterialEntry = existing
    ? { ...existing, fields }
    : { code: item.code, evidence: item.expected === 'not_applicable' ? 'original_seen' : item.expected, fields, note: '' };
  const materials = existing ? draft.materials.map((m) => (m.code === item.code ? entry : m)) : [...draft.materials, entry];
  return { ...draft, materials, ...(item.code === 'passport' && mrz.lines.length === 2 ? { mrz: { line1: mrz.lines[0], line2: mrz.lines[1] } } : {}) };
}
