import { copyMark, fieldRows, heading, MARGIN, openDocument, paragraph, sealBlock, WIDTH, zhDate, type Letterhead } from '../pdf/document-pdf';

/**
 * What a Notice to Supplement Materials (补正材料通知书) says. Art. 32 of the Administrative Licensing
 * Law asks that everything to be supplemented is told once, in full, in writing: each material and
 * what is wrong with it, the last day to bring them, and where and when the window takes them.
 */
export interface SupplementContent extends Letterhead {
  type: 'supplement';
  number: string;
  applicant: { name: string; nameZh: string | null; nationality: string; passportNo: string };
  employer: { name: string; uscc: string };
  noticeNo: string;
  category: string;
  /** Each material and what is wrong with it, as the clerk wrote it. */
  items: string[];
  /** The last day to bring them (the 30-day window's, or the notice's end of validity if sooner); null when neither is known. */
  bringBy: string | null;
  window: { zh: string; en: string };
  issuedOn: string;
  copyNo: number;
}

export async function renderSupplementPdf(d: SupplementContent): Promise<{ pdf: Buffer; pages: number }> {
  const p = openDocument({
    title: `补正材料通知书 ${d.number}${d.copyNo ? ` 副本 COPY ${d.copyNo}` : ''}`,
    author: d.authorityName,
    subject: 'Notice to Supplement Materials',
    day: d.issuedOn,
  });
  heading(p, d, { zh: '补正材料通知书', en: 'Notice to Supplement Materials' });
  const a = d.applicant;
  fieldRows(p, [
    ['申请人', 'Applicant', a.nameZh ? `${a.name}（${a.nameZh}）` : a.name],
    ['国籍 / 护照号码', 'Nationality / passport No.', `${a.nationality} / ${a.passportNo}`],
    ['用人单位', 'Employer', `${d.employer.name}  ${d.employer.uscc}`],
    ['申请事项', 'Matter applied for', `外国人来华工作许可（${d.category}类） Work permit for a foreigner working in China (Category ${d.category})`],
    ['通知编号', 'Notice No.', d.noticeNo],
  ]);
  paragraph(
    p,
    `${a.nameZh ?? a.name}、${d.employer.name}：根据《中华人民共和国行政许可法》第三十二条的规定，经现场核验，你（单位）的申请材料不齐全或者不符合法定形式，现一次性告知需要补正的全部内容如下：`,
    'Under Article 32 of the Administrative Licensing Law, the on-site verification found the application\u2019s materials incomplete or not in the form the law requires. Everything to be supplemented is listed here, once and in full:',
  );
  d.items.forEach((item, i) => {
    p.t.para(`${i + 1}. ${item}`, 10.5, { x: MARGIN + 21, width: WIDTH - 21, lineGap: 2 });
    p.doc.y += 4;
  });
  p.doc.y += 6;
  paragraph(
    p,
    d.bringBy
      ? `请于${zhDate(d.bringBy)}（含当日）前携带上述材料原件到本窗口办理：${d.window.zh}。`
      : `请尽快携带上述材料原件到本窗口办理：${d.window.zh}。`,
    d.bringBy
      ? `Please bring the originals of these materials to this window on or before ${d.bringBy}: ${d.window.en}.`
      : `Please bring the originals of these materials to this window as soon as you can: ${d.window.en}.`,
  );
  sealBlock(p, d);
  copyMark(p, d.copyNo);
  return p.finish();
}
