import { copyMark, fieldRows, heading, MARGIN, openDocument, paragraph, sealBlock, WIDTH, type Letterhead } from '../pdf/document-pdf';

/**
 * What a Decision Not to Grant Administrative Licence (不予行政许可决定书) says. Art. 38(2) of the
 * Administrative Licensing Law asks for the reasons and for the applicant's rights to apply for
 * administrative reconsideration or to sue; the bodies come from the office's settings.
 */
export interface RefusalContent extends Letterhead {
  type: 'refusal';
  number: string;
  applicant: { name: string; nameZh: string | null; nationality: string; passportNo: string };
  employer: { name: string; uscc: string };
  noticeNo: string;
  permitNo: string;
  category: string;
  /** Each reason as the clerk wrote it. */
  reasons: string[];
  basis: { zh: string; en: string };
  reconsideration: { zh: string; en: string };
  litigation: { zh: string; en: string };
  issuedOn: string;
  copyNo: number;
}

/** The legal basis a refusal at the window cites (the Administrative Licensing Law and the Exit and Entry Administration Law). */
export const REFUSAL_BASIS = {
  zh: '《中华人民共和国行政许可法》第三十八条第二款；《中华人民共和国出境入境管理法》第四十一条',
  en: 'Article 38(2) of the Administrative Licensing Law of the People\u2019s Republic of China; Article 41 of the Exit and Entry Administration Law of the People\u2019s Republic of China',
};

export async function renderRefusalPdf(d: RefusalContent): Promise<{ pdf: Buffer; pages: number }> {
  const p = openDocument({
    title: `不予行政许可决定书 ${d.number}${d.copyNo ? ` 副本 COPY ${d.copyNo}` : ''}`,
    author: d.authorityName,
    subject: 'Decision Not to Grant Administrative Licence',
    day: d.issuedOn,
  });
  heading(p, d, { zh: '不予行政许可决定书', en: 'Decision Not to Grant Administrative Licence' });
  const a = d.applicant;
  fieldRows(p, [
    ['申请人', 'Applicant', a.nameZh ? `${a.name}（${a.nameZh}）` : a.name],
    ['国籍', 'Nationality', a.nationality],
    ['护照号码', 'Passport No.', a.passportNo],
    ['用人单位', 'Employer', `${d.employer.name}  ${d.employer.uscc}`],
    ['申请事项', 'Matter applied for', `外国人来华工作许可（${d.category}类） Work permit for a foreigner working in China (Category ${d.category})`],
    ['通知编号 / 许可证号', 'Notice No. / permit No.', `${d.noticeNo} / ${d.permitNo}`],
  ]);
  paragraph(
    p,
    `${a.nameZh ?? a.name}、${d.employer.name}：你（单位）提出的外国人来华工作许可申请，经本机关现场核验，不符合法定条件、标准，理由如下：`,
    'This authority verified the application for a work permit for a foreigner working in China on site and finds that it does not meet the statutory conditions and standards, for these reasons:',
  );
  d.reasons.forEach((r, i) => {
    p.t.para(`${i + 1}. ${r}`, 10.5, { x: MARGIN + 21, width: WIDTH - 21, lineGap: 2 });
    p.doc.y += 4;
  });
  p.doc.y += 6;
  paragraph(p, `根据${d.basis.zh}的规定，本机关决定不予行政许可。`, `Under ${d.basis.en}, this authority decides not to grant the administrative licence.`);
  paragraph(
    p,
    `如不服本决定，可以自收到本决定书之日起六十日内向${d.reconsideration.zh}申请行政复议，或者自收到本决定书之日起六个月内向${d.litigation.zh}提起行政诉讼。`,
    `If you do not accept this decision, you may apply to ${d.reconsideration.en} for administrative reconsideration within 60 days of receiving it, or bring an administrative lawsuit before ${d.litigation.en} within 6 months of receiving it.`,
  );
  sealBlock(p, d);
  copyMark(p, d.copyNo);
  return p.finish();
}
