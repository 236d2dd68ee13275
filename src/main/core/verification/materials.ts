import type { PermitCase } from '../../../shared/cases';
import type { ChecklistItem, MaterialEntry, MaterialField, MaterialProblem } from '../../../shared/verification';
import { sameName } from '../cases/compare-permit';
import { compactId } from '../cases/search-terms';
import { addMonths, isCalendarDate } from '../dates/calendar';

/**
 * The materials a holder brings to the window, one entry each with its basis, what the window keeps
 * (original seen, or a photocopy retained) and the fields read from it and compared with the case.
 * The case's own `materials` list (from the application) adds lines this table does not name.
 * Decided where the published answers are silent: a Category A case gets the same checklist, every
 * line not applicable unless the clerk records otherwise, since A holders need not come.
 */
interface MaterialRule {
  code: string;
  expected: 'original_seen' | 'copy_retained';
  basis: { zh: string; en: string };
  /** Null when the material does not apply to this case. */
  applies(c: PermitCase): boolean;
  fields(c: PermitCase): MaterialField[];
}

const field = (key: string, caseValue: string | null | undefined, kind: MaterialField['kind']): MaterialField => ({
  key,
  caseValue: caseValue ?? null,
  kind,
});

const ORIGINALS_BASIS = {
  zh: '申请人应携带申请时提交的全部材料原件到受理窗口核验。',
  en: 'The holder brings the originals of all materials filed with the application to the window.',
};

export const MATERIAL_RULES: MaterialRule[] = [
  {
    code: 'passport',
    expected: 'original_seen',
    basis: {
      zh: '护照原件；姓名应与护照完全一致，且与申请时一致。',
      en: 'The original passport; names follow the passport exactly, as at application.',
    },
    applies: () => true,
    fields: (c) => [
      field('passportNo', c.applicant.passportNo, 'id'),
      field('name', c.applicant.name, 'name'),
      field('birthDate', c.applicant.birthDate, 'date'),
      field('nationality', c.applicant.nationality, 'id'),
    ],
  },
  {
    code: 'work-visa-or-residence-permit',
    expected: 'copy_retained',
    basis: {
      zh: '有效工作签证（Z字）或工作类居留许可复印件。',
      en: 'A photocopy of a valid work visa (Z) or work-type residence permit.',
    },
    applies: () => true,
    fields: () => [field('documentNo', null, 'id'), field('expiry', null, 'date')],
  },
  {
    code: 'employer-seal-copy',
    expected: 'copy_retained',
    basis: { zh: '用人单位公章复印件。', en: "A photocopy of the employer's official seal." },
    applies: () => true,
    fields: () => [],
  },
  {
    code: 'contract',
    expected: 'original_seen',
    basis: {
      zh: '劳动合同（工作90日以上）：中文，载明双方、工作地点、岗位、职责、薪酬、在华工作时间，签字盖章页；生效日期在申请之日起90日内，且与申请时一致。',
      en: 'The contract (over 90 days of work): in Chinese, naming both parties, work place, position, duties, salary and working hours in China, seal page signed and stamped; effective within 90 days of the application and unchanged since.',
    },
    applies: () => true,
    fields: (c) => [field('start', c.contract?.start, 'date'), field('end', c.contract?.end, 'date'), field('signed', c.contract?.signed, 'date')],
  },
  {
    code: 'medical-report',
    expected: 'original_seen',
    basis: {
      zh: '境内检验检疫机构6个月内出具的体检报告；申请时已上传境外指定机构6个月内体检报告的，实行告知承诺，办理居留许可前补交境内报告。',
      en: 'A medical report issued in China by an inspection and quarantine institution within 6 months; where one from a designated institution abroad, dated within 6 months, was uploaded with the application, the domestic report follows before the residence permit (commitment).',
    },
    // Under the commitment system the domestic report is not due at the window.
    applies: (c) => c.medical?.kind !== 'commitment',
    fields: (c) => [field('issuedOn', c.medical?.issuedOn, 'date'), field('issuer', c.medical?.issuer, 'text')],
  },
  {
    code: 'photo',
    expected: 'original_seen',
    basis: {
      zh: '本人照片：JPEG格式，40–120KB，354×472至420×560像素，24位彩色，白色背景，正面免冠（因宗教原因可戴头巾，面部须完全露出）。',
      en: "The applicant's photo: JPEG, 40–120 KB, 354×472 to 420×560 pixels, 24-bit colour, white background, frontal and bare-headed (head covering only for religious reasons, face fully visible).",
    },
    applies: () => true,
    fields: () => [],
  },
];

