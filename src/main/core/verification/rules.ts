import type { PermitCase } from '../../../shared/cases';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import { REFORM_DAY } from '../cases/reform';
import { entryDeadline } from '../cases/deadlines';
import { addMonths, daysBetween } from '../dates/calendar';
import { isValidUscc } from '../cases/uscc';

/**
 * The rules the window applies to a case, one entry each with its basis, so the checklist, the
 * supervisor's override and the printed record all name the same rule. Dates are YYYY-MM-DD, Beijing.
 * Decided where the published answers are silent: the application date is the notice's issue date
 * (the case carries no other); "within 6 months" counts as the Civil Code counts months (Art. 201-202).
 */
export type RuleId = 'attend-within-30-days' | 'notice-current-version' | 'not-returned-to-pre-examination' | 'notice-within-validity' | 'medical-report-recent' | 'contract-effective-within-90-days' | 'employer-credit-code';

export interface RuleResult {
  rule: RuleId;
  status: 'pass' | 'fail' | 'not-applicable' | 'supplement';
  /** Whether a fail stops approval unless a supervisor overrides it with a written reason. */
  blocksApproval: boolean;
  /** Facts the result rests on, for the screen and the record (dates, days). */
  facts: Record<string, string | number | null>;
}

/** The settings the rules read (months a notice stays valid, and a medical report recent). */
export type RuleSettings = Pick<Settings, 'noticeValidMonths' | 'medicalValidMonths'>;

export interface Rule {
  id: RuleId;
  basis: { zh: string; en: string };
  check(c: PermitCase, today: string, s: RuleSettings): RuleResult;
}

const result = (rule: RuleId, status: RuleResult['status'], facts: RuleResult['facts'], blocks = true): RuleResult => ({
  rule,
  status,
  blocksApproval: status === 'fail' && blocks,
  facts,
});

