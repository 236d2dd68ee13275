import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { decisionFont } from './fonts';

/** What a Decision to Grant Administrative Licence says; every value comes from the case and settings. */
export interface DecisionContent {
  number: string;
  authorityName: string;
  authorityNameEn: string;
  officeAddress: string;
  officePhone: string;
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

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const INK = '#000000';
const RED = '#b00000';

const zhDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * Latin text (Windows-1252) is set in the PDF's standard Times, everything else in the Chinese font.
 * Why: a printed decision passes through the spooler's PDF → PostScript → PDF filters, and those keep
 * the text of a standard font and of Chinese glyphs, but lose it for Latin glyphs of an embedded CID
 * font (measured through CUPS with cups-pdf): the copy a printer makes must still read back.
 */
const LATIN = /^[\x20-\x7e\u00a0-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014]+$/;
const RUNS = /[\x20-\x7e\u00a0-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014]+|[^\x20-\x7e\u00a0-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014]+/g;

interface Place {
  x: number;
  y?: number;
  width: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
  lineGap?: number;
  indent?: number;
}

class Typesetter {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private font(run: string) {
    return LATIN.test(run) ? 'Times-Roman' : 'cjk';
  }

  /**
   * Where the baseline sits below the top of a line, the Chinese font's: every run of a line is set on
   * it, so Times and the Chinese font share one baseline (pdfkit's own default is each font's ascender).
   */
  private baseline(size: number): number {
    this.doc.font('cjk').fontSize(size);
    return -((this.doc as unknown as { _font: { ascender: number } })._font.ascender / 1000) * size;
  }

  width(text: string, size: number): number {
    return (text.match(RUNS) ?? []).reduce((w, r) => w + this.doc.font(this.font(r)).fontSize(size).widthOfString(r), 0);
  }

  /** One line, centred or aligned right, made smaller if it would not fit; the cursor moves below it. */
  line(text: string, size: number, p: Place): void {
    const doc = this.doc;
    let s = size;
    while (s > 6 && this.width(text, s) > p.width) s -= 0.5;
    const w = this.width(text, s);
    let x = p.align === 'center' ? p.x + (p.width - w) / 2 : p.align === 'right' ? p.x + p.width - w : p.x;
    const y = p.y ?? doc.y;
    const baseline = this.baseline(s);
    doc.fillColor(p.color ?? INK);
    for (const r of text.match(RUNS) ?? []) {
      doc.font(this.font(r)).fontSize(s).text(r, x, y, { lineBreak: false, baseline });
      x += doc.widthOfString(r);
    }
    doc.x = p.x;
    doc.y = y + doc.font('cjk').fontSize(s).currentLineHeight(true);
  }

