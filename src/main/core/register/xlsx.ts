import ExcelJS from 'exceljs';
import { FIGURE_COLUMNS, type Register, type RegisterFigures } from '../../../shared/register';
import { chinaTime } from '../dates/calendar';
import { documentName } from '../documents/render-document';

/**
 * The register as a workbook: the periods (all clerks), the periods by clerk, the number blocks and
 * the signed days, each a sheet with its headings in Chinese and English. Figures are numbers, not
 * text, so the office's own spreadsheets can sum them.
 */
export async function registerWorkbook(r: Register): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'acceptance-window';
  wb.created = new Date(`${r.to}T00:00:00Z`);
  // A sheet: its columns with their headings in bold, then its rows (cells in column order, or by key).
  const listSheet = (name: string, columns: { key: string; header: string; width: number }[], rows: (unknown[] | Record<string, unknown>)[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = columns;
    for (const row of rows) ws.addRow(row);
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  // A sheet of figures: the lead columns, then one per figure, its heading row kept in view.
  const figures = (name: string, lead: { header: string; key: string }[], rows: { lead: (string | number)[]; f: RegisterFigures }[]) => {
    const columns = [...lead.map((l) => ({ ...l, width: 16 })), ...FIGURE_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: 14 }))];
    const ws = listSheet(name, columns, rows.map((row) => [...row.lead, ...FIGURE_COLUMNS.map((c) => c.of(row.f))]));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };
  const periodHeader = { key: 'period', header: `${{ day: '日 Day', week: '周（周一）Week (Monday)', month: '月 Month' }[r.by]}` };
  const totals = figures('Totals 合计', [periodHeader], r.totals.map((t) => ({ lead: [t.period], f: t.figures })));
  totals.addRow(['合计 Total', ...FIGURE_COLUMNS.map((c) => c.of(r.total))]).font = { bold: true };
  figures('By clerk 按人员', [periodHeader, { key: 'clerk', header: '人员 Clerk' }], r.rows.map((row) => ({ lead: [row.period, row.clerk], f: row.figures })));
  listSheet(
    'Numbers 文号',
    [
      { key: 'type', header: '文书 Document', width: 40 },
      { key: 'prefix', header: '前缀 Prefix', width: 18 },
      { key: 'year', header: '年 Year', width: 8 },
      { key: 'from', header: '起 From', width: 10 },
      { key: 'to', header: '止 To', width: 10 },
      { key: 'used', header: '已用 Used', width: 10 },
      { key: 'left', header: '剩余 Left', width: 10 },
    ],
    // The document's name in both languages, never its code.
    r.blocks.map((b) => ({ ...b, type: documentName(b.type) })),
  );
  listSheet(
    'Reviews 日终审核',
    [
      { key: 'day', header: '日 Day', width: 12 },
      { key: 'signedBy', header: '审核人 Signed by', width: 16 },
      { key: 'signedAt', header: '签署时间（北京时间）Signed at (Beijing time)', width: 26 },
      { key: 'note', header: '备注 Note', width: 40 },
      { key: 'unchanged', header: '数据未变 Unchanged since', width: 14 },
    ],
    r.reviews.map((v) => ({ ...v, signedAt: chinaTime(v.signedAt), unchanged: v.unchanged ? '是 yes' : '否 NO' })),
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}
