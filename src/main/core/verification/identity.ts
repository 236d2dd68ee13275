import type { PermitCase } from '../../../shared/cases';
import type { PermitFields } from '../../../shared/permit-qr';
import type { SscCardData } from '../../../shared/ssc-card';
import type { IdentityRow, IdentitySource } from '../../../shared/verification';
import { sameName } from '../cases/compare-permit';
import { compactId } from '../cases/search-terms';
import type { MrzFields } from './mrz';

/** A YYMMDD birth date from an MRZ as a date: the latest century that puts it on or before today. */
export function mrzBirthDate(yymmdd: string, today: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const inThisCentury = `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  return inThisCentury <= today ? inThisCentury : `19${inThisCentury.slice(2)}`;
}

type Compare = (a: string, b: string) => boolean;
const sameId: Compare = (a, b) => compactId(a) === compactId(b);
const same: Compare = (a, b) => a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * The applicant's identity as the case, the permit QR, the social security card, the passport MRZ and
 * the passport's chip (its DG1, the MRZ as the issuing state wrote it) give it, side by side. A source that lacks a field leaves it out; a source whose value disagrees
 * with the case is named in `differs`. The card may carry either the passport name or the Chinese
 * name, so either matches.
 */
export function crossCheckIdentity(
  c: PermitCase,
  sources: { qr?: PermitFields | null; card?: SscCardData | null; mrz?: MrzFields | null; chip?: MrzFields | null },
  today: string,
): IdentityRow[] {
  const a = c.applicant;
  const { qr, card, mrz, chip } = sources;
  const nameOf = (m: MrzFields | null | undefined) => (m ? (m.givenNames ? `${m.surname},${m.givenNames}` : m.surname) : undefined);
  const sexOf = (m: MrzFields | null | undefined) => (m ? (m.sex === '<' ? 'X' : m.sex) : undefined);
  const birthOf = (m: MrzFields | null | undefined) => (m ? mrzBirthDate(m.birthDate, today) : undefined);
  const rows: { field: IdentityRow['field']; values: Partial<Record<IdentitySource, string | null | undefined>>; eq: Compare }[] = [
    {
      field: 'name',
      values: { case: a.name, qr: qr?.nm, card: card?.name, mrz: nameOf(mrz), chip: nameOf(chip) },
      eq: (v, caseName) => sameName(v, caseName) || (!!a.nameZh && sameName(v, a.nameZh)),
    },
    { field: 'birthDate', values: { case: a.birthDate, qr: qr?.dob, card: card?.birthDate, mrz: birthOf(mrz), chip: birthOf(chip) }, eq: same },
    { field: 'passportNo', values: { case: a.passportNo, qr: qr?.ppn, mrz: mrz?.documentNumber, chip: chip?.documentNumber }, eq: sameId },
    { field: 'nationality', values: { case: a.nationality, qr: qr?.nat, mrz: mrz?.nationality, chip: chip?.nationality }, eq: same },
    { field: 'sex', values: { case: a.sex, qr: qr?.sex, card: card?.sex, mrz: sexOf(mrz), chip: sexOf(chip) }, eq: same },
    { field: 'ssn', values: { case: a.ssn, qr: qr?.ssn, card: card?.ssn }, eq: sameId },
    { field: 'permitNo', values: { case: c.permitNo, qr: qr?.pn }, eq: sameId },
  ];
  return rows.map(({ field, values, eq }) => {
    const present: Partial<Record<IdentitySource, string>> = {};
    for (const [source, v] of Object.entries(values) as [IdentitySource, string | null | undefined][]) if (v) present[source] = v;
    const caseValue = present.case;
    const differs = (Object.keys(present) as IdentitySource[]).filter((s) => s !== 'case' && (caseValue === undefined || !eq(present[s]!, caseValue)));
    return { field, values: present, differs };
  });
}