  /** A paragraph wrapped to the width, the runs continuing one another. */
  para(text: string, size: number, p: Place): void {
    const doc = this.doc;
    const runs = text.match(RUNS) ?? [''];
    const baseline = this.baseline(size);
    doc.fillColor(p.color ?? INK);
    runs.forEach((r, i) => {
      const opts = { width: p.width, lineGap: p.lineGap ?? 0, indent: i === 0 ? (p.indent ?? 0) : 0, continued: i < runs.length - 1, baseline };
      doc.font(this.font(r)).fontSize(size);
      if (i === 0) doc.text(r, p.x, p.y ?? doc.y, opts);
      else doc.text(r, opts);
    });
    doc.x = p.x;
  }
}

/** The decision as A4 PDF bytes: Chinese first, English beneath, on the office's letterhead. */
export async function renderDecisionPdf(d: DecisionContent): Promise<Buffer> {
  const font = decisionFont();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `准予行政许可决定书 ${d.number}${d.copyNo ? ` 副本 COPY ${d.copyNo}` : ''}`,
      Author: d.authorityName,
      Subject: 'Decision to Grant Administrative Licence',
      // Fixed to the decision's day, so that the same decision renders to the same text.
      CreationDate: new Date(`${d.issuedOn}T00:00:00+08:00`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.bytes, font.face || undefined);
  const t = new Typesetter(doc);
  const width = A4.width - 2 * MARGIN;
  const full = { x: MARGIN, width };

  // Letterhead.
  t.line(d.authorityName, 20, { ...full, align: 'center', color: RED });
  if (d.authorityNameEn) t.line(d.authorityNameEn, 10.5, { ...full, align: 'center', color: RED });
  const contact = [d.officeAddress, d.officePhone && `电话 Tel. ${d.officePhone}`].filter(Boolean).join('   ');
  if (contact) t.line(contact, 8.5, { ...full, align: 'center' });
  const ruleY = doc.y + 4;
  doc.moveTo(MARGIN, ruleY).lineTo(A4.width - MARGIN, ruleY).lineWidth(1.5).strokeColor(RED).stroke();
  doc.y = ruleY + 14;

  if (d.copyNo > 0) t.line(`副本 COPY  第${d.copyNo}份 No. ${d.copyNo}`, 12, { ...full, align: 'right', color: RED });
  t.line('准予行政许可决定书', 18, { ...full, align: 'center' });
  t.line('Decision to Grant Administrative Licence', 12, { ...full, align: 'center' });
  doc.y += 6;
  t.line(d.number, 11.5, { ...full, align: 'center' });
  doc.y += 12;

  const a = d.applicant;
  const rows: [string, string, string][] = [
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
  ];
  const labelWidth = 150;
  for (const [zh, en, value] of rows) {
    const y = doc.y;
    t.line(zh, 10.5, { x: MARGIN, y, width: labelWidth });
    t.line(en, 7.5, { x: MARGIN, width: labelWidth, color: '#444444' });
    const labelBottom = doc.y;
    t.para(value || '—', 10.5, { x: MARGIN + labelWidth, y, width: width - labelWidth });
    doc.y = Math.max(labelBottom, doc.y) + 5;
  }
  doc.y += 8;

  const paragraph = (zh: string, en: string) => {
    t.para(zh, 10.5, { ...full, lineGap: 2, indent: 21 });
    doc.y += 2;
    t.para(en, 9, { ...full, lineGap: 1, color: '#333333' });
    doc.y += 9;
  };
  paragraph(
    `${a.nameZh ?? a.name}、${d.employer.name}：经审查，你（单位）提出的外国人来华工作许可申请符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予行政许可。`,
    `Having examined the application for a work permit for a foreigner working in China, this authority finds that it meets the statutory conditions and standards and, under Article 38(1) of the Administrative Licensing Law of the People\u2019s Republic of China, decides to grant the administrative licence.`,
  );
  paragraph(
    '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。',
    'If you do not accept this decision, you may apply for administrative reconsideration within 60 days of receiving it, or bring an administrative lawsuit before a people\u2019s court within 6 months of receiving it.',
  );

  // The permit's QR at the left and the seal area with the date at the right, below the text (or at
  // the foot of the page when the text is short, where a seal is expected).
  const side = 110;
  // Everything from here is placed at fixed positions on this one page: no automatic page break.
  doc.page.margins.bottom = 0;
  const top = Math.max(doc.y + 6, A4.height - MARGIN - side - 20);
  const sealX = A4.width - MARGIN - 230;
  doc.circle(sealX + 140, top + 45, 45).dash(3, { space: 3 }).lineWidth(0.8).strokeColor('#999999').stroke().undash();
  t.line('（盖章）Seal', 8, { x: sealX + 80, y: top + 40, width: 120, align: 'center', color: '#999999' });
  t.line(d.authorityName, 11, { x: sealX, y: top + 95, width: 230, align: 'right' });
  t.line(`${zhDate(d.issuedOn)}  ${d.issuedOn}`, 11, { x: sealX, y: doc.y + 2, width: 230, align: 'right' });

  if (d.qrText) {
    const qr = QRCode.create(d.qrText, { errorCorrectionLevel: 'M' });
    const size = qr.modules.size;
    const cell = side / (size + 8);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) if (qr.modules.get(r, c)) doc.rect(MARGIN + (c + 4) * cell, top + (r + 4) * cell, cell, cell);
    }
    doc.fillColor(INK).fill();
    t.line('扫码核验工作许可 Scan to verify the work permit', 7.5, { x: MARGIN, y: top + side + 2, width: 220 });
  }
  if (d.copyNo > 0) {
    doc.save().rotate(-35, { origin: [A4.width / 2, A4.height / 2] }).fillOpacity(0.12);
    t.line('副本 COPY', 90, { x: 0, y: A4.height / 2 - 50, width: A4.width, align: 'center', color: RED });
    doc.restore();
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
