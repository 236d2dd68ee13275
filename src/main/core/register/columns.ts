import type { RegisterFigures } from '../../../shared/register';

/**
 * The register's figures as columns, one list for the workbook and the PDF: a heading in Chinese and
 * English, and a short one for the PDF's narrow columns. `pdf: false` leaves a column to the
 * workbook (the PDF sums the grades into all evaluations and the dissatisfied).
 */
export interface FigureColumn {
  key: string;
  header: string;
  short: [zh: string, en: string];
  of: (f: RegisterFigures) => number;
  pdf: boolean;
}

const evaluations = (f: RegisterFigures) => Object.values(f.evaluations).reduce((a, b) => a + b, 0);

export const FIGURE_COLUMNS: FigureColumn[] = [
  { key: 'approved', header: '核验准予 Verified: approved', short: ['准予', 'Approved'], of: (f) => f.verifications.approved, pdf: true },
  { key: 'supplement', header: '核验补正 Verified: supplements', short: ['补正', 'Suppl.'], of: (f) => f.verifications.supplement, pdf: true },
  { key: 'rejected', header: '核验不予 Verified: rejected', short: ['不予', 'Rejected'], of: (f) => f.verifications.rejected, pdf: true },
  { key: 'corrections', header: '更正 Corrections', short: ['更正', 'Corr.'], of: (f) => f.corrections, pdf: false },
  { key: 'grant', header: '准予决定书 Grants issued', short: ['准予书', 'Grants'], of: (f) => f.issued.grant, pdf: true },
  { key: 'refusal', header: '不予决定书 Refusals issued', short: ['不予书', 'Refusals'], of: (f) => f.issued.refusal, pdf: true },
  { key: 'supplementNotice', header: '补正通知书 Supplement notices', short: ['补正书', 'Notices'], of: (f) => f.issued.supplement, pdf: true },
  { key: 'service', header: '送达回证 Proofs of service', short: ['送达', 'Service'], of: (f) => f.issued.service, pdf: true },
  { key: 'reprinted', header: '重印 Reprinted', short: ['重印', 'Reprint'], of: (f) => f.reprinted, pdf: true },
  { key: 'voided', header: '作废 Voided', short: ['作废', 'Void'], of: (f) => f.voided, pdf: true },
  ...(['5', '4', '3', '2', '1'] as const).map((g) => ({ key: `grade${g}`, header: `评价 ${g} Evaluations: grade ${g}`, short: [`${g}级`, `Grade ${g}`] as [string, string], of: (f: RegisterFigures) => f.evaluations[g], pdf: false })),
  { key: 'evaluations', header: '评价合计 Evaluations', short: ['评价', 'Evals'], of: evaluations, pdf: true },
  { key: 'dissatisfied', header: '不满意（1–2 级）Dissatisfied (grades 1–2)', short: ['不满意', 'Grade 1-2'], of: (f) => f.evaluations['1'] + f.evaluations['2'], pdf: true },
];
