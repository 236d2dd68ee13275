import type { DocumentType } from '../../../shared/verification';
import { renderGrantPdf, type GrantContent } from './grant-pdf';
import { renderRefusalPdf, type RefusalContent } from './refusal-pdf';
import { renderServicePdf, type ServiceContent } from './service-pdf';
import { renderSupplementPdf, type SupplementContent } from './supplement-pdf';

/** What any document the window issues says; archived as JSON with it, so a reprint says exactly the same. */
export type DocumentContent = GrantContent | RefusalContent | SupplementContent | ServiceContent;
export type { GrantContent, RefusalContent, ServiceContent, SupplementContent };

export const DOCUMENT_TITLES: Record<DocumentType, { zh: string; en: string }> = {
  grant: { zh: '准予行政许可决定书', en: 'Decision to Grant Administrative Licence' },
  refusal: { zh: '不予行政许可决定书', en: 'Decision Not to Grant Administrative Licence' },
  supplement: { zh: '补正材料通知书', en: 'Notice to Supplement Materials' },
  service: { zh: '送达回证', en: 'Proof of Service' },
};

/** A document type as a person reads it, in both languages: "补正材料通知书 Notice to Supplement Materials". */
export const documentName = (type: DocumentType): string => `${DOCUMENT_TITLES[type].zh} ${DOCUMENT_TITLES[type].en}`;

export const typeOf = (c: DocumentContent): DocumentType => c.type ?? 'grant';

/** The document as A4 PDF bytes, with its page count. */
export function renderDocumentPdf(c: DocumentContent): Promise<{ pdf: Buffer; pages: number }> {
  switch (c.type) {
    case 'refusal':
      return renderRefusalPdf(c);
    case 'supplement':
      return renderSupplementPdf(c);
    case 'service':
      return renderServicePdf(c);
    default:
      return renderGrantPdf(c);
  }
}
