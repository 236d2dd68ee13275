import type { PermitFields, PermitScanResult } from '../../../shared/permit-qr';
import { chinaDate, chinaTime } from '../dates/calendar';
import { MARGIN, RED, WIDTH, openDocument } from '../pdf/document-pdf';

/** The permit's fields as the slip names them, in both languages, in the order the screen shows them. */
const FIELDS: [keyof PermitFields, string][] = [
  ['nm', '姓名 Name'],
  ['nmz', '中文姓名 Chinese name'],
  ['nat', '国籍 Nationality'],
  ['dob', '出生日期 Date of birth'],
  ['sex', '性别 Sex'],
  ['ppn', '护照号码 Passport number'],
  ['pn', '许可证号 Permit number'],
  ['nn', '通知编号 Notice number'],
  ['cat', '类别 Category'],
  ['emp', '用人单位 Employer'],
  ['uscc', '统一社会信用代码 USCC'],
  ['pos', '职位 Position'],
  ['loc', '工作地点 Work place'],
  ['vf', '有效期自 Valid from'],
  ['vt', '有效期至 Valid to'],
  ['ssn', '社会保障号码 Social security number'],
];

const SEX: Record<string, string> = { M: '男 Male', F: '女 Female', X: '未说明 Unspecified' };

/** The verdicts in both languages, as the slip prints them (the screen's words come from the renderer). */
const VERDICT: Record<string, string> = {
  VALID: '有效 Valid',
  EXPIRED: '已过期 Expired',
  NOT_YET_VALID: '尚未生效 Not yet valid',
  REVOKED: '已撤销 Revoked',
  SIGNATURE_INVALID: '签名无效 Signature not valid',
  UNKNOWN_SIGNER: '签发者未知 Unknown signer',
  MALFORMED: '格式错误 Malformed',
  UNSUPPORTED: '不支持的版本 Unsupported',
  REFERENCE: '仅为编号 A reference only',
  NOT_A_PERMIT: '不是工作许可二维码 Not a work permit QR',
};

/**
 * The police officer's verification slip for the last scan, as a PDF for the printer port (the same
 * path as the window's documents): time, officer, verdict, the permit's fields (marked as not to be
 * relied upon unless valid) and the trust list's version.
 */
export async function renderVerificationSlip(r: PermitScanResult, trustVersion: number | null): Promise<Buffer> {
  const p = openDocument({ title: `工作许可核验单 Permit verification slip ${chinaTime(r.scannedAt)}`, author: r.officerName, subject: r.check.verdict, day: chinaDate(new Date(r.scannedAt)) });
  const { t } = p;
  const full = { x: MARGIN, width: WIDTH };
  t.line('外国人工作许可核验单', 16, { ...full, align: 'center' });
  t.line('Work permit verification slip', 11, { ...full, align: 'center' });
  p.doc.y += 10;
  const row = (label: string, value: string) => t.line(`${label}：${value}`, 10.5, full);
  row('核验时间（北京时间）Time (Beijing time)', chinaTime(r.scannedAt));
  row('核验民警 Officer', r.officerName);
  row('核验结论 Verdict', VERDICT[r.check.verdict] ?? r.check.verdict);
  row('信任列表版本 Trust list version', String(r.check.trustListVersion ?? trustVersion ?? '—'));
  const permit = r.check.permit;
  if (permit) {
    p.doc.y += 6;
    for (const [f, label] of FIELDS) {
      const v = permit[f];
      if (v === undefined || v === null || v === '') continue;
      const shown = f === 'sex' ? (SEX[String(v)] ?? String(v)) : f === 'loc' && r.place?.known ? `${r.place.zh} ${r.place.en} (${r.place.code})` : String(v);
      row(label, shown);
    }
    if (r.check.verdict !== 'VALID') t.para('以上内容不可作为有效许可的依据。These details are not to be relied upon: the permit is not valid.', 10.5, { ...full, color: RED });
  }
  const { pdf } = await p.finish();
  return pdf;
}
