import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../shared/cases';

const MARK = { pass: '✓', fail: '✗', 'not-applicable': '–', supplement: '!' } as const;

/** The rules the window applies, each with its result, its facts and its basis in the user's language. */
export function ChecksPanel({ checks }: { checks: CaseView['checks'] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="checks" aria-labelledby="checks-h" data-testid="checks" data-blocked={checks.approvalBlocked}>
      <h2 id="checks-h">{t('checks.heading')}</h2>
      {checks.approvalBlocked && <p className="bad">{t('checks.blocked')}</p>}
      <ul>
        {checks.results.map((r) => (
          <li key={r.rule} data-rule={r.rule} data-status={r.status} className={`check-${r.status}`}>
            <strong>
              {MARK[r.status]} {t(`checks.rule.${r.rule}`)}: {t(`checks.status.${r.status}`)}
            </strong>
            <small>
              {' '}
              {Object.entries(r.facts)
                .filter(([, v]) => v !== null)
                .map(([k, v]) => `${t(`checks.fact.${k}`, { defaultValue: k })} ${k === 'kind' ? t(`medicalKind.${v}`) : v}`)
                .join(' · ')}
            </small>
            <br />
            <small className="hint">{i18n.language === 'en' ? r.basis.en : r.basis.zh}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}
