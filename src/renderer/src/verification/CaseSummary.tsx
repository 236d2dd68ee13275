import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../shared/cases';

/** Who and what the case is, in a few lines beside the checklist: what the clerk compares the originals with. */
export function CaseSummary({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const c = view.case;
  const a = c.applicant;
  const d = view.deadline;
  return (
    <section className="case-summary" aria-labelledby="summary-h" data-testid="case-summary">
      <h3 id="summary-h">
        {a.name} {a.nameZh ?? ''}
      </h3>
      <dl>
        <dt>{t('case.noticeNo')}</dt>
        <dd className="nowrap">{c.noticeNo}</dd>
        <dt>{t('case.permitNo')}</dt>
        <dd className="nowrap">{c.permitNo}</dd>
        <dt>{t('case.passportNo')}</dt>
        <dd className="nowrap">
          {a.passportNo} · {a.nationality}
        </dd>
        <dt>{t('case.category')}</dt>
        <dd>{t(`category.${c.category}`)}</dd>
        <dt>{t('case.employer')}</dt>
        <dd>{c.employer.name}</dd>
        <dt>{t('case.position')}</dt>
        <dd>{c.position ?? t('case.notSet')}</dd>
        <dt>{t('case.deadline')}</dt>
        <dd className={d ? `deadline-${d.state}` : undefined} data-testid="summary-deadline">
          {d ? `${d.lastDay} · ${d.state === 'overdue' ? t('case.overdueBy', { count: -d.daysLeft }) : t('case.daysLeft', { count: d.daysLeft })}` : t('case.noEntry')}
        </dd>
      </dl>
    </section>
  );
}