/** The checklist for a case: the table's lines, then any material the application named besides. */
export function checklistFor(c: PermitCase): ChecklistItem[] {
  const listed = new Map((c.materials ?? []).map((m) => [m.code, m.required]));
  const items: ChecklistItem[] = MATERIAL_RULES.map((r) => {
    const applies = c.category !== 'A' && r.applies(c);
    return {
      code: r.code,
      required: applies,
      expected: applies ? r.expected : 'not_applicable',
      basis: r.basis,
      fields: r.fields(c),
    };
  });
  for (const [code, required] of listed) {
    if (items.some((i) => i.code === code)) continue;
    const applies = c.category !== 'A' && required;
    items.push({ code, required: applies, expected: applies ? 'original_seen' : 'not_applicable', basis: ORIGINALS_BASIS, fields: [] });
  }
  return items;
}

function sameValue(kind: MaterialField['kind'], a: string, b: string): boolean {
  if (kind === 'name') return sameName(a, b);
  if (kind === 'id') return compactId(a) === compactId(b);
  return a.trim() === b.trim();
}

/**
 * What a machine can say about the recorded materials: a required one missing, a field that differs
 * from the case, a date that is not a date, a visa or residence permit expired, a medical report
 * older than the window allows (a domestic one). Empty fields are not compared (the clerk may not have typed them).
 */
export function materialProblems(c: PermitCase, entries: MaterialEntry[], today: string, medicalValidMonths: number): MaterialProblem[] {
  const checklist = checklistFor(c);
  const out: MaterialProblem[] = [];
  const byCode = new Map(entries.map((e) => [e.code, e]));
  for (const item of checklist) {
    const e = byCode.get(item.code);
    if (item.required && (!e || e.evidence === 'missing' || e.evidence === 'not_applicable')) {
      out.push({ code: item.code, field: null, problem: 'missing-required', detail: e?.evidence ?? 'not recorded' });
    }
    if (!e) continue;
    for (const f of item.fields) {
      const typed = e.fields[f.key]?.trim();
      if (!typed) continue;
      if (f.kind === 'date' && !isCalendarDate(typed)) {
        out.push({ code: item.code, field: f.key, problem: 'bad-date', detail: typed });
        continue;
      }
      if (f.caseValue !== null && !sameValue(f.kind, typed, f.caseValue)) {
        out.push({ code: item.code, field: f.key, problem: 'differs-from-case', detail: `${typed} ≠ ${f.caseValue}` });
      }
    }
    const expiry = e.fields.expiry?.trim();
    if (item.code === 'work-visa-or-residence-permit' && expiry && isCalendarDate(expiry) && expiry < today) {
      out.push({ code: item.code, field: 'expiry', problem: 'expired', detail: expiry });
    }
    const issued = e.fields.issuedOn?.trim();
    // An overseas report is judged at the application (rules.ts); a domestic one is judged today.
    if (item.code === 'medical-report' && c.medical?.kind === 'domestic' && issued && isCalendarDate(issued)) {
      const until = addMonths(issued, medicalValidMonths);
      if (until !== null && today > until) out.push({ code: item.code, field: 'issuedOn', problem: 'not-recent', detail: `${issued} → ${until}` });
    }
  }
  return out;
}
