import { FIGURE_COLUMNS, type Register, type RegisterFigures } from '../../../shared/register';
import { chinaTime } from '../dates/calendar';
import { A4, MARGIN, WIDTH, openDocument, type Page } from '../pdf/document-pdf';
import { documentName } from '../documents/render-document';

const COLUMNS = FIGURE_COLUMNS.filter((c) => c.summary);
const LEAD = 96;
const CELL = (WIDTH - LEAD) / COLUMNS.length;
const BOTTOM = A4.height - MARGIN;

/** A table of figures with its heading row repeated on each new page. */
function table(p: Page, title: string, rows: { lead: string; f: RegisterFigures; bold?: boolean }[]): void {
  const { doc, t } = p;
  const head = () => {
    const y = doc.y;
    t.line('', 7, { x: MARGIN, y, width: LEAD });
    COLUMNS.forEach((c, i) => t.line(c.short[0], 7, { x: MARGIN + LEAD + i * CELL, y, width: CELL - 2, align: 'right' }));
    const y2 = y + 9;
    COLUMNS.forEach((c, i) => t.line(c.short[1], 6.5, { x: MARGIN + LEAD + i * CELL, y: y2, width: CELL - 2, align: 'right' }));
    doc.moveTo(MARGIN, y2 + 10).lineTo(MARGIN + WIDTH, y2 + 10).lineWidth(0.5).strokeColor('#666666').stroke();
    doc.y = y2 + 13;
  };
  if (doc.y + 60 > BOTTOM) doc.addPage();
  t.line(title, 11, { x: MARGIN, width: WIDTH });
  head();
  for (const r of rows) {
    if (doc.y + 12 > BOTTOM) {
      doc.addPage();
      head();
    }
    const y = doc.y;
    t.line(r.lead, 8, { x: MARGIN, y, width: LEAD - 4 });
    COLUMNS.forEach((c, i) => t.line(String(c.of(r.f)), 8, { x: MARGIN + LEAD + i * CELL, y, width: CELL - 2, align: 'right' }));
    doc.y = y + 12;
  }
  doc.y += 8;
}

/**
 * The register as a PDF for the office's file: the scope and deadlines, the periods with their total,
 * each clerk's figures over the range, the number blocks and the signed days. Text, not a picture, so
 * it reads back (and is searched) as the documents are.
 */
export async function registerPdf(r: Register, office: string): Promise<Buffer> {
  const p = openDocument({ title: '登记统计 Register', author: office, subject: `${r.window} ${r.from} – ${r.to}`, day: r.to });
  const { t } = p;
  const full = { x: MARGIN, width: WIDTH };
  t.line(office, 13, { ...full, align: 'center' });
  t.line('受理窗口登记统计  Register of the acceptance window', 15, { ...full, align: 'center' });
  const by = { day: '按日 by day', week: '按周（自周一）by week (from Monday)', month: '按月 by month' }[r.by];
  t.line(`${r.window}   ${r.from} 至 to ${r.to}（北京时间 Beijing days）  ${by}`, 9, { ...full, align: 'center' });
  t.line(`截至 ${r.deadlines.asOf} 的时限 Deadlines as of ${r.deadlines.asOf}: 逾期 overdue ${r.deadlines.overdue}, 临近 near ${r.deadlines.near}`, 9, { ...full, align: 'center' });
  p.doc.y += 10;
  table(p, '全部人员 All clerks', [...r.totals.map((x) => ({ lead: x.period, f: x.figures })), { lead: '合计 Total', f: r.total }]);
  table(p, '按人员（全期）By clerk, over the range', r.byClerk.map((x) => ({ lead: x.clerk, f: x.figures })));
  t.line('文书文号 Document numbers', 11, full);
  for (const b of r.blocks) t.line(`${documentName(b.type)}  ${b.prefix} ${b.year}  ${b.from}–${b.to}   已用 used ${b.used}   剩余 left ${b.left}`, 8, full);
  p.doc.y += 8;
  t.line('日终审核 End-of-day reviews', 11, full);
  if (r.reviews.length === 0) t.line('无 none', 8, full);
  for (const v of r.reviews) t.line(`${v.day}  ${v.signedBy}  ${chinaTime(v.signedAt)} 北京时间 Beijing time  ${v.unchanged ? '数据未变 unchanged' : '签署后有变化 CHANGED since signed'}  ${v.note}`, 8, full);
  return (await p.finish()).pdf;
}
