import QRCode from 'qrcode';
import { fieldRows, heading, MARGIN, openDocument, paragraph, sealBlock, copyMark, zhDate, type Letterhead } from '../pdf/document-pdf';

/** What a Decision to Grant Administrative Licence says; every value comes from the case and settings. */
export interface GrantContent extends Letterhead {
  /** Absent in decisions archived before the other documents existed: those are grants. */
  type?: 'grant';
  number: string;
  applicant: { name: string; nameZh: string | null; nationality: string; passportNo: string };
  employer: { name: string; uscc: string };
  permitNo: string;
  category: string;
  position: string;
  workPlace: string;
  validFrom: string;
  validTo: string;
  /** The decision's date (YYYY-MM-DD, Beijing). */
  issuedOn: string;
  /** The permit's signed WPN1 code as scanned at verification, so the paper can be checked offline. */
  qrText: string | null;
  /** 0 for the original; n for the n-th reprint, marked 副本 / COPY. */
  copyNo: number;
}

/** The grant as A4 PDF: Chinese first, English beneath, on the office's letterhead, with the permit's QR. */
export async function renderGrantPdf(d: GrantContent): Promise<{ pdf: Buffer; pages: number }> {
  const p = openDocument({
    title: `准予行政许可决定书 ${d.number}${d.copyNo ? ` 副本 COPY ${d.copyNo}` : ''}`,
    author: d.authorityName,
    subject: 'Decision to Grant Administrative Licence',
    day: d.issuedOn,
  });
  heading(p, d, { zh: '准予行政许可决定书', en: 'Decision to Grant Administrative Licence' });
  const a = d.applicant;
  fieldRows(p, [
    ['申请人', 'Applicant', a.nameZh ? `${a.name}（${a.nameZh}）` : a.name],
    ['国籍', 'Nationality', a.nationality],
    ['护照号码', 'Passport No.', a.passportNo],
    ['用人单位', 'Employer', d.employer.name],
    ['统一社会信用代码', 'Unified social credit code', d.employer.uscc],
    ['许可事项', 'Item licensed', '外国人来华工作许可 Work permit for foreigners working in China'],
    ['许可证号 / 类别', 'Permit No. / category', `${d.permitNo} / ${d.category}类 Category ${d.category}`],
    ['工作岗位', 'Position', d.position],
    ['工作地点', 'Work place', d.workPlace],
    ['有效期', 'Validity', `${zhDate(d.validFrom)}至${zhDate(d.validTo)}  ${d.validFrom} to ${d.validTo}`],
  ]);
  paragraph(
    p,
    `${a.nameZh ?? a.name}、${d.employer.name}：经审查，你（单位）提出的外国人来华工作许可申请符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予行政许可。`,
    `Having examined the application for a work permit for a foreigner working in China, this authority finds that it meets the statutory conditions and standards and, under Article 38(1) of the Administrative Licensing Law of the People\u2019s Republic of China, decides to grant the administrative licence.`,
  );
  paragraph(
    p,
    '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。',
    'If you do not accept this decision, you may apply for administrative reconsideration within 60 days of receiving it, or bring an administrative lawsuit before a people\u2019s court within 6 months of receiving it.',
  );
  // The permit's QR at the left of the seal area, so the paper can be checked offline.
  sealBlock(p, d, (top) => {
    if (!d.qrText) return;
    const side = 110;
    const qr = QRCode.create(d.qrText, { errorCorrectionLevel: 'M' });
    const size = qr.modules.size;
    const cell = side / (size + 8);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) if (qr.modules.get(r, c)) p.doc.rect(MARGIN + (c + 4) * cell, top + (r + 4) * cell, cell, cell);
    }
    p.doc.fillColor('#000000').fill();
    p.t.line('扫码核验工作许可 Scan to verify the work permit', 7.5, { x: MARGIN, y: top + side + 2, width: 220 });
  });
  copyMark(p, d.copyNo);
  return p.finish();
}
