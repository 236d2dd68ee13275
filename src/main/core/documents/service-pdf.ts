import type { ServiceRecipient, SignatureStrokes } from '../../../shared/verification';
import { A4, copyMark, fieldRows, heading, MARGIN, openDocument, sealBlock, WIDTH, zhDate, type Letterhead } from '../pdf/document-pdf';

/**
 * What a Proof of Service (送达回证) says: the documents served with their numbers, the person served
 * and who received them (the applicant, or an agent with the power of attorney's details), the place,
 * the method, the date, the server, and the recipient's signature: drawn on screen or on a pad (its
 * strokes are drawn into the PDF as paths), or left blank to be signed on the printed paper.
 */
export interface ServiceContent extends Letterhead {
  type: 'service';
  number: string;
  applicant: { name: string; nameZh: string | null; nationality: string; passportNo: string };
  noticeNo: string;
  served: { number: string; title: { zh: string; en: string } }[];
  recipient: ServiceRecipient;
  method: 'window';
  /** Who served them: the clerk's name. */
  server: string;
  signature: SignatureStrokes | null;
  issuedOn: string;
  copyNo: number;
}

export const METHODS = { window: { zh: '直接送达（窗口当面交付）', en: 'In person, handed over at the window' } } as const;

function recipientText(r: ServiceRecipient, applicantName: string): string {
  if (r.kind === 'applicant') return `${r.name || applicantName}（本人） in person`;
  const id = [r.agentIdType, r.agentIdNo].filter(Boolean).join(' ');
  return `${r.name}（代收人 agent${id ? `，${id}` : ''}；授权委托书 power of attorney: ${r.powerOfAttorney ?? '—'}）`;
}

/** Draws the strokes scaled into the box, keeping their proportions. */
function drawSignature(doc: PDFKit.PDFDocument, s: SignatureStrokes, box: { x: number; y: number; w: number; h: number }): void {
  const scale = Math.min(box.w / s.width, box.h / s.height);
  const ox = box.x + (box.w - s.width * scale) / 2;
  const oy = box.y + (box.h - s.height * scale) / 2;
  doc.save().lineWidth(1.2).lineCap('round').lineJoin('round').strokeColor('#000033').fillColor('#000033');
  for (const stroke of s.strokes) {
    const pts = stroke.map(([x, y]) => [ox + x * scale, oy + y * scale] as const);
    if (pts.length === 1) {
      doc.circle(pts[0][0], pts[0][1], 0.8).fill();
      continue;
    }
    doc.moveTo(pts[0][0], pts[0][1]);
    for (const [x, y] of pts.slice(1)) doc.lineTo(x, y);
    doc.stroke();
  }
  doc.restore();
}

export async function renderServicePdf(d: ServiceContent): Promise<{ pdf: Buffer; pages: number }> {
  const p = openDocument({
    title: `送达回证 ${d.number}${d.copyNo ? ` 副本 COPY ${d.copyNo}` : ''}`,
    author: d.authorityName,
    subject: 'Proof of Service',
    day: d.issuedOn,
  });
  heading(p, d, { zh: '送达回证', en: 'Proof of Service' });
  const a = d.applicant;
  const method = METHODS[d.method];
  fieldRows(p, [
    ['送达文书及文号', 'Documents served and numbers', d.served.map((s) => `${s.title.zh} ${s.title.en}  ${s.number}`).join('\n')],
    ['受送达人', 'Person served', `${a.nameZh ? `${a.name}（${a.nameZh}）` : a.name}  ${a.nationality} ${a.passportNo}`],
    ['通知编号', 'Notice No.', d.noticeNo],
    ['收件人', 'Received by', recipientText(d.recipient, a.name)],
    ['送达地点', 'Place', d.officeAddress || d.authorityName],
    ['送达方式', 'Method', `${method.zh} ${method.en}`],
    ['送达日期', 'Date served', `${zhDate(d.issuedOn)}  ${d.issuedOn}`],
    ['送达人', 'Served by', d.server],
  ]);
  // The recipient's signature box.
  const { doc, t } = p;
  if (doc.y + 110 > A4.height - MARGIN - 150) doc.addPage();
  const box = { x: MARGIN + 150, y: doc.y, w: WIDTH - 150, h: 90 };
  t.line('收件人签名', 10.5, { x: MARGIN, y: box.y, width: 150 });
  t.line('Recipient\u2019s signature', 7.5, { x: MARGIN, width: 150, color: '#444444' });
  doc.rect(box.x, box.y, box.w, box.h).lineWidth(0.6).strokeColor('#666666').stroke();
  if (d.signature) {
    drawSignature(doc, d.signature, { x: box.x + 6, y: box.y + 6, w: box.w - 12, h: box.h - 24 });
    t.line(`已于屏幕上签名 Signed on screen ${d.issuedOn}`, 7.5, { x: box.x + 6, y: box.y + box.h - 14, width: box.w - 12, align: 'right', color: '#444444' });
  } else {
    t.line('请在此框内签名 Please sign in this box', 7.5, { x: box.x + 6, y: box.y + box.h - 14, width: box.w - 12, align: 'right', color: '#999999' });
  }
  doc.y = box.y + box.h + 14;
  sealBlock(p, d);
  copyMark(p, d.copyNo);
  return p.finish();
}