export const RULES: Rule[] = [
  {
    id: 'attend-within-30-days',
    basis: {
      zh: 'B类、C类外国人工作许可通知持有人应在入境后30日内到受理窗口核验材料原件；A类可不到窗口核验。',
      en: 'Holders of Category B and C notices come to the window within 30 days of entering China; Category A need not come.',
    },
    check(c, today) {
      if (c.category === 'A') return result(this.id, 'not-applicable', { category: 'A' });
      const d = c.entryDate ? entryDeadline(c.entryDate, today) : null;
      if (!d) return result(this.id, 'supplement', { entryDate: c.entryDate });
      return result(this.id, d.state === 'overdue' ? 'fail' : 'pass', { entryDate: c.entryDate, lastDay: d.lastDay, daysLeft: d.daysLeft });
    },
  },
  {
    // The reform's transition: from 1 December 2024 the permit is loaded onto the social security card,
    // and a notice of the earlier version cannot be verified at the window until the new one is fetched.
    id: 'notice-current-version',
    basis: {
      zh: '自2024年12月1日起外国人工作许可信息加载至社会保障卡；此前签发的旧版《外国人工作许可通知》不能在窗口核验，须由用人单位登录系统下载新版通知后再来办理。',
      en: 'Since 1 December 2024 the work permit is loaded onto the social security card; a Work Permit Notice of the earlier version cannot be verified at the window: the employer downloads the new version from the system first.',
    },
    check(c) {
      if (!c.notice) return result(this.id, 'supplement', { issuedOn: null });
      // Upstream may mark a notice as the old version whatever its date (a field the contract tolerates).
      const marked = (c.notice as { oldVersion?: unknown }).oldVersion === true;
      const old = marked || c.notice.issuedOn < REFORM_DAY;
      return result(this.id, old ? 'fail' : 'pass', { issuedOn: c.notice.issuedOn, reformDay: REFORM_DAY, markedOldBy: marked ? 'upstream' : null });
    },
  },
  {
    // The reform's transition: applications in transit on 1 December 2024 were returned to
    // pre-examination, and come back to the window only with a notice of the new version. Upstream
    // marks such a case (`returnedToPreExamination`, a field the contract tolerates); the window says so
    // and does not verify it.
    id: 'not-returned-to-pre-examination',
    basis: {
      zh: '2024年12月1日改革前已受理尚未办结的申请，已退回至预审环节：须由用人单位在系统中按新流程重新提交并取得新版《外国人工作许可通知》后，方可到窗口核验。',
      en: 'Applications in transit at the reform of 1 December 2024 were returned to pre-examination: the employer submits again in the system under the new procedure and obtains the new version of the notice before the window can verify it.',
    },
    check(c) {
      const returned = (c as { returnedToPreExamination?: unknown }).returnedToPreExamination === true;
      return result(this.id, returned ? 'fail' : 'pass', { reformDay: REFORM_DAY, returnedToPreExamination: returned ? 'upstream' : null });
    },
  },
  {
    id: 'notice-within-validity',
    basis: {
      zh: '外国人工作许可通知自签发之日起有效期（全国模板为6个月）；逾期使用的予以标注。',
      en: 'The Work Permit Notice is valid for a period from its issue date (6 months in the national template); a notice used after it is flagged.',
    },
    check(c, today, s) {
      if (!c.notice) return result(this.id, 'supplement', { issuedOn: null });
      const until = addMonths(c.notice.issuedOn, s.noticeValidMonths);
      return result(this.id, until !== null && today <= until ? 'pass' : 'fail', { issuedOn: c.notice.issuedOn, validUntil: until });
    },
  },
  {
    id: 'medical-report-recent',
    basis: {
      zh: '境内检验检疫机构6个月内出具的体检报告；或申请时已上传境外指定机构6个月内的体检报告（告知承诺制：办理居留许可前补交境内报告）。',
      en: 'A medical report issued in China within 6 months, or one from a designated institution abroad dated within 6 months and uploaded with the application (commitment: the domestic report follows before the residence permit).',
    },
    check(c, today, s) {
      const m = c.medical;
      if (!m) return result(this.id, 'supplement', { kind: null });
      // A commitment is no report out of date: the domestic certificate follows before the residence permit.
      if (m.kind === 'commitment') return result(this.id, 'supplement', { kind: m.kind });
      // A domestic report counts from today; one uploaded with the application, from the application.
      const reference = m.kind === 'domestic' ? today : (c.notice?.issuedOn ?? today);
      const recentUntil = addMonths(m.issuedOn, s.medicalValidMonths);
      const recent = recentUntil !== null && reference <= recentUntil;
      if (!recent) return result(this.id, 'fail', { kind: m.kind, issuedOn: m.issuedOn, recentUntil });
      return result(this.id, 'pass', { kind: m.kind, issuedOn: m.issuedOn, recentUntil });
    },
  },
  {
    id: 'contract-effective-within-90-days',
    basis: {
      zh: '劳动合同（工作90日以上）生效日期应在申请之日起90日内，且与申请时一致。',
      en: 'The contract (over 90 days of work) takes effect within 90 days of the application, and is unchanged since.',
    },
    check(c) {
      if (!c.contract || !c.notice) return result(this.id, 'supplement', { start: c.contract?.start ?? null });
      const days = daysBetween(c.notice.issuedOn, c.contract.start);
      return result(this.id, days !== null && days <= 90 ? 'pass' : 'fail', { application: c.notice.issuedOn, start: c.contract.start, days });
    },
  },
  {
    id: 'employer-credit-code',
    basis: {
      zh: '用人单位统一社会信用代码校验码应符合GB 32100。',
      en: "The employer's unified social credit code carries a valid GB 32100 check character.",
    },
    check(c) {
      return result(this.id, isValidUscc(c.employer.uscc) ? 'pass' : 'fail', { uscc: c.employer.uscc });
    },
  },
];

/** Every rule's result for a case as of `today`; approval is blocked when any blocking rule fails. */
export function checkCase(c: PermitCase, today: string, s: RuleSettings = DEFAULT_SETTINGS): { results: RuleResult[]; approvalBlocked: boolean } {
  const results = RULES.map((r) => r.check(c, today, s));
  return { results, approvalBlocked: results.some((r) => r.blocksApproval) };
}
