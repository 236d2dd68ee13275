import PDFDocument from 'pdfkit';
import { decisionFont } from './fonts';

/**
 * What every document the window issues shares: A4, Chinese first with English beneath, the office's
 * letterhead, the title and number, labelled rows, paragraphs, the seal area with the date, and the
 * 副本 / COPY marks of a reprint. Each document's own body is in its module (grant-pdf, refusal-pdf,
 * supplement-pdf, service-pdf).
 */
export interface Letterhead {
  authorityName: string;
  authorityNameEn: string;
  officeAddress: string;
  officePhone: string;
}

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 56;
export const WIDTH = A4.width - 2 * MARGIN;
const INK = '#000000';
export const RED = '#b00000';
/** The seal area's height from its top: the seal, the name and date, and the grant's QR with its caption. */
const SEAL_HEIGHT = 135;

export const zhDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * Latin text (Windows-1252) is set in the PDF's standard Times, everything else in the Chinese font.
 * Why: a printed document passes through the spooler's PDF → PostScript → PDF filters, and those keep
 * the text of a standard font and of Chinese glyphs, but lose it for Latin glyphs of an embedded CID
 * font (measured through CUPS with cups-pdf): the copy a printer makes must still read back.
 */
const LATIN = /^[\x20-\x7e\u00a0-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014]+$/;
const RUNS = /[\x20-\x7e\u00a0-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014]+|[^\x20-\x7e\u00a0-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014]+/g;

export interface Place {
  x: number;
  y?: number;
  width: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
  lineGap?: number;
  indent?: number;
}

export class Typesetter {
  constructor(readonly doc: PDFKit.PDFDocument) {}

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

export interface Page {
  doc: PDFKit.PDFDocument;
  t: Typesetter;
  /** Ends the document: its bytes and its page count. */
  finish(): Promise<{ pdf: Buffer; pages: number }>;
}

/** A new A4 document with the Chinese font registered; the creation date is the document's day, so the same content renders to the same text. */
export function openDocument(info: { title: string; author: string; subject: string; day: string }): Page {
  const font = decisionFont();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject, CreationDate: new Date(`${info.day}T00:00:00+08:00`) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.bytes, font.face || undefined);
  return {
    doc,
    t: new Typesetter(doc),
    async finish() {
      const pages = doc.bufferedPageRange().count;
      doc.end();
      await ended;
      return { pdf: Buffer.concat(chunks), pages };
    },
  };
}

/** The letterhead in red with the rule beneath, then the COPY line of a reprint, the title and the number. */
export function heading(p: Page, d: Letterhead & { number: string; copyNo: number }, title: { zh: string; en: string }): void {
  const { doc, t } = p;
  const full = { x: MARGIN, width: WIDTH };
  t.line(d.authorityName, 20, { ...full, align: 'center', color: RED });
  if (d.authorityNameEn) t.line(d.authorityNameEn, 10.5, { ...full, align: 'center', color: RED });
  const contact = [d.officeAddress, d.officePhone && `电话 Tel. ${d.officePhone}`].filter(Boolean).join('   ');
  if (contact) t.line(contact, 8.5, { ...full, align: 'center' });
  const ruleY = doc.y + 4;
  doc.moveTo(MARGIN, ruleY).lineTo(A4.width - MARGIN, ruleY).lineWidth(1.5).strokeColor(RED).stroke();
  doc.y = ruleY + 14;
  if (d.copyNo > 0) t.line(`副本 COPY  第${d.copyNo}份 No. ${d.copyNo}`, 12, { ...full, align: 'right', color: RED });
  t.line(title.zh, 18, { ...full, align: 'center' });
  t.line(title.en, 12, { ...full, align: 'center' });
  doc.y += 6;
  t.line(d.number, 11.5, { ...full, align: 'center' });
  doc.y += 12;
}

/** Labelled rows: the Chinese label with the English beneath at the left, the value wrapped at the right. */
export function fieldRows(p: Page, rows: [string, string, string][], labelWidth = 150): void {
  const { doc, t } = p;
  for (const [zh, en, value] of rows) {
    if (doc.y > A4.height - MARGIN - 40) doc.addPage();
    const y = doc.y;
    t.line(zh, 10.5, { x: MARGIN, y, width: labelWidth });
    t.line(en, 7.5, { x: MARGIN, width: labelWidth, color: '#444444' });
    const labelBottom = doc.y;
    t.para(value || '—', 10.5, { x: MARGIN + labelWidth, y, width: WIDTH - labelWidth });
    doc.y = Math.max(labelBottom, doc.y) + 5;
  }
  doc.y += 8;
}

/** A paragraph in Chinese, indented two characters, with its English beneath in smaller type. */
export function paragraph(p: Page, zh: string, en: string): void {
  const { doc, t } = p;
  const full = { x: MARGIN, width: WIDTH };
  t.para(zh, 10.5, { ...full, lineGap: 2, indent: 21 });
  doc.y += 2;
  t.para(en, 9, { ...full, lineGap: 1, color: '#333333' });
  doc.y += 9;
}

/**
 * The seal area with the authority's name and the date at the right, at the foot of the page (where a
 * seal is expected) or below the text, on a new page when the text left no room. `left` draws what
 * sits beside it at the left (the grant's permit QR), given the block's top.
 */
export function sealBlock(p: Page, d: Letterhead & { issuedOn: string }, left?: (top: number) => void): void {
  const { doc, t } = p;
  if (doc.y + 6 + SEAL_HEIGHT > A4.height - 10) doc.addPage();
  // Everything from here is placed at fixed positions on this page: no automatic page break.
  doc.page.margins.bottom = 0;
  const top = Math.max(doc.y + 6, A4.height - MARGIN - 130);
  const sealX = A4.width - MARGIN - 230;
  doc.circle(sealX + 140, top + 45, 45).dash(3, { space: 3 }).lineWidth(0.8).strokeColor('#999999').stroke().undash();
  t.line('（盖章）Seal', 8, { x: sealX + 80, y: top + 40, width: 120, align: 'center', color: '#999999' });
  t.line(d.authorityName, 11, { x: sealX, y: top + 95, width: 230, align: 'right' });
  t.line(`${zhDate(d.issuedOn)}  ${d.issuedOn}`, 11, { x: sealX, y: doc.y + 2, width: 230, align: 'right' });
  left?.(top);
}

/** The large, faint 副本 / COPY across every page of a reprint. */
export function copyMark(p: Page, copyNo: number): void {
  if (copyNo <= 0) return;
  const { doc, t } = p;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.save().rotate(-35, { origin: [A4.width / 2, A4.height / 2] }).fillOpacity(0.12);
    t.line('副本 COPY', 90, { x: 0, y: A4.height / 2 - 50, width: A4.width, align: 'center', color: RED });
    doc.restore();
  }
}
