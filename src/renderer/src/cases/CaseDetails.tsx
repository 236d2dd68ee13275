import { LegacyCardNote, placeText } from '../permit-check/VerdictPanel';
import { ClocksPanel } from './ClocksPanel';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../shared/cases';
import { ChecksPanel } from './ChecksPanel';
import { beijingTime } from '../shell/time';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function DeadlinePanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const c = view.case;
  const d = view.deadline;
  const state = d?.state ?? 'unknown';
  return (
    <section className={`deadline deadline-${state}`} data-testid="deadline" data-state={state} aria-labelledby="deadline-heading">
      <h2 id="deadline-heading">{t('case.deadline')}</h2>
      {d ? (
        <>
          <p className="verdict">
            {d.state === 'overdue'
              ? t('case.overdueBy', { count: -d.daysLeft })
              : `${t('case.daysLeft', { count: d.daysLeft })} · ${d.state === 'near' ? t('case.nearState') : t('case.okState')}`}
          </p>
          <dl>
            <Field label={t('case.entryDate')}>{c.entryDate}</Field>
            <Field label={t('case.lastDay')} testId="last-day">{d.lastDay}</Field>
          </dl>
        </>
      ) : (
        <p>{t('case.noEntry')}</p>
      )}
      {c.category === 'A' && <p>{t('case.categoryA')}</p>}
    </section>
  );
}

/** Everything the window checks, grouped as on the paper file: applicant, employer, notice, permit. */
export function CaseDetails({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const c = view.case;
  const a = c.applicant;
  const none = t('case.notSet');
  return (
    <article className="case" data-testid="case-view" aria-labelledby="case-heading">
      <h1 id="case-heading">
        {a.name} {a.nameZh ?? ''} <span className="status-pill" data-testid="case-status">{t(`status.${c.status}`)}</span>
      </h1>
      <DeadlinePanel view={view} />
      <ClocksPanel clocks={view.clocks} />
      <ChecksPanel checks={view.checks} />
      <div className="grid">
        <section aria-labelledby="applicant-h">
          <h2 id="applicant-h">{t('case.applicant')}</h2>
          <dl>
            <Field label={t('case.name')} testId="applicant-name">{a.name}</Field>
            <Field label={t('case.nameZh')}>{a.nameZh ?? none}</Field>
            <Field label={t('case.nationality')}>{a.nationality}</Field>
            <Field label={t('case.sex')}>{t(`sex.${a.sex}`)}</Field>
            <Field label={t('case.birthDate')}>{a.birthDate}</Field>
            <Field label={t('case.passportNo')} testId="passport-no">{a.passportNo}</Field>
            <Field label={t('case.ssn')}>{a.ssn ?? none}</Field>
          </dl>
        </section>
        <section aria-labelledby="employer-h">
          <h2 id="employer-h">{t('case.employer')}</h2>
          <dl>
            <Field label={t('case.employerName')}>{c.employer.name}</Field>
            <Field label={t('case.uscc')}>
              {c.employer.uscc}{' '}
              <span className={view.usccValid ? 'ok' : 'bad'}>{view.usccValid ? `✓ ${t('case.usccValid')}` : `✗ ${t('case.usccInvalid')}`}</span>
            </Field>
            <Field label={t('case.address')}>{c.employer.address}</Field>
          </dl>
        </section>
        <section aria-labelledby="notice-h">
          <h2 id="notice-h">{t('case.notice')}</h2>
          <dl>
            <Field label={t('case.noticeNo')} testId="notice-no">{c.noticeNo}</Field>
            <Field label={t('case.issuedOn')}>{c.notice?.issuedOn ?? none}</Field>
            <Field label={t('case.validUntil')}>{view.noticeValidUntil ?? none}</Field>
            <Field label={t('case.approved')}>{c.notice ? t('case.validMonths', { count: c.notice.approvedMonths }) : none}</Field>
            <Field label={t('case.family')}>
              {c.notice?.family.length ? (
                <ul>
                  {c.notice.family.map((f) => (
                    <li key={f.passportNo}>
                      {t(`relation.${f.relation}`, { defaultValue: f.relation })}: {f.name} ({f.passportNo})
                    </li>
                  ))}
                </ul>
              ) : (
                t('case.noFamily')
              )}
            </Field>
          </dl>
        </section>
        <section aria-labelledby="permit-h">
          <h2 id="permit-h">{t('case.permit')}</h2>
          <dl>
            <Field label={t('case.permitNo')} testId="permit-no">{c.permitNo}</Field>
            <Field label={t('case.category')}>{t(`category.${c.category}`)}</Field>
            <Field label={t('case.position')}>{c.position ?? none}</Field>
            <Field label={t('case.workPlace')} testId="work-place">{c.workPlace ? placeText(view.workPlaceName, c.workPlace, i18n.language) : none}</Field>
            <Field label={t('case.validity')}>{c.validFrom && c.validTo ? `${c.validFrom} – ${c.validTo}` : none}</Field>
          </dl>
          {view.legacyCard && <LegacyCardNote card={view.legacyCard} />}
        </section>
        <section aria-labelledby="contract-h">
          <h2 id="contract-h">{t('case.contract')}</h2>
          <dl>
            <Field label={t('case.contractStart')}>{c.contract?.start ?? none}</Field>
            <Field label={t('case.contractEnd')}>{c.contract?.end ?? none}</Field>
            <Field label={t('case.contractSigned')}>{c.contract?.signed ?? none}</Field>
          </dl>
          <h2>{t('case.medical')}</h2>
          <dl>
            <Field label={t('case.medicalKind')}>{c.medical ? t(`medicalKind.${c.medical.kind}`) : none}</Field>
            {c.medical?.kind === 'commitment' ? (
              <Field label={t('case.medicalIssued')}>
                <span data-testid="medical-commitment">{t('case.commitmentNote')}</span>
              </Field>
            ) : (
              <>
                <Field label={t('case.medicalIssued')}>{c.medical?.issuedOn ?? none}</Field>
                <Field label={t('case.medicalIssuer')}>{c.medical?.issuer ?? none}</Field>
              </>
            )}
          </dl>
        </section>
        <section aria-labelledby="materials-h">
          <h2 id="materials-h">{t('case.materials')}</h2>
          <ul className="materials">
            {(c.materials ?? []).map((m) => (
              <li key={m.code}>
                {t(`material.${m.code}`, { defaultValue: m.code })} <small>({m.required ? t('case.required') : t('case.optional')})</small>
              </li>
            ))}
          </ul>
          <h2>{t('case.history')}</h2>
          <ol className="history" data-testid="history">
            {(c.history ?? []).map((h) => (
              <li key={`${h.status}-${h.at}`}>
                <time dateTime={h.at}>{beijingTime(h.at, t)}</time> {t(`status.${h.status}`)}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </article>
  );
}
